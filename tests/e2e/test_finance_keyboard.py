"""Keyboard only, at phone width: a resident goes from the home page to a sector's table of
budget vs actual, and the table gives the same numbers as the chart beside it."""

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.e2e.conftest import PHONE
from tests.e2e.keyboard import assert_focus_visible, tab_to
from tests.paths import app_url

pytestmark = pytest.mark.e2e


def _amount(text: str) -> Decimal:
    """ "28 700 000 €" or "28,7 milj. €" as a number of euros (Finnish or Swedish format)."""
    millions = "milj" in text
    digits = re.sub(r"[^0-9,\-−]", "", text).replace(",", ".").replace("−", "-")
    value = Decimal(digits)
    return value * 1_000_000 if millions else value


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_finance__keyboard_only_from_home_page_to_a_sectors_budget_vs_actual(
    open_page, portal_server, language
):
    data = portal_server.inventory.apps["finance"]
    year, sector = data["year"], data["sector"]
    page = open_page(f"/{language}/", viewport=PHONE)

    overview = app_url("finance:index", lang=language)
    tab_to(page, f"main a[href='{overview}']")
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(overview)

    drill_down = app_url("finance:node", year, sector, lang=language)
    tab_to(page, f"main a[href='{drill_down}']")
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(drill_down)

    # The table scrolls in its own region, which takes focus so that the keyboard can scroll it.
    tab_to(page, "main .table-wrapper[tabindex='0']")
    assert_focus_visible(page)
    table = page.locator("main table.finance-table").first
    headers = table.locator("thead th").all_inner_texts()
    assert len(headers) >= 5, headers
    rows = table.locator("tbody tr")
    assert rows.count() >= 2
    # The chart's bars are in the same order as the table's rows: amended budget, then actual.
    labels = page.locator("svg.finance-chart__svg text.finance-chart__label").all_text_contents()
    values = page.locator("svg.finance-chart__svg text.finance-chart__value").all_text_contents()
    assert len(labels) == rows.count() and len(values) == 2 * rows.count()
    for index in range(rows.count()):
        row = rows.nth(index)
        name = row.locator("th").inner_text().strip()
        cells = row.locator("td").all_inner_texts()
        amended, actual = _amount(cells[1]), _amount(cells[2])
        # The chart's label is the row's name (long names are shortened in the chart).
        assert name.startswith(labels[index].strip().rstrip("…")), (name, labels[index])
        for chart_text, table_value in (
            (values[2 * index], amended),
            (values[2 * index + 1], actual),
        ):
            rounded = (table_value / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            assert _amount(chart_text) == rounded * 1_000_000, (name, chart_text, table_value)
    assert page.locator("html").get_attribute("lang") == language
    # The page scrolls no wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
