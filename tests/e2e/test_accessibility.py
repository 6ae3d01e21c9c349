"""axe-core finds no WCAG 2.1 A/AA violations on the portal's pages, in every language and width."""

import pytest

from tests.e2e.accessibility import assert_no_axe_violations
from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

LANGUAGES = ["fi", "sv", "en"]
VIEWPORTS = [pytest.param(DESKTOP, id="1280px"), pytest.param(PHONE, id="375px")]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page__has_no_axe_violations(new_context, language, viewport):
    page = new_context(viewport=viewport).new_page()
    assert_no_axe_violations(page, f"/{language}/")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_standard_page__has_no_axe_violations(new_context, portal_server, language, viewport):
    page = new_context(viewport=viewport).new_page()
    assert_no_axe_violations(page, portal_server.page_path("StandardPage", language))
