"""Translated fields: the text in the reader's language, or a marked fallback."""

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.translation import translated


def _render(source: str, **context) -> str:
    return Template("{% load translation_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "values", "expected"),
    [
        ("sv", {"fi": "Valtuusto", "sv": "", "en": "Council"}, ("Valtuusto", "fi")),
        ("en", {"fi": "Valtuusto", "sv": "Fullmäktige", "en": ""}, ("Valtuusto", "fi")),
        ("en", {"fi": "", "sv": "Fullmäktige", "en": ""}, ("Fullmäktige", "sv")),
        ("fi", {"fi": "", "sv": "Fullmäktige", "en": "Council"}, ("Fullmäktige", "sv")),
        ("sv", {"fi": "Valtuusto", "sv": "Fullmäktige", "en": ""}, ("Fullmäktige", "sv")),
    ],
)
def test_translated__falls_back_in_the_order_of_the_language(
    body_factory, language, values, expected
):
    body = body_factory(name_fi=values["fi"] or "x", name_sv=values["sv"], name_en=values["en"])
    body.name_fi = values["fi"]

    result = translated(body, "name", language)

    assert (result.text, result.language) == expected
    assert result.is_fallback == (expected[1] != language)


def test_translated_tag__marks_a_fallback_with_lang_and_a_note(body_factory):
    body = body_factory(name_fi="Sivistyslautakunta", name_sv="")

    with translation.override("sv"):
        html = _render('{% translated body "name" %}', body=body)

    assert '<span lang="fi">Sivistyslautakunta</span>' in html
    assert '<span class="fallback-note">' in html
    with translation.override("sv"):
        assert translation.gettext("(Not available in Swedish; shown in Finnish.)") in html


def test_translated_tag__shows_the_translation_without_a_note(body_factory):
    body = body_factory(name_fi="Sivistyslautakunta", name_sv="Bildningsnämnden")

    with translation.override("sv"):
        html = _render('{% translated body "name" %}', body=body)

    assert html == "Bildningsnämnden"


def test_translated_tag__escapes_plain_text(body_factory):
    body = body_factory(name_fi="<b>Valtuusto</b>", name_sv="")

    with translation.override("sv"):
        html = _render('{% translated body "name" %}', body=body)

    assert "&lt;b&gt;Valtuusto&lt;/b&gt;" in html
    assert "<b>" not in html


def test_translated_tag__renders_rich_text_as_html(body_factory):
    body = body_factory(description_fi="<p>Kokoontuu <b>kuukausittain</b>.</p>", description_sv="")

    with translation.override("sv"):
        html = _render('{% translated body "description" rich=True %}', body=body)

    assert '<div lang="fi"><p>Kokoontuu <b>kuukausittain</b>.</p></div>' in html
    assert "fallback-note" in html
