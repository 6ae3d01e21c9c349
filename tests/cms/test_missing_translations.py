"""The admin report that shows editors which pages lack a translation."""

from dataclasses import replace

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    # The matrix's editor has not set up two-factor authentication; this one has.
    user = create_user(replace(ROLE_SPECS["editor"], mfa=True))
    assert Group.objects.filter(name="Editors", user=user).exists()
    sign_in(client, user, mfa=True)
    return client


def test_missing_translations__lists_the_finnish_only_page_with_its_missing_languages(
    demo_tree, editor_client
):
    response = editor_client.get("/admin/reports/missing-translations/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Yksityisteiden kunnossapitoavustus" in html
    assert '<span lang="sv">svenska</span>' in html
    assert '<span lang="en">English</span>' in html
    # A page translated into every language is not listed.
    assert "Varhaiskasvatus</" not in html and ">Uutiset<" not in html


def test_missing_translations__empty_when_every_page_is_translated(demo_tree, editor_client):
    demo_tree.page("yksityisteiden-kunnossapitoavustus").delete()

    response = editor_client.get("/admin/reports/missing-translations/")

    assert response.status_code == 200
    # The admin speaks the portal's default language, Finnish, to this editor.
    with translation.override("fi"):
        message = translation.gettext("Every page has a translation in every language.")
    assert message in response.content.decode()


def test_missing_translations__resident_cannot_open_the_report(demo_tree, client):
    sign_in(client, create_user(ROLE_SPECS["resident_a"]), mfa=False)

    response = client.get("/admin/reports/missing-translations/")

    assert response.status_code in (302, 403)
    assert "Yksityisteiden" not in response.content.decode()
