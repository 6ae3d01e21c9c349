"""The language switcher leads to the translation, or says that there is none."""

import re

import pytest
from django.utils.translation import gettext, override

from tests.paths import app_url


def _switcher_href(html: str, language: str) -> str:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return re.search(rf'<a href="([^"]+)" lang="{language}"', nav).group(1)


def test_language_switcher__links_to_the_translation(client, demo_tree):
    html = client.get(demo_tree.url("asuminen-ja-rakentaminen")).content.decode()

    assert _switcher_href(html, "sv") == demo_tree.url("asuminen-ja-rakentaminen", "sv")
    assert _switcher_href(html, "en") == demo_tree.url("asuminen-ja-rakentaminen", "en")


def test_language_switcher__finnish_only_page_says_there_is_no_swedish_translation(
    client, demo_tree
):
    original = demo_tree.page("yksityisteiden-kunnossapitoavustus")
    html = client.get(original.url).content.decode()

    response = client.get(_switcher_href(html, "sv"))

    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="sv">' in page
    with override("sv"):
        assert gettext("This page has no translation in this language") in page
    main = page.split('<main id="main"', 1)[1]
    assert "svenska" in main  # the language is named in Swedish
    # The closest Swedish page is the Swedish translation of the parent.
    assert f'href="{demo_tree.url("asuminen-ja-rakentaminen", "sv")}"' in main
    # The original is offered too, marked as Finnish.
    assert f'href="{original.url}" lang="fi" hreflang="fi">{original.title}</a>' in main


@pytest.mark.parametrize(
    ("language", "target", "original"),
    [("sv", "svenska", "finska"), ("en", "English", "Finnish")],
)
def test_no_translation__names_the_languages_as_words_of_a_sentence(
    client, demo_tree, language, target, original
):
    page = demo_tree.page("yksityisteiden-kunnossapitoavustus")

    html = client.get(app_url("cms:no_translation", page.pk, lang=language)).content.decode()

    assert f" {target}." in html
    assert f"({original})" in html
