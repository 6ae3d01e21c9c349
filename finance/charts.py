"""Bar charts drawn on the server as SVG: every chart comes with a data table and a one-sentence
summary on the page, so that a screen reader gets the same numbers as the eye."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 320
BAR_AREA = 230
BAR_HEIGHT = 12
LABEL_HEIGHT = 16
GAP = 10


@dataclass
class Bar:
    series: int
    y: int
    width: int
    value_x: int
    text: str


@dataclass
class Row:
    label: str
    y: int
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Chart:
    key: str
    title: str
    summary: str
    series: list[str]
    rows: list[Row]
    height: int

    @property
    def has_legend(self) -> bool:
        return len(self.series) > 1


def bar_chart(
    key: str,
    title: str,
    summary: str,
    rows: list[tuple[str, list[Decimal | None]]],
    *,
    series: list[str],
    text=str,
) -> Chart:
    """Horizontal bars, one group per row and one bar per series; negative values and missing
    ones draw no bar (the table and the value text still give them)."""
    largest = max(
        (value for _label, values in rows for value in values if value is not None and value > 0),
        default=Decimal(1),
    )
    out = []
    y = 0
    for label, values in rows:
        row = Row(label=label, y=y + 12)
        y += LABEL_HEIGHT
        for index, value in enumerate(values):
            width = 0
            if value is not None and value > 0:
                width = max(1, round(float(value / largest) * BAR_AREA))
            row.bars.append(
                Bar(
                    series=index,
                    y=y,
                    width=width,
                    value_x=width + 4,
                    text="–" if value is None else text(value),
                )
            )
            y += BAR_HEIGHT + 2
        out.append(row)
        y += GAP
    return Chart(key=key, title=title, summary=summary, series=series, rows=out, height=max(y, 20))
