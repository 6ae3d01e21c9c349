"""Keyboard-only use: skip link, language switcher, signing in, search and accordions."""

import pytest

from tests.e2e.crawl import SEARCH_HITS
from tests.e2e.keyboard import assert_focus_visible, focused_matches, tab_to
from tests.paths import app_url

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


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_search__works_with_the_keyboard_only(open_page, language):
    page = open_page(f"/{language}/")

    tab_to(page, "header input[name='q']")
    assert_focus_visible(page)
    page.keyboard.type(SEARCH_HITS[language])
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert app_url("cms:search", lang=language) in page.url
    assert page.get_by_role("heading", level=1).count() == 1
    tab_to(page, ".search-results a")
    assert_focus_visible(page)
    title = page.evaluate("() => document.activeElement.innerText.trim()")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text().strip() == title, (
        "Enter on the first search result did not open that page"
    )


def _is_open(page, summary_index: int) -> bool:
    return page.evaluate(
        "i => document.querySelectorAll('details.accordion__item')[i].open", summary_index
    )


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_accordion__opens_and_closes_with_the_keyboard_only(
    open_page, portal_server, language, key
):
    page = open_page(portal_server.page_path("with accordion", language))
    assert page.locator("details.accordion__item").count() >= 2, "the page has no accordion"
    body = page.locator("details.accordion__item .accordion__body").first
    assert not _is_open(page, 0) and not body.is_visible()

    tab_to(page, "summary.accordion__summary")
    assert_focus_visible(page)
    page.keyboard.press(key)

    assert _is_open(page, 0) and body.is_visible(), f"{key} did not open the accordion item"
    assert not _is_open(page, 1), "opening one item opened another too"
    page.keyboard.press(key)
    assert not _is_open(page, 0), f"{key} did not close the accordion item again"
