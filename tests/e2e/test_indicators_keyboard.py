"""Keyboard only, at phone width: a councillor asks "how has unemployment developed here compared
with the region?" and finds the answer from the home page in two steps."""

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.keyboard import assert_focus_visible, tab_to
from tests.paths import app_url

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("language", "home", "title", "region"),
    [
        ("fi", "/fi/", "Työttömyysaste", "Pohjanmaa"),
        ("sv", "/sv/", "Arbetslöshetsgrad", "Österbotten"),
    ],
)
def test_key_figures__unemployment_against_the_region_in_two_steps_by_keyboard(
    open_page, portal_server, language, home, title, region
):
    page = open_page(home, viewport=PHONE)

    # Step 1: the home page's link to the key figures.
    index = app_url("indicators:index", lang=language)
    tab_to(page, f"main a[href='{index}']")
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(index)

    # Step 2: the unemployment card.
    detail = app_url("indicators:detail", "unemployment-rate", lang=language)
    tab_to(page, f"main a[href='{detail}']")
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("heading", level=1).inner_text() == title
    summary = page.locator("#summary").inner_text()
    assert region in summary and "2016" in summary
    chart = page.get_by_role("img", name=title)
    assert chart.count() == 1
    table = page.locator("table.indicator-table").first
    assert table.get_by_role("columnheader", name=region).count() == 1
    assert table.get_by_role("rowheader", name="2025").count() == 1
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
