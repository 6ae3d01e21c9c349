"""The public pages in every language, the suggestions from the portal's own cases, the demo."""

import io

import pytest

from maturity import demo
from maturity.models import ImportedRound, Round, Service
from maturity.selectors import suggestion_for
from tests.cases.factories import make_case, make_case_type
from tests.paths import app_url


@pytest.fixture
def loaded(db):
    demo.load(stdout=io.StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_pages__every_page_in_every_language(client, loaded, language):
    year = Round.objects.order_by("-year").first().year
    for name, args in (
        ("maturity:index", []),
        ("maturity:round", [year]),
        ("maturity:round", [year - 1]),
        ("maturity:method", []),
        ("maturity:comparison", []),
    ):
        response = client.get(app_url(name, *args, lang=language))
        assert response.status_code == 200, (name, language)
        assert f'lang="{language}"' in response.content.decode()[:500]


@pytest.mark.django_db
def test_pages__index_shows_the_change_since_the_previous_round_and_a_chart(client, loaded):
    year = Round.objects.order_by("-year").first().year
    page = client.get(app_url("maturity:index", lang="en")).content.decode()
    assert f"since {year - 1}" in page
    assert "<svg" in page and "<desc" in page and "<table" in page


@pytest.mark.django_db
def test_pages__comparison_shows_the_imported_towns_with_source_and_date(client, loaded):
    page = client.get(app_url("maturity:comparison", lang="fi")).content.decode()
    for imported in ImportedRound.objects.all():
        assert imported.municipality in page
        assert imported.source in page
    assert ImportedRound.objects.count() == 2


@pytest.mark.django_db
def test_pages__comparison_names_a_town_in_the_page_language_or_marks_its_language(client, loaded):
    koivuranta = ImportedRound.objects.get(municipality="Koivuranta")
    document = {**koivuranta.document, "municipality": {"name": {"fi": "Purola"}}}
    ImportedRound.objects.create(
        municipality="Purola",
        year=koivuranta.year,
        published_at=koivuranta.published_at,
        source="https://purola.example.fi/digitaalisuus.json",
        document=document,
        checksum="0" * 64,
    )
    swedish = client.get(app_url("maturity:comparison", lang="sv")).content.decode()
    # The imported town's own Swedish name needs no mark; a Finnish-only name is marked fi.
    assert "Björkstrand" in swedish and "Koivuranta" not in swedish
    assert '<span lang="fi">Björkstrand' not in swedish
    assert swedish.count('<span lang="fi">Purola</span>') == 3  # table, summary, sources
    assert 'class="maturity-chart__label" lang="fi">Purola' in swedish
    # Everywhere else but the chart's plain-text description, the name is marked.
    assert swedish.count("Purola") == swedish.count('lang="fi">Purola') + 1 == 5
    finnish = client.get(app_url("maturity:comparison", lang="fi")).content.decode()
    assert "Purola" in finnish and 'lang="fi">Purola' not in finnish


@pytest.mark.django_db
def test_demo__loads_twice_without_changes(loaded):
    counts = (Round.objects.count(), ImportedRound.objects.count())
    demo.load(stdout=io.StringIO())
    assert counts == (2, 2) == (Round.objects.count(), ImportedRound.objects.count())
    assert all(r.is_published for r in Round.objects.all())


@pytest.mark.django_db
def test_pages__draft_round_is_not_public(client, db):
    from maturity.services import round_create

    round_create(year=2030)
    assert client.get(app_url("maturity:round", 2030, lang="fi")).status_code == 404
    assert client.get("/api/v1/maturity/rounds/2030/").status_code == 404


@pytest.mark.django_db
def test_suggestion__share_of_cases_from_the_integration_and_followed_online(db):
    from django.contrib.auth import get_user_model

    from cases.models import CaseParty

    case_type = make_case_type()
    service = Service.objects.get(code="building-permit")
    service.case_type = case_type
    service.save()
    make_case(case_type, external_id="bo-1", parties=["a@example.fi"])
    make_case(case_type, external_id="bo-2")
    make_case(case_type)
    make_case(case_type, days_ago=400, external_id="bo-old")
    user = get_user_model().objects.create(username="a", email="a@example.fi")
    CaseParty.objects.filter(email="a@example.fi").update(user=user)

    suggestion = suggestion_for(service)

    assert suggestion.cases == 3
    assert suggestion.integration_share == 67
    assert suggestion.followed_share == 33
