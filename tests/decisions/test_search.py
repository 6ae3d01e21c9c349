"""Search of agenda items and officeholder decisions: filters, highlights, stemming (PostgreSQL)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from decisions import services
from decisions.demo import _pdf
from portal import textsearch

ON_POSTGRESQL = connection.vendor == "postgresql"
NEEDS_POSTGRESQL = pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="stemmed full-text search needs PostgreSQL: set DATABASE_URL=postgres://… to run it",
)


@pytest.fixture
def meeting(meeting_factory, body_factory):
    body = body_factory(slug="hallitus", name_fi="Kunnanhallitus", name_sv="Kommunstyrelsen")
    meeting = meeting_factory(body=body, starts_at=timezone.now() - datetime.timedelta(days=5))
    return services.meeting_schedule_agenda(
        meeting=meeting, publish_at=timezone.now() - datetime.timedelta(days=10)
    )


def _item(item_factory, meeting, fi: str, sv: str, **kwargs):
    kwargs.setdefault("background", {"fi": f"<p>{fi}</p>", "sv": f"<p>{sv}</p>"})
    return item_factory(
        meeting=meeting,
        title={"fi": fi, "sv": sv},
        proposal={},
        decision={},
        **kwargs,
    )


def _search(client, lang="fi", **params):
    return client.get(f"/{lang}/decisions/search/", params, secure=True)


def test_search__finds_items_and_officeholder_decisions_and_marks_the_word(
    client, meeting, item_factory, officeholder_decision_factory
):
    _item(item_factory, meeting, "Uimahallin peruskorjaus", "Renovering av simhallen")
    _item(item_factory, meeting, "Kirjaston aukioloajat", "Bibliotekets öppettider")
    officeholder_decision_factory(
        title={"fi": "Uimahallin lipunmyyntilaitteet", "sv": "Simhallens biljettautomater"}
    )

    response = _search(client, q="uimahallin")
    html = response.content.decode()

    assert response.status_code == 200
    assert "Uimahallin peruskorjaus" in html
    assert "Uimahallin lipunmyyntilaitteet" in html
    assert "Kirjaston aukioloajat" not in html
    assert "<mark>" in html.lower()


def test_search__filters_body_dates_reference_and_resolution(
    client, meeting, meeting_factory, item_factory
):
    tabled = _item(
        item_factory,
        meeting,
        "Koulun piha",
        "Skolgården",
        case_reference="RAN/5/00/2026",
        resolution="tabled",
    )
    elsewhere = meeting_factory(starts_at=timezone.now() - datetime.timedelta(days=400))
    services.meeting_schedule_agenda(
        meeting=elsewhere, publish_at=timezone.now() - datetime.timedelta(days=401)
    )
    old = _item(item_factory, elsewhere, "Koulun katto", "Skolans tak")
    services.meeting_publish_minutes(meeting=meeting)
    services.meeting_publish_minutes(meeting=elsewhere)

    def found(**params):
        html = _search(client, **params).content.decode()
        return {name for name, item in (("tabled", tabled), ("old", old)) if item.title_fi in html}

    recent = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert found(q="koulun") == {"tabled", "old"}
    assert found(q="koulun", body="hallitus") == {"tabled"}
    assert found(q="koulun", date_from=recent) == {"tabled"}
    assert found(q="koulun", date_to=recent) == {"old"}
    assert found(reference="RAN/5/00/2026") == {"tabled"}
    assert found(resolution="tabled") == {"tabled"}


def test_search__bad_filters_show_an_error(client, db):
    response = _search(client, date_from="2026-13-45", q="koulu")

    assert response.status_code == 400
    assert 'href="#id_date_from"' in response.content.decode()


def test_search__finds_the_text_of_public_pdf_attachments_only(
    client, meeting, item_factory, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    item = _item(item_factory, meeting, "Liikuntapaikat", "Idrottsplatser")
    services.attachment_save(
        item=item,
        title={"fi": "Selvitys"},
        file=SimpleUploadedFile("s.pdf", _pdf("Frisbeegolfrata Rantapuistoon"), "application/pdf"),
    )
    secret = _item(item_factory, meeting, "Hankinta", "Upphandling")
    services.attachment_save(
        item=secret,
        title={"fi": "Tarjous"},
        file=SimpleUploadedFile("t.pdf", _pdf("Salainen keilahalli"), "application/pdf"),
        publicity="non_public",
        secrecy_ground={"fi": "JulkL 24 § 1 mom. 20 k"},
    )

    assert "Liikuntapaikat" in _search(client, q="frisbeegolfrata").content.decode()
    assert "Hankinta" not in _search(client, q="keilahalli").content.decode()


@NEEDS_POSTGRESQL
def test_search__finnish_and_swedish_inflected_words_find_other_forms(
    client, meeting, item_factory
):
    finnish = _item(
        item_factory,
        meeting,
        "Hallituksen päätöksen täytäntöönpano",
        "Verkställighet av styrelsens beslut",
    )
    swedish = _item(item_factory, meeting, "Koulujen verkko", "Nätet av skolor i kommunen")
    unrelated = _item(item_factory, meeting, "Katuvalot", "Gatubelysning")

    fi = _search(client, q="päätöksestä").content.decode()
    sv = _search(client, lang="sv", q="skolornas").content.decode()

    assert finnish.title_fi in fi and unrelated.title_fi not in fi
    assert swedish.title_sv in sv and unrelated.title_sv not in sv
    assert "<mark>päätöksen</mark>" in fi.lower()


@NEEDS_POSTGRESQL
def test_search__api_q_is_stemmed_too(client, meeting, item_factory):
    item = _item(item_factory, meeting, "Päätöksen tiedoksianto", "Delgivning av beslutet")

    data = client.get("/api/v1/agenda-items/", {"q": "päätöksestä"}).json()

    assert [row["id"] for row in data["results"]] == [item.pk]


@NEEDS_POSTGRESQL
def test_search__uses_the_gin_indexes(db):
    from decisions.models import AgendaItem
    from decisions.selectors import _text_match

    query = AgendaItem.objects.filter(_text_match("päätöksestä")).order_by().values("id")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = query.explain()

    assert "decisions_item_search_fi" in plan
    assert "decisions_item_search_sv" in plan


NEEDS_WORD_FORMS = pytest.mark.skipif(
    bool(textsearch.missing_analysers()),
    reason="word forms need Debian voikko-fi, libvoikko1 and hunspell-sv (apt-get install)",
)


@NEEDS_WORD_FORMS
@pytest.mark.parametrize(
    ("lang", "query", "marked"),
    [
        ("fi", "päiväkodin", "päiväkotien"),
        ("fi", "päiväkodit", "Päiväkoti"),
        ("fi", "koulun", "Koulukeskuksen"),
        ("fi", "koulukeskus", "Koulukeskuksen"),
        ("fi", "joukkoliikenne", "Joukkoliikenteen"),
        ("sv", "daghemmet", "daghemmen"),
        ("sv", "skola", "skolcentret"),
        ("sv", "skolan", "Skolcentrets"),
        ("sv", "skolcentrum", "skolcentret"),
    ],
)
def test_search__finds_inflected_forms_and_compound_parts_and_marks_them(
    client, meeting, item_factory, lang, query, marked
):
    school = _item(
        item_factory,
        meeting,
        "Koulukeskuksen peruskorjaus",
        "Renovering av skolcentret",
        background={
            "fi": "<p>Koulukeskuksen ilmanvaihto on käyttöikänsä päässä.</p>",
            "sv": "<p>Skolcentrets ventilation är uttjänt.</p>",
        },
    )
    day_care = _item(
        item_factory,
        meeting,
        "Päiväkoti Koivukujalle",
        "Daghem vid Björkgränden",
        background={
            "fi": "<p>Keskustan päiväkotien jonot ovat pidentyneet.</p>",
            "sv": "<p>Köerna till daghemmen har blivit längre.</p>",
        },
    )
    buses = _item(
        item_factory,
        meeting,
        "Joukkoliikenteen palvelutaso",
        "Kollektivtrafikens servicenivå",
        background={"fi": "<p>Bussivuoroja lisätään.</p>", "sv": "<p>Fler bussturer.</p>"},
    )
    expected = {"päiväko": day_care, "koulu": school, "joukko": buses}
    expected |= {"daghem": day_care, "skol": school}
    wanted = next(item for prefix, item in expected.items() if query.startswith(prefix))

    with translation.override(lang):
        url = reverse("decisions:search")
    html = client.get(url, {"q": query}, secure=True).content.decode()

    title = getattr(wanted, f"title_{lang}")
    assert title in html
    for other in {school, day_care, buses} - {wanted}:
        assert getattr(other, f"title_{lang}") not in html
    assert f"<mark>{marked}</mark>" in html


@NEEDS_WORD_FORMS
def test_search__quoted_phrases_and_excluded_words(client, meeting, item_factory):
    roof = _item(item_factory, meeting, "Koulun katon korjaus", "Reparation av skolans tak")
    yard = _item(item_factory, meeting, "Koulun pihan korjaus", "Reparation av skolgården")
    with translation.override("fi"):
        url = reverse("decisions:search")

    def found(q):
        html = client.get(url, {"q": q}, secure=True).content.decode()
        return {name for name, item in (("roof", roof), ("yard", yard)) if item.title_fi in html}

    assert found("koulujen korjaukset") == {"roof", "yard"}
    assert found('"koulun katon"') == {"roof"}
    assert found("koulu -piha") == {"roof"}
    assert found('"koulun') == {"roof", "yard"}
    assert found("--- ???") == set()


def test_search__without_voikko_falls_back_to_words_and_warns(monkeypatch):
    from django.core import checks

    monkeypatch.setattr(textsearch, "_finnish", lambda: None)
    textsearch.forget()
    try:
        lexemes = textsearch.lexemes("Koulun katto", "fi")
        warnings = [m for m in checks.run_checks() if m.id == "portal.W010"]
    finally:
        textsearch.forget()

    assert "koulun" in lexemes and "katto" in lexemes
    assert warnings and "voikko-fi" in warnings[0].hint
