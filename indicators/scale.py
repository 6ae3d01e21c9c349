"""Key-figure values of every municipality and region for the benchmark (`generate_scale`).

The demo's indicators for all the areas of Statistics Finland's classification that the demo
leaves without values, since 1970: the labour-market figures monthly and by gender, the key
figures quarterly and by gender, the finance figures yearly, as the importer would store them
(a period with its start date, a breakdown such as "gender:female"). Each series is a random
walk from the demo town's latest value. Rows go in with COPY, a chunk of areas per transaction.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils import timezone

from indicators import demo
from indicators.models import Area, Indicator, Value, period_start
from portal.scale import Plan, analyse, chunks, copy_rows, indexes_deferred

FIRST_YEAR = 1970
GENDERS = ("", "gender:male", "gender:female")
# (source of the demo's spec, periods a year, breakdowns)
SHAPES = {"employment": (12, GENDERS), "key_figures": (4, GENDERS), "finances": (1, ("",))}
AREAS_PER_CHUNK = 8
COLUMNS = [
    "indicator_id",
    "area_id",
    "period",
    "period_start",
    "breakdown",
    "value",
    "run_id",
    "created",
    "modified",
]


def _periods(per_year: int, last_year: int) -> list[tuple[str, datetime.date]]:
    periods = []
    for year in range(FIRST_YEAR, last_year + 1):
        if per_year == 12:
            names = [f"{year}M{month:02d}" for month in range(1, 13)]
        elif per_year == 4:
            names = [f"{year}Q{quarter}" for quarter in range(1, 5)]
        else:
            names = [str(year)]
        periods += [(name, period_start(name)) for name in names]
    return periods


def _series(last_year: int) -> list[tuple[Indicator, str, list, Decimal]]:
    """(indicator, breakdown, periods, starting value) of each series of one area."""
    spec = demo.spec()
    indicators = Indicator.objects.in_bulk(field_name="code")
    home = Area.objects.filter(code=demo.HOME["code"]).first()
    latest = {}
    for indicator_id, value in (
        Value.objects.filter(area=home, breakdown="")
        .order_by("indicator_id", "period_start")
        .values_list("indicator_id", "value")
    ):
        latest[indicator_id] = value
    series = []
    for source, (per_year, breakdowns) in SHAPES.items():
        periods = _periods(per_year, last_year)
        for code in spec["sources"][source]["indicators"].values():
            indicator = indicators.get(code)
            if indicator is None:
                continue
            start = abs(latest.get(indicator.pk, Decimal(100))) or Decimal(100)
            series += [(indicator, breakdown, periods, start) for breakdown in breakdowns]
    return series


def generate(plan: Plan, stdout) -> None:
    last_year = timezone.localdate().year - 1
    series = _series(last_year)
    if not series:
        raise RuntimeError("The demo's indicators are missing: run load_demo first.")
    per_area = sum(len(periods) for _i, _b, periods, _s in series)
    areas = [area for area in Area.objects.order_by("code") if area.code not in demo_codes()]
    total = plan.counts["key_figure_values"]
    needed = min(len(areas), -(-total // per_area))
    areas = areas[:needed]
    # Areas are filled a chunk at a time in this order; one index probe per area.
    done = (
        Area.objects.filter(pk__in=[area.pk for area in areas])
        .filter(Exists(Value.objects.filter(area=OuterRef("pk"))))
        .count()
    )
    now = timezone.now()

    def write(start: int, end: int) -> int:
        rng = plan.rng("indicators", start)
        rows = []
        for position in range(start, end):
            area = areas[position]
            room = total - position * per_area
            for indicator, breakdown, periods, value in series:
                scale = value / 2 if breakdown else value
                for name, starts in periods:
                    if room <= 0:
                        break
                    scale = scale * Decimal(str(round(rng.uniform(0.98, 1.021), 4)))
                    rows.append(
                        (
                            indicator.pk,
                            area.pk,
                            name,
                            starts,
                            breakdown,
                            round(scale, indicator.decimals),
                            None,
                            now,
                            now,
                        )
                    )
                    room -= 1
        return copy_rows(Value._meta.db_table, COLUMNS, rows)

    with indexes_deferred(Value, stdout=stdout, load=done < needed):
        chunks(
            stdout, "key-figure areas", total=needed, done=done, size=AREAS_PER_CHUNK, write=write
        )
    analyse(Value)


def demo_codes() -> set[str]:
    """The areas whose values the demo imports."""
    return {demo.HOME["code"], demo.HOME["region"], "SSS", *demo.REFERENCES}
