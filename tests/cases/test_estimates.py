"""When to expect a decision: a likelihood from the statistics or an estimate, never a promise."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import CaseType
from tests.cases.factories import make_case, make_case_type

# Words that turn an estimate into a deadline. Only the legal deadline may use them.
PROMISE_WORDS = {
    "fi": ("viimeistään", "odotettavissa"),
    "sv": ("senast", "väntas"),
    "en": ("at the latest", "expect a decision by", "expected by"),
}
LIKELY = {
    "fi": "Kymmenestä tämäntyyppisestä asiasta kahdeksan ratkaistaan 30 päivässä. "
    "Asiasi ratkaistaan todennäköisesti {date} mennessä.",
    "sv": "Åtta av tio ärenden av den här typen avgörs inom 30 dagar. "
    "Ditt ärende är sannolikt avgjort till den {date}.",
    "en": "8 out of 10 cases of this type are decided within 30 days. "
    "Yours is likely to be decided by {date}.",
}
ESTIMATED = {
    "fi": "Kunnan arvio tämäntyyppisten asioiden käsittelyajasta on noin 21 päivää. "
    "Arvion mukaan asiasi ratkaistaan {date} tienoilla.",
    "sv": "Kommunen uppskattar att ärenden av den här typen tar ungefär 21 dagar. "
    "Enligt uppskattningen är ditt ärende avgjort omkring den {date}.",
    "en": "The municipality estimates that cases of this type take about 21 days. "
    "By that estimate, yours would be decided around {date}.",
}
MY_CASES = {
    "fi": "Kymmenestä asiasta kahdeksan ratkaistaan 30 päivässä – yleensä {date} mennessä",
    "sv": "Åtta av tio avgörs inom 30 dagar – i regel till den {date}",
    "en": "8 of 10 are decided within 30 days – usually by {date}",
}


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _block(html: str, css_class: str) -> str:
    match = re.search(rf'<(div|dl|section) class="{css_class}[^"]*"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no {css_class} on the page"
    return _text(match.group(2))


def _assert_no_promise(text: str, language: str) -> None:
    found = [w for w in PROMISE_WORDS[language] if re.search(rf"\b{w}\b", text, re.I)]
    assert not found, f"{found} in {text!r}"


@pytest.fixture
def with_statistics():
    case_type = make_case_type(declared_days=21, legal_deadline_days=None)
    CaseType.objects.filter(pk=case_type.pk).update(
        stats_count=40, stats_median_days=12, stats_p80_days=30
    )
    case_type.refresh_from_db()
    return case_type


def _expected(case, days: int) -> str:
    submitted = timezone.localtime(case.submitted_at).date()
    return (submitted + timedelta(days=days)).strftime("%-d.%-m.%Y")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_estimate__case_page_states_a_likelihood_from_the_statistics(
    db, make_resident, language, with_statistics
):
    resident = make_resident("aino@example.fi", language=language)
    case = make_case(with_statistics, parties=[resident.email], days_ago=10)
    client = Client()
    client.force_login(resident)

    with translation.override(language):
        html = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()

    text = _block(html, "expectation")
    assert LIKELY[language].format(date=_expected(case, 30)) in text
    _assert_no_promise(text, language)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_estimate__declared_time_is_the_municipalitys_estimate(db, make_resident, language):
    resident = make_resident("aino@example.fi", language=language)
    case = make_case(
        make_case_type(declared_days=21, legal_deadline_days=None),
        parties=[resident.email],
        days_ago=3,
    )
    client = Client()
    client.force_login(resident)

    with translation.override(language):
        html = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()

    text = _block(html, "expectation")
    assert ESTIMATED[language].format(date=_expected(case, 21)) in text
    _assert_no_promise(text, language)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_estimate__my_cases_shows_the_likelihood_not_a_deadline(
    db, make_resident, language, with_statistics
):
    resident = make_resident("aino@example.fi", language=language)
    case = make_case(with_statistics, parties=[resident.email], days_ago=10)
    client = Client()
    client.force_login(resident)

    with translation.override(language):
        html = client.get(reverse("cases:my_cases")).content.decode()

    text = _block(html, "case-card__facts")
    assert MY_CASES[language].format(date=_expected(case, 30)) in text
    _assert_no_promise(text, language)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_estimate__lookup_result_shows_the_likelihood(db, language, with_statistics):
    case = make_case(with_statistics, days_ago=10)

    with translation.override(language):
        response = Client().post(
            reverse("cases:lookup"),
            {"reference": case.reference, "tracking_code": case.tracking_code},
        )

    assert response.status_code == 200
    text = _block(response.content.decode(), "expectation")
    assert LIKELY[language].format(date=_expected(case, 30)) in text
    _assert_no_promise(text, language)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fi", "Kymmenestä asiasta kahdeksan ratkaistaan 30 päivässä."),
        ("sv", "Åtta av tio ärenden avgörs inom 30 dagar."),
        ("en", "8 out of 10 cases are decided within 30 days."),
    ],
)
def test_estimate__case_type_page_states_the_share_decided_in_time(
    db, language, sentence, with_statistics
):
    with translation.override(language):
        url = reverse("cases:case_type_detail", kwargs={"code": with_statistics.code})
        html = Client().get(url).content.decode()

    text = _block(html, "processing-time")
    assert sentence in text
    _assert_no_promise(text, language)
