"""Bodies: saved through the service, maintained in the Wagtail admin, loaded for the demo."""

import io

import pytest
from django.core.exceptions import ValidationError

from decisions import demo
from decisions.models import Body
from decisions.policies import bodies_visible_to
from decisions.services import body_save
from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in


def test_body_save__creates_a_body_with_its_translations(db):
    body = body_save(
        kind="committee",
        slug="tekninen-lautakunta",
        name_fi="Tekninen lautakunta",
        name_sv="Tekniska nämnden",
        description_fi="Kadut ja puistot.",
    )

    body.refresh_from_db()
    assert (body.name_fi, body.name_sv, body.name_en) == (
        "Tekninen lautakunta",
        "Tekniska nämnden",
        None,
    )
    assert body.description_fi == "Kadut ja puistot."
    assert body.is_active


def test_body_save__updating_moves_modified_forward(body_factory):
    body = body_factory()
    before = body.modified

    body_save(body=body, kind=body.kind, slug=body.slug, name_fi="Uusi nimi")

    body.refresh_from_db()
    assert body.name_fi == "Uusi nimi"
    assert body.modified > before


def test_body_save__refuses_a_duplicate_slug_and_a_missing_finnish_name(body_factory):
    body_factory(slug="valtuusto")

    with pytest.raises(ValidationError) as duplicate:
        body_save(kind="council", slug="valtuusto", name_fi="Toinen valtuusto")
    with pytest.raises(ValidationError) as nameless:
        body_save(kind="council", slug="nimeton", name_fi="", name_sv="Namnlös")

    assert "slug" in duplicate.value.message_dict
    assert "name_fi" in nameless.value.message_dict
    assert Body.objects.count() == 1


def test_bodies_visible_to__everyone_sees_active_bodies_and_staff_also_inactive(body_factory):
    from django.contrib.auth.models import AnonymousUser

    body_factory(slug="nykyinen")
    body_factory(slug="lakkautettu", is_active=False)
    admin = create_user(ROLE_SPECS["admin"])
    resident = create_user(ROLE_SPECS["resident_a"])

    def slugs(user):
        return sorted(bodies_visible_to(user).values_list("slug", flat=True))

    assert slugs(AnonymousUser()) == ["nykyinen"]
    assert slugs(resident) == ["nykyinen"]
    assert slugs(admin) == ["lakkautettu", "nykyinen"]


def test_demo_load__creates_the_bodies_of_rantala_once(db):
    from decisions.models import AgendaItem, Meeting, OfficeholderDecision

    out = io.StringIO()

    demo.load(stdout=out)
    counts = (Meeting.objects.count(), AgendaItem.objects.count())
    demo.load(stdout=out)

    names = dict(Body.objects.values_list("name_fi", "name_sv"))
    assert names == {
        "Kunnanvaltuusto": "Kommunfullmäktige",
        "Kunnanhallitus": "Kommunstyrelsen",
        "Sivistyslautakunta": "Bildningsnämnden",
        "Tekninen lautakunta": "Tekniska nämnden",
        "Nuorisovaltuusto": "Ungdomsfullmäktige",
        "Sivistysjohtaja": "Bildningsdirektören",
        "Tekninen johtaja": "Tekniska direktören",
    }
    assert not Body.objects.filter(name_en__isnull=True).exists()
    assert Body.objects.get(slug="nuorisovaltuusto").kind == "youth_council"
    # About two years of meetings, loaded once, with the special cases of the demo.
    assert (Meeting.objects.count(), AgendaItem.objects.count()) == counts
    assert counts[0] > 100
    assert AgendaItem.objects.filter(resolution="voted", votes__isnull=False).exists()
    assert AgendaItem.objects.filter(resolution="tabled").exists()
    assert AgendaItem.objects.filter(is_confidential=True).exists()
    assert AgendaItem.objects.filter(disqualifications__isnull=False).exists()
    assert AgendaItem.objects.filter(attachments__publicity="non_public").exists()
    assert AgendaItem.objects.filter(meeting__items__order=40).exists()
    assert OfficeholderDecision.objects.filter(personal_data__isnull=False).exists()


# --- Wagtail admin ----------------------------------------------------------------------------


@pytest.fixture
def admin_client(db, client):
    user = create_user(ROLE_SPECS["admin"])
    sign_in(client, user, mfa=True)
    return client


def _form(**overrides) -> dict:
    data = {
        "kind": "committee",
        "slug": "ymparistolautakunta",
        "name_fi": "Ympäristölautakunta",
        "name_sv": "Miljönämnden",
        "name_en": "",
        "description_fi": "",
        "description_sv": "",
        "description_en": "",
        "is_active": "on",
        "sort_order": "60",
    }
    return {**data, **overrides}


def test_admin_bodies__lists_and_searches_bodies(admin_client, body_factory):
    body_factory(name_fi="Sivistyslautakunta", name_sv="Bildningsnämnden", slug="sivistys")
    body_factory(name_fi="Tekninen lautakunta", name_sv="Tekniska nämnden", slug="tekninen")

    listing = admin_client.get("/admin/bodies/")
    found = admin_client.get("/admin/bodies/", {"q": "Bildnings"})

    assert listing.status_code == 200
    assert "Sivistyslautakunta" in listing.content.decode()
    assert "Tekninen lautakunta" in listing.content.decode()
    assert "Sivistyslautakunta" in found.content.decode()
    assert "Tekninen lautakunta" not in found.content.decode()


def test_admin_bodies__add_form_has_every_language(admin_client):
    response = admin_client.get("/admin/bodies/new/")

    html = response.content.decode()
    for name in ("name_fi", "name_sv", "name_en", "description_fi", "description_sv"):
        assert f'name="{name}"' in html


def test_admin_bodies__create_and_edit_go_through_the_service(admin_client, monkeypatch):
    import decisions.wagtail_hooks as hooks

    calls = []

    def spy(**kwargs):
        calls.append(kwargs)
        return body_save(**kwargs)

    monkeypatch.setattr(hooks, "body_save", spy)

    created = admin_client.post("/admin/bodies/new/", _form())
    body = Body.objects.get(slug="ymparistolautakunta")
    edited = admin_client.post(
        f"/admin/bodies/edit/{body.pk}/", _form(name_sv="", name_en="Environment Committee")
    )

    assert created.status_code == 302
    assert edited.status_code == 302
    assert len(calls) == 2
    body.refresh_from_db()
    assert body.name_fi == "Ympäristölautakunta"
    assert body.name_sv is None
    assert body.name_en == "Environment Committee"
    assert body.sort_order == 60


def test_admin_bodies__finnish_name_is_required(admin_client):
    response = admin_client.post("/admin/bodies/new/", _form(name_fi=""))

    assert response.status_code == 200
    assert not Body.objects.exists()
