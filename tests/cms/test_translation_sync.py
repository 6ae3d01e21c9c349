"""Translations stay in step with their source: the demo's Swedish and English pages are
wagtail-localize translations of the Finnish ones, a published change of the Finnish page makes
them out of date (report and status panel), and syncing brings the change into the translation
editor, where translating and publishing brings them up to date again."""

import html
import json
import re
from dataclasses import replace

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import translation
from wagtail_localize.models import Translation, TranslationSource

from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in

pytestmark = pytest.mark.django_db

HOUSING = "asuminen-ja-rakentaminen"
NEW_FI = "Rakennusluvan käsittely kestää tavallisesti 6–9 viikkoa."
NEW_TEXT = {
    "sv": "Behandlingen av ett bygglov tar vanligen 6–9 veckor.",
    "en": "A building permit usually takes 6–9 weeks to process.",
}
REPORT = "cms_outdated_translations"


@pytest.fixture
def editor(db):
    return create_user(replace(ROLE_SPECS["editor"], mfa=True))


@pytest.fixture
def editor_client(client, editor):
    sign_in(client, editor, mfa=True)
    return client


def _fi(text: str) -> str:
    with translation.override("fi"):
        return translation.gettext(text)


def _report(client) -> str:
    response = client.get(reverse(REPORT))
    assert response.status_code == 200
    return response.content.decode()


def _editor_props(client, page) -> dict:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    found = re.search(
        r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode()
    )
    assert found, "the translated page does not open in wagtail-localize's translation editor"
    return json.loads(html.unescape(found.group(1)))


def test_demo_translations__are_wagtail_localize_translations_of_the_finnish_pages(demo_tree):
    for language in ("sv", "en"):
        page = demo_tree.page(HOUSING, language)
        source = TranslationSource.objects.get(
            object_id=page.translation_key, locale__language_code="fi"
        )
        assert Translation.objects.filter(
            source=source, target_locale__language_code=language, enabled=True
        ).exists()
    # The Swedish page still reads as written in Swedish.
    sv = demo_tree.page(HOUSING, "sv")
    assert sv.title == "Boende och byggande"
    assert "lov för solpaneler" in str(sv.body)


def test_translation_round__publish_report_sync_translate_publish(
    demo_tree, editor, editor_client, django_capture_on_commit_callbacks
):
    fi = demo_tree.page(HOUSING)
    pages = {language: demo_tree.page(HOUSING, language) for language in ("sv", "en")}
    assert pages["sv"].title not in _report(editor_client)

    # 1. An editor publishes a change of the Finnish page.
    fi.intro = NEW_FI
    fi.save_revision(user=editor).publish(user=editor)

    # 2. The Swedish and English pages are reported out of date, and the pages say so.
    report = _report(editor_client)
    assert pages["sv"].title in report and pages["en"].title in report
    source_status = editor_client.get(reverse("wagtailadmin_pages:edit", args=[fi.pk]))
    assert 'data-translation-status="out-of-date"' in source_status.content.decode()
    assert '<span lang="sv">svenska</span>' in source_status.content.decode()
    sv_editor = editor_client.get(reverse("wagtailadmin_pages:edit", args=[pages["sv"].pk]))
    assert (
        _fi("This translation is out of date: its source page has changed since it was translated.")
        in sv_editor.content.decode()
    )

    # 3. Sync: the change reaches the translation editor, untranslated.
    source = TranslationSource.objects.get(object_id=fi.translation_key, locale=fi.locale)
    response = editor_client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {}
    )
    assert response.status_code == 302
    for language, page in pages.items():
        props = _editor_props(editor_client, page)
        segment = next(s for s in props["segments"] if s.get("source") == NEW_FI)
        translated = {t["segment_id"] for t in props["initialStringTranslations"]}
        assert segment["id"] not in translated, language
        # Everything else keeps its translation.
        others = [
            s for s in props["segments"] if s["type"] == "string" and s["id"] != segment["id"]
        ]
        assert others and all(s["id"] in translated for s in others), language
        assert page.title in _report(editor_client)

        # 4. Translate the new text and publish the translation.
        # As the editor's script sends it: multipart form data.
        response = editor_client.put(
            segment["editUrl"],
            encode_multipart(BOUNDARY, {"value": NEW_TEXT[language]}),
            content_type=MULTIPART_CONTENT,
        )
        assert response.status_code == 201
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_client.post(
                reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
            )
        assert response.status_code == 302

    # 5. Nothing is out of date, and the public pages say the new thing.
    assert _fi("Every translation is up to date with its source page.") in _report(editor_client)
    for language, page in pages.items():
        page.refresh_from_db()
        assert editor_client.get(page.url).content.decode().count(NEW_TEXT[language]) >= 1
