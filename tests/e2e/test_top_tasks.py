"""The residents' top tasks are at most two link activations from the home page, on a phone,
with the keyboard only, in Finnish and in Swedish."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.e2e.conftest import PHONE
from tests.e2e.keyboard import assert_focus_visible, tab_to

pytestmark = pytest.mark.e2e

LANGUAGES = ("fi", "sv")
MAX_ACTIVATIONS = 2


def _path(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _prefix(language: str, name: str) -> str:
    """The address of an object's page up to its id, e.g. /fi/decisions/meetings/."""
    return _path(language, name, 987654).split("987654", 1)[0]


def _activate(page, selector: str) -> None:
    """Tab to the link and follow it with Enter."""
    tab_to(page, selector)
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _path_of(page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url).split("?", 1)[0].split("#", 1)[0]


def _home_link(language: str, name: str) -> str:
    return f'main a.service-link[href="{_path(language, name)}"]'


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "name", ["cases:lookup", "cases:case_types", "decisions:search", "decisions:index"]
)
def test_top_task__is_one_activation_from_the_home_page(open_page, language, name):
    page = open_page(f"/{language}/", viewport=PHONE)

    _activate(page, _home_link(language, name))

    assert _path_of(page) == _path(language, name)
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_top_task__a_meeting_agenda_is_two_activations_away(open_page, language):
    page = open_page(f"/{language}/", viewport=PHONE)

    _activate(page, _home_link(language, "decisions:index"))
    meetings = _prefix(language, "decisions:meeting")
    _activate(page, f'main a[href^="{meetings}"]')

    assert _path_of(page).startswith(meetings)
    assert page.locator("main").get_by_text(re.compile("§")).count() > 0, "no agenda items"


@pytest.mark.parametrize("language", LANGUAGES)
def test_top_task__an_open_survey_is_two_activations_away(open_page, language):
    page = open_page(f"/{language}/", viewport=PHONE)

    _activate(page, _home_link(language, "participation:index"))
    surveys = _prefix(language, "participation:detail")
    _activate(page, f'main a[href^="{surveys}"]')

    assert _path_of(page).startswith(surveys)
    survey = _path_of(page).removeprefix(surveys).split("/", 1)[0]
    starts = [
        _path(language, "participation:answer", int(survey), 1),
        _path(language, "participation:code", int(survey)),
    ]
    start = ", ".join(f'main a[href="{path}"], main form[action="{path}"]' for path in starts)
    assert page.locator(start).count() > 0, "the first survey listed is not open for answers"


@pytest.mark.parametrize("language", LANGUAGES)
def test_top_task__my_cases_after_signing_in(open_page, portal_server, language):
    resident = portal_server.account("resident")
    page = open_page(f"/{language}/", viewport=PHONE)

    _activate(page, _home_link(language, "cases:my_cases"))
    # Signed out, the link leads to the sign-in form, which then leads on to My cases.
    tab_to(page, 'input[type="email"], input[name="login"]')
    page.keyboard.type(resident.email)
    tab_to(page, 'input[type="password"]')
    page.keyboard.type(resident.password)
    tab_to(page, 'form:has(input[type="password"]) [type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert _path_of(page) == _path(language, "cases:my_cases")
    assert page.locator("h1").count() == 1
