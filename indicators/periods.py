"""Periods as residents read them, in the page's language.

Values are stored under Statistics Finland's period codes (2024, 2024Q3, 2024M05), which the API,
the CSV downloads and the JSON-stat output keep. Pages show a year as it is, and a quarter or a
month in words ("toukokuu 2024", "maj 2024", "May 2024"). A sentence that compares with a period
takes the period as a phrase in the grammatical form the sentence needs: Finnish inflects it
("vuonna 2024", "toukokuussa 2024"; "vuodesta 2024", "toukokuusta 2024"), Swedish and English put a
preposition or nothing before it.
"""

from __future__ import annotations

from django.utils.dates import MONTHS
from django.utils.translation import pgettext

from indicators.models import PERIOD


def _parts(period: str) -> tuple[str, str | None, str | None]:
    match = PERIOD.fullmatch(period)
    if match is None:
        return period, None, None
    return match["year"], match["quarter"], match["month"]


def period_label(period: str) -> str:
    """The period on its own, as in a table row or beside a figure."""
    year, quarter, month = _parts(period)
    if month:
        return pgettext("month and year on its own", "%(month)s %(year)s") % {
            "month": MONTHS[int(month)],
            "year": year,
        }
    if quarter:
        return pgettext("quarter and year on its own", "Q%(quarter)s %(year)s") % {
            "quarter": quarter,
            "year": year,
        }
    return year


def period_short(period: str) -> str:
    """The period on a chart's axis, where a long label would not fit."""
    year, quarter, month = _parts(period)
    if month:
        return f"{int(month)}/{year}"
    if quarter:
        return period_label(period)
    return year


def period_in(period: str) -> str:
    """The period as in "more than in May 2024" or "the unemployment rate in 2024"."""
    year, quarter, month = _parts(period)
    values = {"year": year, "quarter": quarter, "month": MONTHS[int(month)] if month else ""}
    if month:
        # Translators: Finnish month names end in -kuu, so the inessive adds -ssa (toukokuussa).
        return pgettext("in a month of a year", "%(month)s %(year)s") % values
    if quarter:
        return pgettext("in a quarter of a year", "Q%(quarter)s %(year)s") % values
    return pgettext("in a year", "%(year)s") % values


def period_since(period: str) -> str:
    """The period as in "rising since May 2024"."""
    year, quarter, month = _parts(period)
    values = {"year": year, "quarter": quarter, "month": MONTHS[int(month)] if month else ""}
    if month:
        # Translators: Finnish month names end in -kuu, so the elative adds -sta (toukokuusta).
        return pgettext("since a month of a year", "%(month)s %(year)s") % values
    if quarter:
        return pgettext("since a quarter of a year", "Q%(quarter)s %(year)s") % values
    return pgettext("since a year", "%(year)s") % values
