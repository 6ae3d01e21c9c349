"""The header on a phone: compact, and its menu opens with the keyboard without JavaScript.

Reflow and text resize over the whole crawl are checked with axe-core's checks, one page load for
all of them (tests/e2e/test_accessibility.py).
"""

import pytest

from tests.e2e.conftest import DESKTOP
from tests.e2e.keyboard import assert_focus_visible, tab_to
from tests.e2e.reflow import PHONE_HEIGHT, phone_viewport

pytestmark = pytest.mark.e2e

PHONE_SCREEN = phone_viewport(375)
# The header may take at most this share of a phone's screen, so that the page itself shows.
MAX_HEADER_SHARE = 0.15


def test_header__is_compact_on_a_phone_and_its_menu_opens_with_the_keyboard_without_javascript(
    browser, portal_server
):
    context = browser.new_context(
        base_url=portal_server.url, viewport=PHONE_SCREEN, java_script_enabled=False
    )
    page = context.new_page()
    home = portal_server.page_path("HomePage", "fi")
    page.goto(home)
    header = page.locator("header.site-header")
    menu = page.locator("header .main-menu")
    search = header.get_by_role("search")

    height = header.bounding_box()["height"]
    print(f"header height at 375x812: {height:.0f} px")  # noqa: T201
    assert height <= PHONE_HEIGHT * MAX_HEADER_SHARE, (
        f"the header takes {height:.0f} px of an {PHONE_HEIGHT} px screen"
    )
    assert page.locator(".language-switcher").is_visible(), "the language switcher is hidden"
    assert not menu.is_visible() and not search.is_visible(), "the menu is open before asked"

    tab_to(page, "summary.site-menu__toggle")
    assert_focus_visible(page)
    page.keyboard.press("Enter")

    assert menu.is_visible() and search.is_visible(), "Enter on the menu button did not open it"
    assert page.locator("details.site-menu").get_attribute("open") is not None
    tab_to(page, "header .main-menu a")
    assert_focus_visible(page)

    page.set_viewport_size(DESKTOP)
    page.goto(home)
    assert not page.locator("summary.site-menu__toggle").is_visible(), "desktop shows the button"
    assert menu.is_visible() and search.is_visible(), "desktop hides the menu or the search"
    context.close()
