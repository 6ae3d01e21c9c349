"""Reads of the key figures: the comparison areas, dashboard cards, an indicator's series.

Every page costs the same few queries however many values or periods there are: the values of
a page are fetched in one query and arranged in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from indicators.models import (
    Area,
    ComparisonSettings,
    Direction,
    Indicator,
    Target,
    Theme,
    Value,
)
from indicators.periods import period_in, period_label, period_short, period_since

POPULATION = "population"
# Periods a card's trend line shows.
TREND_PERIODS = 10


@dataclass
class Comparison:
    """This municipality and the areas it is compared with, in display order."""

    home: Area | None
    references: list[Area]
    region: Area | None
    country: Area | None

    @property
    def areas(self) -> list[Area]:
        found = [self.home, *self.references, self.region, self.country]
        return [area for area in found if area is not None]


def comparison() -> Comparison:
    """The comparison configured in the admin (three queries)."""
    settings = (
        ComparisonSettings.objects.select_related("home_area__parent__parent")
        .order_by("pk")
        .first()
    )
    home = settings.home_area if settings else None
    references = (
        list(settings.reference_areas.order_by("name_fi", "code")) if settings and home else []
    )
    region = home.parent if home else None
    country = region.parent if region else Area.objects.filter(code="SSS").first()
    return Comparison(home=home, references=references, region=region, country=country)


def indicators_published(theme: str | None = None) -> QuerySet[Indicator]:
    queryset = Indicator.objects.filter(is_published=True)
    if theme:
        queryset = queryset.filter(theme=theme)
    return queryset.order_by("theme", "order", "code")


def indicator_published(code: str) -> Indicator | None:
    return indicators_published().filter(code=code).first()


def format_number(value: Decimal | float | None, decimals: int) -> str:
    if value is None:
        return "–"
    # Rounded, not cut: Django's number_format drops the decimals beyond `decimal_pos`.
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def with_unit(text: str, unit: str) -> str:
    return f"{text}\u00a0{unit}" if unit and text != "–" else text


def change_unit(unit: str) -> str:
    """The unit of a difference: a change of a percentage is in percentage points."""
    return _("percentage points") if unit == "%" else unit


@dataclass
class Card:
    """What a dashboard shows of one indicator for this municipality."""

    indicator: Indicator
    latest: Value | None = None
    previous: Value | None = None
    series: list[Value] = field(default_factory=list)
    target: Target | None = None

    @property
    def value_text(self) -> str:
        if self.latest is None:
            return "–"
        return with_unit(
            format_number(self.latest.value, self.indicator.decimals), self.indicator.unit
        )

    @property
    def latest_label(self) -> str:
        return period_label(self.latest.period) if self.latest else ""

    @property
    def change(self) -> Decimal | None:
        if self.latest is None or self.previous is None:
            return None
        return self.latest.value - self.previous.value

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return ""
        amount = with_unit(
            format_number(abs(change), self.indicator.decimals), change_unit(self.indicator.unit)
        )
        values = {"amount": amount, "period": period_in(self.previous.period)}
        if change > 0:
            return _("up %(amount)s from %(period)s") % values
        if change < 0:
            return _("down %(amount)s from %(period)s") % values
        return _("unchanged from %(period)s") % values

    @property
    def change_judgement(self) -> str:
        """better, worse or neutral: whether the change is good news."""
        change = self.change
        if not change or self.indicator.direction == Direction.NEUTRAL:
            return "neutral"
        good = change > 0 if self.indicator.direction == Direction.HIGHER else change < 0
        return "better" if good else "worse"

    @property
    def trend_text(self) -> str:
        if len(self.series) < 3:
            return ""
        first, last = self.series[0].value, self.series[-1].value
        scale = max(abs(first), abs(last), Decimal("0.0001"))
        values = {"count": len(self.series), "first": period_since(self.series[0].period)}
        if (last - first) / scale > Decimal("0.02"):
            return _("rising since %(first)s") % values
        if (first - last) / scale > Decimal("0.02"):
            return _("falling since %(first)s") % values
        return _("about the same since %(first)s") % values

    @property
    def target_met(self) -> bool | None:
        if self.target is None or self.latest is None:
            return None
        if self.indicator.direction == Direction.HIGHER:
            return self.latest.value >= self.target.value
        if self.indicator.direction == Direction.LOWER:
            return self.latest.value <= self.target.value
        return self.latest.value == self.target.value

    @property
    def target_text(self) -> str:
        if self.target is None:
            return ""
        return with_unit(
            format_number(self.target.value, self.indicator.decimals), self.indicator.unit
        )

    @property
    def sparkline(self) -> str:
        """The trend as SVG polyline points in a 100 × 30 box."""
        values = [float(v.value) for v in self.series]
        if len(values) < 2:
            return ""
        low, high = min(values), max(values)
        span = (high - low) or 1.0
        step = 100 / (len(values) - 1)
        return " ".join(
            f"{index * step:.1f},{28 - (value - low) / span * 26:.1f}"
            for index, value in enumerate(values)
        )


def dashboard(*, theme: str | None = None, home: Area | None) -> list[Card]:
    """A card per published indicator (of a theme) for this municipality (three queries)."""
    indicators = list(indicators_published(theme))
    cards = {indicator.pk: Card(indicator=indicator) for indicator in indicators}
    if home is None or not cards:
        return list(cards.values())
    values = Value.objects.filter(indicator__in=list(cards), area=home, breakdown="").order_by(
        "indicator_id", "period_start"
    )
    for value in values:
        cards[value.indicator_id].series.append(value)
    targets = defaultdict(dict)
    for target in Target.objects.filter(indicator__in=list(cards)):
        targets[target.indicator_id][target.period] = target
    for card in cards.values():
        card.series = card.series[-TREND_PERIODS:]
        if card.series:
            card.latest = card.series[-1]
            card.previous = card.series[-2] if len(card.series) > 1 else None
            card.target = targets[card.indicator.pk].get(card.latest.period)
    return list(cards.values())


def themes_with_cards(cards: list[Card]) -> list[tuple[str, str, list[Card]]]:
    """The cards grouped by theme: (theme, its label, cards), themes in their fixed order."""
    grouped = defaultdict(list)
    for card in cards:
        grouped[card.indicator.theme].append(card)
    return [(theme.value, theme.label, grouped[theme.value]) for theme in Theme if grouped[theme]]


# --- An indicator's page ------------------------------------------------------------------------


# Line styles of the chart's series: colour and dash differ, so that no series is told by colour.
STYLES = (
    ("series--home", ""),
    ("series--ref1", "6 3"),
    ("series--ref2", "2 3"),
    ("series--ref3", "8 3 2 3"),
    ("series--ref4", "1 2"),
    ("series--region", "10 4"),
    ("series--country", "4 4"),
)
CHART_WIDTH, CHART_HEIGHT = 640, 300
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 56, 16, 12, 32


@dataclass
class Series:
    area: Area
    role: str
    values: dict[str, Decimal]
    css: str = ""
    dash: str = ""
    points: str = ""
    markers: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class IndicatorPage:
    indicator: Indicator
    comparison: Comparison
    periods: list[str]
    series: list[Series]
    per_resident: bool
    unit: str
    targets: dict[str, Target]
    breakdown_period: str = ""

    @property
    def breakdown_period_in(self) -> str:
        return period_in(self.breakdown_period) if self.breakdown_period else ""

    breakdown: list[tuple[str, Decimal]] = field(default_factory=list)
    updated: object = None
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    summary: str = ""

    @property
    def width(self) -> int:
        return CHART_WIDTH

    @property
    def height(self) -> int:
        return CHART_HEIGHT

    @property
    def plot_bottom(self) -> int:
        return CHART_HEIGHT - PLOT_BOTTOM

    @property
    def plot_left(self) -> int:
        return PLOT_LEFT

    @property
    def plot_right(self) -> int:
        return CHART_WIDTH - PLOT_RIGHT

    @property
    def decimals(self) -> int:
        return self.indicator.decimals + (2 if self.per_resident else 0)

    def rows(self) -> list[tuple[str, list[str], str]]:
        """The data table: per period the value of each series and the target."""
        out = []
        for period in self.periods:
            cells = [format_number(s.values.get(period), self.decimals) for s in self.series]
            target = self.targets.get(period)
            target_text = format_number(target.value, self.indicator.decimals) if target else ""
            out.append((period_label(period), cells, target_text))
        return out


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    import math

    if high == low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks, tick = [], start
    while tick <= high + step * 0.001:
        ticks.append(round(tick, 10))
        tick += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _layout(page: IndicatorPage) -> None:
    numbers = [float(v) for s in page.series for v in s.values.values()]
    if not numbers or not page.periods:
        return
    low, high = min(numbers), max(numbers)
    if 0 < low < high * 0.5:
        # The values vary a lot compared with their level: the axis starts at zero.
        low = 0.0
    ticks = _nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]
    span = (high - low) or 1.0
    left, right = PLOT_LEFT, CHART_WIDTH - PLOT_RIGHT
    top, bottom = PLOT_TOP, CHART_HEIGHT - PLOT_BOTTOM
    step = (right - left) / max(len(page.periods) - 1, 1)
    x_of = {period: left + index * step for index, period in enumerate(page.periods)}

    def y(value: float) -> float:
        return bottom - (value - low) / span * (bottom - top)

    decimals = 0 if all(float(t).is_integer() for t in ticks) else page.decimals
    page.y_ticks = [Tick(round(y(t), 1), format_number(Decimal(str(t)), decimals)) for t in ticks]
    every = max(1, round(len(page.periods) / 8))
    page.x_ticks = [
        Tick(round(x_of[p], 1), period_short(p))
        for index, p in enumerate(page.periods)
        if index % every == 0 or index == len(page.periods) - 1
    ]
    for series in page.series:
        coordinates = [
            (round(x_of[p], 1), round(y(float(series.values[p])), 1))
            for p in page.periods
            if p in series.values
        ]
        series.points = " ".join(f"{x},{y_}" for x, y_ in coordinates)
        series.markers = coordinates


def _summary(page: IndicatorPage) -> str:
    indicator = page.indicator
    home = next((s for s in page.series if s.role == "home"), None)
    if home is None or not home.values:
        return _("There are no figures of %(indicator)s for this municipality yet.") % {
            "indicator": indicator.name
        }
    periods = [p for p in page.periods if p in home.values]
    latest = periods[-1]
    unit = page.unit

    def text(value) -> str:
        return with_unit(format_number(value, page.decimals), unit)

    parts = [f"{home.area.name} {text(home.values[latest])}"]
    for series in page.series:
        if series.role in ("region", "country") and latest in series.values:
            parts.append(f"{series.area.name} {text(series.values[latest])}")
    sentence = _("%(indicator)s in %(period)s: %(values)s.") % {
        "indicator": indicator.name,
        "period": period_in(latest),
        "values": ", ".join(parts),
    }
    if len(periods) > 1:
        first = periods[0]
        change = home.values[latest] - home.values[first]
        values = {
            "area": home.area.name,
            "first": period_since(first),
            "amount": with_unit(format_number(abs(change), page.decimals), change_unit(unit)),
        }
        if change > 0:
            sentence += " " + _("In %(area)s it has risen by %(amount)s since %(first)s.") % values
        elif change < 0:
            sentence += " " + _("In %(area)s it has fallen by %(amount)s since %(first)s.") % values
        else:
            values["first"] = period_in(first)
            sentence += " " + _("In %(area)s it is the same as in %(first)s.") % values
        region = next((s for s in page.series if s.role == "region"), None)
        if region is not None and first in region.values and latest in region.values:
            region_change = region.values[latest] - region.values[first]
            values = {
                "region": region.area.name,
                "amount": with_unit(
                    format_number(abs(region_change), page.decimals), change_unit(unit)
                ),
            }
            if region_change > 0:
                sentence += " " + _("In %(region)s it has risen by %(amount)s.") % values
            elif region_change < 0:
                sentence += " " + _("In %(region)s it has fallen by %(amount)s.") % values
            else:
                sentence += " " + _("In %(region)s it has stayed the same.") % values
    return sentence


def indicator_page(indicator: Indicator) -> IndicatorPage:
    """The whole series of an indicator for this municipality and its comparison areas, per
    resident where the indicator says so (a constant number of queries)."""
    compared = comparison()
    areas = compared.areas
    values = list(
        Value.objects.filter(indicator=indicator, area__in=areas, breakdown="")
        .order_by("period_start")
        .only("area_id", "period", "period_start", "value", "modified")
    )
    per_resident = indicator.per_resident
    population: dict[tuple[int, str], Decimal] = {}
    if per_resident:
        population = {
            (v.area_id, v.period): v.value
            for v in Value.objects.filter(
                indicator__code=POPULATION, area__in=areas, breakdown=""
            ).only("area_id", "period", "value")
        }
    by_area: dict[int, dict[str, Decimal]] = defaultdict(dict)
    periods: list[str] = []
    updated = None
    for value in values:
        number = value.value
        if per_resident:
            residents = population.get((value.area_id, value.period))
            if not residents:
                continue
            number = number / residents
        by_area[value.area_id][value.period] = number
        if value.period not in periods:
            periods.append(value.period)
        if updated is None or value.modified > updated:
            updated = value.modified
    roles = []
    if compared.home:
        roles.append((compared.home, "home"))
    roles += [(area, "reference") for area in compared.references[:4]]
    if compared.region:
        roles.append((compared.region, "region"))
    if compared.country:
        roles.append((compared.country, "country"))
    series = []
    reference_index = 1
    for area, role in roles:
        if role == "home":
            css, dash = STYLES[0]
        elif role == "reference":
            css, dash = STYLES[reference_index]
            reference_index += 1
        elif role == "region":
            css, dash = STYLES[5]
        else:
            css, dash = STYLES[6]
        series.append(
            Series(area=area, role=role, values=by_area.get(area.pk, {}), css=css, dash=dash)
        )
    unit = indicator.unit
    if per_resident:
        unit = _("%(unit)s per resident") % {"unit": unit} if unit else _("per resident")
    targets = {t.period: t for t in Target.objects.filter(indicator=indicator)}
    page = IndicatorPage(
        indicator=indicator,
        comparison=compared,
        periods=periods,
        series=series,
        per_resident=per_resident,
        unit=unit,
        targets=targets,
        updated=updated,
    )
    if compared.home:
        parts = list(
            Value.objects.filter(indicator=indicator, area=compared.home)
            .exclude(breakdown="")
            .order_by("-period_start", "breakdown")
            .only("period", "breakdown", "value")[:200]
        )
        if parts:
            page.breakdown_period = parts[0].period
            page.breakdown = [
                (breakdown_label(p.breakdown), p.value)
                for p in parts
                if p.period == page.breakdown_period
            ]
    _layout(page)
    page.summary = _summary(page)
    return page


def breakdown_label(breakdown: str) -> str:
    """A breakdown such as gender:female in the reader's language."""
    labels = {
        "gender:male": _("men"),
        "gender:female": _("women"),
    }
    parts = []
    for part in breakdown.split(","):
        if part in labels:
            parts.append(str(labels[part]))
        elif part.startswith("age:"):
            parts.append(_("aged %(ages)s") % {"ages": part[4:]})
        else:
            parts.append(part)
    return ", ".join(parts)


def values_for_export(*, indicator: Indicator) -> QuerySet[Value]:
    """Every value of an indicator, for the CSV download (streamed, one query)."""
    return (
        Value.objects.filter(indicator=indicator)
        .select_related("area")
        .order_by("area__code", "period_start", "breakdown")
    )
