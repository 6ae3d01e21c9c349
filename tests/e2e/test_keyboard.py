"""Keyboard-only use: skip link, language switcher and signing in, with visible focus."""

import pytest

from tests.e2e.keyboard import assert_focus_visible, focused_matches, tab_to

pytestmark = pytest.mark.e2e


def _html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_skip_link__is_the_first_tab_stop_and_moves_focus_to_main(open_page, language):
    page = open_page(f"/{language}/")

    page.keyboard.press("Tab")

    assert focused_matches(page, 'a[href="#main"]'), "the first Tab stop is not the skip link"
    assert_focus_visible(page)
    box = page.evaluate("() => document.activeElement.getBoundingClientRect().toJSON()")
    assert box["top"] >= 0 and box["left"] >= 0 and box["width"] > 0, (
        f"the focused skip link is off screen: {box}"
    )
    page.keyboard.press("Enter")
    assert focused_matches(page, "main"), "Enter on the skip link did not move focus to <main>"


@pytest.mark.parametrize(
    ("start", "target"), [("fi", "sv"), ("sv", "fi"), ("en", "fi"), ("fi", "en")]
)
def test_language_switcher__works_with_the_keyboard_only_on_the_home_page(open_page, start, target):
    page = open_page(f"/{start}/")
    assert _html_lang(page) == start

    tab_to(page, f'a[hreflang="{target}"]')
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert _html_lang(page) == target
    assert f"/{target}/" in page.url


@pytest.mark.parametrize(("start", "target"), [("fi", "sv"), ("sv", "fi")])
def test_language_switcher__works_with_the_keyboard_only_on_a_standard_page(
    open_page, portal_server, start, target
):
    page = open_page(portal_server.page_path("StandardPage", start))

    tab_to(page, f'a[hreflang="{target}"]')
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert _html_lang(page) == target
    assert page.url.rstrip("/").endswith(
        portal_server.page_path("StandardPage", target).rstrip("/")
    ), "the switcher did not lead to the same page in the other language"


@pytest.mark.parametrize("language", ["fi", "en"])
def test_sign_in__works_with_the_keyboard_only(open_page, portal_server, language):
    resident = portal_server.account("resident")
    page = open_page(f"/{language}/")

    tab_to(page, 'header a[href*="/accounts/login/"]')
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, 'input[type="email"], input[name="login"]')
    assert_focus_visible(page)
    page.keyboard.type(resident.email)
    tab_to(page, 'input[type="password"]')
    page.keyboard.type(resident.password)
    tab_to(page, 'form:has(input[type="password"]) [type="submit"]')
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "/accounts/login/" not in page.url, (
        f"still on the sign-in page: {page.locator('main').inner_text()[:500]}"
    )
    assert page.locator('header form[action*="/accounts/logout/"]').count() == 1, (
        "the header offers no sign-out after signing in"
    )
    assert _html_lang(page) == language
