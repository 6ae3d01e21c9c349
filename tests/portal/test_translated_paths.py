"""Application pages have a path in each language, and their old addresses lead there."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import resolve, reverse
from django.utils.translation import override

from decisions.services import body_save

CASE = uuid.UUID("00000000-0000-4000-8000-000000000001")
NOTE = uuid.UUID("00000000-0000-4000-8000-000000000002")

# Route name, its arguments, and its path in fi, sv and en.
PATHS = [
    ("cases:my_cases", [], "/fi/omat-asiat/", "/sv/mina-arenden/", "/en/my-cases/"),
    (
        "cases:detail",
        [CASE],
        f"/fi/omat-asiat/{CASE}/",
        f"/sv/mina-arenden/{CASE}/",
        f"/en/my-cases/{CASE}/",
    ),
    (
        "cases:message",
        [CASE],
        f"/fi/omat-asiat/{CASE}/viesti/",
        f"/sv/mina-arenden/{CASE}/meddelande/",
        f"/en/my-cases/{CASE}/message/",
    ),
    (
        "cases:info_request_answer",
        [CASE, 7],
        f"/fi/omat-asiat/{CASE}/pyynnot/7/",
        f"/sv/mina-arenden/{CASE}/begaranden/7/",
        f"/en/my-cases/{CASE}/requests/7/",
    ),
    (
        "cases:document",
        [CASE, 8],
        f"/fi/omat-asiat/{CASE}/asiakirjat/8/",
        f"/sv/mina-arenden/{CASE}/handlingar/8/",
        f"/en/my-cases/{CASE}/documents/8/",
    ),
    ("cases:lookup", [], "/fi/hae-asiaa/", "/sv/sok-arende/", "/en/case-lookup/"),
    (
        "cases:case_types",
        [],
        "/fi/kasittelyajat/",
        "/sv/handlaggningstider/",
        "/en/processing-times/",
    ),
    (
        "cases:case_type_detail",
        ["rakennuslupa"],
        "/fi/kasittelyajat/rakennuslupa/",
        "/sv/handlaggningstider/rakennuslupa/",
        "/en/processing-times/rakennuslupa/",
    ),
    ("notifications:inbox", [], "/fi/ilmoitukset/", "/sv/aviseringar/", "/en/notifications/"),
    (
        "notifications:mark_all_read",
        [],
        "/fi/ilmoitukset/luetut/",
        "/sv/aviseringar/lasta/",
        "/en/notifications/read/",
    ),
    (
        "notifications:open",
        [NOTE],
        f"/fi/ilmoitukset/{NOTE}/",
        f"/sv/aviseringar/{NOTE}/",
        f"/en/notifications/{NOTE}/",
    ),
    ("decisions:index", [], "/fi/paatokset/", "/sv/beslut/", "/en/decisions/"),
    ("decisions:search", [], "/fi/paatokset/haku/", "/sv/beslut/sok/", "/en/decisions/search/"),
    (
        "decisions:subscriptions",
        [],
        "/fi/paatokset/tilaukset/",
        "/sv/beslut/prenumerationer/",
        "/en/decisions/subscriptions/",
    ),
    (
        "decisions:subscription_delete",
        [3],
        "/fi/paatokset/tilaukset/3/poista/",
        "/sv/beslut/prenumerationer/3/ta-bort/",
        "/en/decisions/subscriptions/3/delete/",
    ),
    ("decisions:rss", [], "/fi/paatokset/rss/", "/sv/beslut/rss/", "/en/decisions/rss/"),
    ("decisions:atom", [], "/fi/paatokset/atom/", "/sv/beslut/atom/", "/en/decisions/atom/"),
    (
        "decisions:calendar",
        [],
        "/fi/paatokset/kokoukset.ics",
        "/sv/beslut/sammantraden.ics",
        "/en/decisions/meetings.ics",
    ),
    (
        "decisions:meeting",
        [5],
        "/fi/paatokset/kokoukset/5/",
        "/sv/beslut/sammantraden/5/",
        "/en/decisions/meetings/5/",
    ),
    (
        "decisions:item",
        [6],
        "/fi/paatokset/asiat/6/",
        "/sv/beslut/arenden/6/",
        "/en/decisions/items/6/",
    ),
    (
        "decisions:attachment",
        [7],
        "/fi/paatokset/liitteet/7/",
        "/sv/beslut/bilagor/7/",
        "/en/decisions/attachments/7/",
    ),
    (
        "decisions:officeholder_decision",
        [8],
        "/fi/paatokset/viranhaltijapaatokset/8/",
        "/sv/beslut/tjansteinnehavarbeslut/8/",
        "/en/decisions/officeholder-decisions/8/",
    ),
    ("participation:index", [], "/fi/kyselyt/", "/sv/enkater/", "/en/surveys/"),
    ("participation:detail", [4], "/fi/kyselyt/4/", "/sv/enkater/4/", "/en/surveys/4/"),
    (
        "participation:code",
        [4],
        "/fi/kyselyt/4/koodi/",
        "/sv/enkater/4/kod/",
        "/en/surveys/4/code/",
    ),
    (
        "participation:answer",
        [4, 2],
        "/fi/kyselyt/4/vastaa/2/",
        "/sv/enkater/4/svara/2/",
        "/en/surveys/4/answer/2/",
    ),
    (
        "participation:thanks",
        [4],
        "/fi/kyselyt/4/kiitos/",
        "/sv/enkater/4/tack/",
        "/en/surveys/4/thanks/",
    ),
    (
        "participation:results",
        [4],
        "/fi/kyselyt/4/tulokset/",
        "/sv/enkater/4/resultat/",
        "/en/surveys/4/results/",
    ),
    ("maturity:index", [], "/fi/digitaalisuus/", "/sv/digitalisering/", "/en/digital-maturity/"),
    (
        "maturity:comparison",
        [],
        "/fi/digitaalisuus/vertailu/",
        "/sv/digitalisering/jamforelse/",
        "/en/digital-maturity/comparison/",
    ),
    (
        "maturity:csv",
        [2026],
        "/fi/digitaalisuus/2026/palvelut.csv",
        "/sv/digitalisering/2026/tjanster.csv",
        "/en/digital-maturity/2026/services.csv",
    ),
    ("cms:search", [], "/fi/haku/", "/sv/sok/", "/en/search/"),
    (
        "cms:no_translation",
        [9],
        "/fi/ei-kaannosta/9/",
        "/sv/ingen-oversattning/9/",
        "/en/no-translation/9/",
    ),
]

BY_LANGUAGE = [
    pytest.param(name, args, language, expected, id=f"{name}-{language}")
    for name, args, *paths in PATHS
    for language, expected in zip(("fi", "sv", "en"), paths, strict=True)
]


@pytest.fixture
def board(db):
    return body_save(
        kind="executive_board",
        slug="kunnanhallitus",
        slug_sv="kommunstyrelsen",
        slug_en="executive-board",
        name_fi="Kunnanhallitus",
        name_sv="Kommunstyrelsen",
        name_en="Executive Board",
    )


@pytest.mark.parametrize(("name", "args", "language", "expected"), BY_LANGUAGE)
def test_reverse__gives_the_path_of_the_language(name, args, language, expected):
    with override(language):
        assert reverse(name, args=args) == expected


@pytest.mark.parametrize(("name", "args", "language", "expected"), BY_LANGUAGE)
def test_resolve__finds_the_route_under_its_translated_path(name, args, language, expected):
    with override(language):
        assert resolve(expected).view_name == name


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "/fi/paatokset/toimielimet/kunnanhallitus/"),
        ("sv", "/sv/beslut/organ/kommunstyrelsen/"),
        ("en", "/en/decisions/bodies/executive-board/"),
    ],
)
def test_body_address__uses_the_bodys_slug_in_the_language(client, board, language, expected):
    with override(language):
        assert reverse("decisions:body", args=[board]) == expected

    assert client.get(expected).status_code == 200


def test_body_address__falls_back_to_the_finnish_slug(client, db):
    body = body_save(kind="committee", slug="tarkastuslautakunta", name_fi="Tarkastuslautakunta")

    with override("sv"):
        address = reverse("decisions:body", args=[body])

    assert address == "/sv/beslut/organ/tarkastuslautakunta/"
    assert client.get(address).status_code == 200


def test_body_address__with_another_languages_slug_leads_to_this_languages(client, board):
    response = client.get("/sv/beslut/organ/kunnanhallitus/?page=2")

    assert response.status_code == 301
    assert response["Location"] == "/sv/beslut/organ/kommunstyrelsen/?page=2"


def test_body_slug__cannot_be_another_bodys_slug_in_any_language(board):
    with pytest.raises(ValidationError) as error:
        body_save(kind="committee", slug="stadsstyrelsen", slug_sv="kommunstyrelsen", name_fi="X")

    assert "slug_sv" in error.value.message_dict


# Old address (before the paths were translated) → the new one, query string kept.
MOVED = [
    ("/fi/cases/?page=2", "/fi/omat-asiat/?page=2"),
    ("/sv/cases/lookup/", "/sv/sok-arende/"),
    ("/en/cases/lookup/?reference=R%2F1", "/en/case-lookup/?reference=R%2F1"),
    (f"/sv/cases/{CASE}/", f"/sv/mina-arenden/{CASE}/"),
    (f"/fi/cases/{CASE}/message/", f"/fi/omat-asiat/{CASE}/viesti/"),
    (f"/sv/cases/{CASE}/requests/3/", f"/sv/mina-arenden/{CASE}/begaranden/3/"),
    (f"/fi/cases/{CASE}/documents/4/", f"/fi/omat-asiat/{CASE}/asiakirjat/4/"),
    ("/fi/case-types/", "/fi/kasittelyajat/"),
    ("/sv/case-types/bygglov/", "/sv/handlaggningstider/bygglov/"),
    ("/en/case-types/", "/en/processing-times/"),
    ("/fi/notifications/", "/fi/ilmoitukset/"),
    (f"/sv/notifications/{NOTE}/", f"/sv/aviseringar/{NOTE}/"),
    ("/fi/decisions/", "/fi/paatokset/"),
    (
        "/sv/decisions/search/?q=skola&body=kunnanhallitus",
        "/sv/beslut/sok/?q=skola&body=kunnanhallitus",
    ),
    (
        "/fi/decisions/subscriptions/?body=kunnanhallitus",
        "/fi/paatokset/tilaukset/?body=kunnanhallitus",
    ),
    ("/sv/decisions/subscriptions/3/delete/", "/sv/beslut/prenumerationer/3/ta-bort/"),
    ("/fi/decisions/rss/", "/fi/paatokset/rss/"),
    ("/sv/decisions/atom/", "/sv/beslut/atom/"),
    ("/fi/decisions/meetings.ics", "/fi/paatokset/kokoukset.ics"),
    ("/fi/decisions/bodies/kunnanhallitus/", "/fi/paatokset/toimielimet/kunnanhallitus/"),
    ("/sv/decisions/bodies/kunnanhallitus/?page=2", "/sv/beslut/organ/kommunstyrelsen/?page=2"),
    ("/sv/decisions/bodies/kunnanhallitus/rss/", "/sv/beslut/organ/kommunstyrelsen/rss/"),
    ("/en/decisions/bodies/kunnanhallitus/atom/", "/en/decisions/bodies/executive-board/atom/"),
    (
        "/sv/decisions/bodies/kunnanhallitus/meetings.ics",
        "/sv/beslut/organ/kommunstyrelsen/sammantraden.ics",
    ),
    ("/sv/decisions/meetings/5/", "/sv/beslut/sammantraden/5/"),
    ("/fi/decisions/items/6/?highlight=koulu", "/fi/paatokset/asiat/6/?highlight=koulu"),
    ("/sv/decisions/attachments/7/", "/sv/beslut/bilagor/7/"),
    ("/fi/decisions/officeholder-decisions/8/", "/fi/paatokset/viranhaltijapaatokset/8/"),
    ("/sv/kyselyt/", "/sv/enkater/"),
    ("/en/kyselyt/4/", "/en/surveys/4/"),
    ("/sv/kyselyt/4/koodi/", "/sv/enkater/4/kod/"),
    ("/sv/kyselyt/4/vastaa/2/", "/sv/enkater/4/svara/2/"),
    ("/en/kyselyt/4/kiitos/", "/en/surveys/4/thanks/"),
    ("/sv/kyselyt/4/tulokset/", "/sv/enkater/4/resultat/"),
    ("/fi/search/?q=kirjasto", "/fi/haku/?q=kirjasto"),
    ("/sv/search/", "/sv/sok/"),
    ("/sv/no-translation/9/", "/sv/ingen-oversattning/9/"),
]


@pytest.mark.parametrize(("old", "new"), MOVED)
def test_old_address__answers_301_with_the_new_one(client, board, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


def test_old_address__posted_to_keeps_the_method(client, db):
    response = client.post("/fi/decisions/subscriptions/", {"word": "uimahalli"})

    assert response.status_code == 308
    assert response["Location"] == "/fi/paatokset/tilaukset/"


def test_old_address__of_a_body_that_does_not_exist_is_not_found(client, db):
    assert client.get("/fi/decisions/bodies/ei-ole/").status_code == 404


def test_old_address__that_is_also_the_new_one_is_not_redirected(client, db):
    # English paths kept their words: a missing item stays "not found", with no loop.
    assert client.get("/en/decisions/items/999999/").status_code == 404
    assert client.get("/fi/kyselyt/999999/").status_code == 404


def test_old_address__does_not_hide_a_cms_page_with_that_slug(client, db):
    from wagtail.models import Page, Site

    from cms.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(instance=StandardPage(title="Päätöksenteko", slug="decisions"))
    assert Page.objects.get(pk=page.pk).url == "/fi/decisions/"

    response = client.get("/fi/decisions/")

    assert response.status_code == 200
    assert "Päätöksenteko" in response.content.decode()


def test_language_switcher__leads_to_the_page_under_its_translated_path(client, board):
    html = client.get("/fi/paatokset/").content.decode()

    assert 'href="/sv/beslut/" lang="sv"' in html
    assert 'href="/en/decisions/" lang="en"' in html


def test_language_switcher__on_a_body_page_uses_the_bodys_slug_in_the_language(client, board):
    html = client.get("/fi/paatokset/toimielimet/kunnanhallitus/").content.decode()

    assert 'href="/sv/beslut/organ/kommunstyrelsen/" lang="sv"' in html
    assert 'href="/en/decisions/bodies/executive-board/" lang="en"' in html


def test_body_slugs__existing_bodies_get_them_from_their_names(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("decisions.migrations.0007_add_body_slugs_per_language")
    board = body_save(
        kind="executive_board",
        slug="kunnanhallitus",
        name_fi="Kunnanhallitus",
        name_sv="Kommunstyrelsen",
        name_en="Municipal Executive Board",
    )
    technical = body_save(
        kind="committee", slug="tekninen-lautakunta", name_fi="Tekninen lautakunta"
    )
    technical.name_sv = "Tekniska nämnden"
    technical.save()

    migration.fill_slugs(apps, None)

    board.refresh_from_db()
    technical.refresh_from_db()
    assert (board.slug_sv, board.slug_en) == ("kommunstyrelsen", "municipal-executive-board")
    assert (technical.slug_sv, technical.slug_en) == ("tekniska-namnden", None)
