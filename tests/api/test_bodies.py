"""The bodies of the open data API: shape, paging, filters and languages."""

import datetime

import time_machine

BODIES = "/api/v1/bodies/"


def test_bodies_list__is_an_object_with_results_and_next(api, body_factory):
    body = body_factory(kind="council", slug="valtuusto", name_fi="Valtuusto")

    response = api.get(BODIES)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"results", "next"}
    assert data["next"] is None
    [item] = data["results"]
    assert item["id"] == body.pk
    assert item["url"] == f"http://testserver/api/v1/bodies/{body.pk}/"
    assert datetime.datetime.fromisoformat(item["modified"]) == body.modified
    assert item["kind"] == "council"
    assert item["slug"] == "valtuusto"
    assert item["name"] == "Valtuusto"
    assert item["description"] == "Päättää kunnan palveluista."


def test_bodies_detail__has_the_same_fields_and_its_url_leads_back(api, body_factory):
    body = body_factory(name_fi="Tekninen lautakunta")

    listed = api.get(BODIES).json()["results"][0]
    detail = api.get(listed["url"]).json()

    assert detail == listed
    assert detail["id"] == body.pk
    assert detail["name"] == "Tekninen lautakunta"


def test_bodies_list__cursor_pages_walk_every_body_once(api, body_factory):
    created = {body_factory().pk for _ in range(7)}

    seen = []
    url = f"{BODIES}?page_size=3"
    pages = 0
    while url:
        data = api.get(url).json()
        assert len(data["results"]) <= 3
        seen.extend(item["id"] for item in data["results"])
        url = data["next"]
        pages += 1

    assert pages == 3
    assert len(seen) == len(set(seen))
    assert set(seen) == created


def test_bodies_list__a_body_changed_during_the_walk_is_not_lost(api, body_factory):
    bodies = [body_factory() for _ in range(4)]
    first = api.get(f"{BODIES}?page_size=2").json()

    # The harvester has seen the first page; an official now edits a body on it.
    from decisions.services import body_save

    edited = bodies[0]
    body_save(body=edited, kind=edited.kind, slug=edited.slug, name_fi="Uusi nimi")
    rest = []
    url = first["next"]
    while url:
        data = api.get(url).json()
        rest.extend(data["results"])
        url = data["next"]

    seen = {item["id"] for item in first["results"]} | {item["id"] for item in rest}
    assert seen == {body.pk for body in bodies}
    assert rest[-1]["id"] == edited.pk
    assert rest[-1]["name"] == "Uusi nimi"


def test_bodies_list__modified_since_gives_only_later_changes(api, body_factory):
    with time_machine.travel(datetime.datetime(2026, 1, 5, 12, tzinfo=datetime.UTC), tick=False):
        body_factory(slug="vanha")
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        body_factory(slug="uusi")

    response = api.get(BODIES, {"modified_since": "2026-02-01T00:00:00+02:00"})

    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["results"]] == ["uusi"]


def test_bodies_list__modified_since_accepts_every_iso_8601_offset(api, body_factory):
    # ISO 8601 allows offsets up to ±23:59; PostgreSQL compares only up to ±15:59.
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        body_factory(slug="uusi")

    later = api.get(BODIES, {"modified_since": "2026-03-02T10:00:00-23:01"})
    earlier = api.get(BODIES, {"modified_since": "2026-02-28T12:00:00-23:01"})

    assert later.status_code == 200 and later.json()["results"] == []
    assert [item["slug"] for item in earlier.json()["results"]] == ["uusi"]


def test_bodies_list__kind_filter(api, body_factory):
    body_factory(kind="council", slug="valtuusto")
    body_factory(kind="youth_council", slug="nuva")

    response = api.get(BODIES, {"kind": "youth_council"})

    assert [item["slug"] for item in response.json()["results"]] == ["nuva"]


def test_bodies_list__inactive_bodies_are_not_public(api, body_factory):
    body_factory(slug="nykyinen")
    old = body_factory(slug="lakkautettu", is_active=False)

    assert [item["slug"] for item in api.get(BODIES).json()["results"]] == ["nykyinen"]
    response = api.get(f"{BODIES}{old.pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_bodies_list__queries_do_not_grow_with_bodies(api, body_factory, django_assert_num_queries):
    for _ in range(5):
        body_factory()

    with django_assert_num_queries(1):
        response = api.get(BODIES)

    assert len(response.json()["results"]) == 5


def test_bodies_lang__sv_parameter_gives_swedish_names(api, body_factory):
    body_factory(name_fi="Sivistyslautakunta", name_sv="Bildningsnämnden")

    item = api.get(BODIES, {"lang": "sv"}).json()["results"][0]

    assert item["name"] == "Bildningsnämnden"
    assert item["description"] == "Beslutar om kommunens tjänster."


def test_bodies_lang__accept_language_sv_gives_swedish_names(api, body_factory):
    body = body_factory(name_fi="Sivistyslautakunta", name_sv="Bildningsnämnden")

    response = api.get(f"{BODIES}{body.pk}/", HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9,en;q=0.5")

    assert response.json()["name"] == "Bildningsnämnden"
    assert response["Content-Language"] == "sv"
    assert "Accept-Language" in response["Vary"]


def test_bodies_lang__parameter_wins_over_accept_language(api, body_factory):
    body_factory(name_fi="Sivistyslautakunta", name_sv="Bildningsnämnden", name_en="Education")

    item = api.get(BODIES, {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="sv").json()["results"][0]

    assert item["name"] == "Education"


def test_bodies_lang__missing_swedish_falls_back_to_finnish(api, body_factory):
    body_factory(name_fi="Tarkastuslautakunta", name_sv="", name_en="Audit Committee")

    item = api.get(BODIES, {"lang": "sv"}).json()["results"][0]

    assert item["name"] == "Tarkastuslautakunta"


def test_bodies_lang__missing_english_falls_back_to_finnish_before_swedish(api, body_factory):
    body_factory(name_fi="Tarkastuslautakunta", name_sv="Revisionsnämnden", name_en="")

    item = api.get(BODIES, {"lang": "en"}).json()["results"][0]

    assert item["name"] == "Tarkastuslautakunta"


def test_bodies_lang__all_gives_every_translation_keyed_by_language(api, body_factory):
    body_factory(name_fi="Nuorisovaltuusto", name_sv="Ungdomsfullmäktige", name_en="")

    item = api.get(BODIES, {"lang": "all"}).json()["results"][0]

    assert item["name"] == {"fi": "Nuorisovaltuusto", "sv": "Ungdomsfullmäktige", "en": None}
    assert set(item["description"]) == {"fi", "sv", "en"}
