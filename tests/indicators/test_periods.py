"""Periods in words, in the grammatical form each sentence needs, in fi, sv and en."""

import pytest
from django.utils import translation

from indicators.periods import period_in, period_label, period_short, period_since

CASES = {
    # period: {language: (label, "in" phrase, "since" phrase)}
    "2024": {
        "fi": ("2024", "vuonna 2024", "vuodesta 2024"),
        "sv": ("2024", "år 2024", "2024"),
        "en": ("2024", "2024", "2024"),
    },
    "2024M05": {
        "fi": ("toukokuu 2024", "toukokuussa 2024", "toukokuusta 2024"),
        "sv": ("maj 2024", "i maj 2024", "maj 2024"),
        "en": ("May 2024", "May 2024", "May 2024"),
    },
    "2024Q3": {
        "fi": (
            "3. neljännes 2024",
            "vuoden 2024 3. neljänneksellä",
            "vuoden 2024 3. neljänneksestä",
        ),
        "sv": ("kvartal 3 2024", "under kvartal 3 2024", "kvartal 3 2024"),
        "en": ("Q3 2024", "Q3 2024", "Q3 2024"),
    },
}


@pytest.mark.parametrize("period", CASES)
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_periods__in_words_and_in_the_needed_form(period, lang):
    with translation.override(lang):
        assert (period_label(period), period_in(period), period_since(period)) == CASES[period][
            lang
        ]


def test_periods__every_finnish_month_inflects():
    with translation.override("fi"):
        months = [period_in(f"2024M{month:02d}") for month in range(1, 13)]
        since = [period_since(f"2024M{month:02d}") for month in range(1, 13)]
    assert all(phrase.endswith("kuussa 2024") for phrase in months), months
    assert all(phrase.endswith("kuusta 2024") for phrase in since), since


def test_periods__short_on_a_chart_axis():
    assert period_short("2024M05") == "5/2024"
    assert period_short("2024") == "2024"
