"""generate_scale: the benchmark's data set on top of the demo, at the tests' `tiny` size.

The demo is loaded and the set generated once for the module (rolled back after it); the
command then runs again, and must find everything there and add nothing.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from cases import demo as cases_demo
from cases import scale as cases_scale
from cases.models import Case, CaseEvent, CaseParty
from cases.services import case_state_derive
from cms import scale as cms_scale
from cms.models import NewsIndexPage, NewsPage
from decisions import scale as decisions_scale
from decisions.models import AgendaItem, Meeting, OfficeholderDecision
from finance import scale as finance_scale
from finance.models import Figure
from indicators import scale as indicators_scale
from indicators.models import Value
from maturity import scale as maturity_scale
from participation import scale as participation_scale
from participation.models import Answer, Survey
from participation.models import Response as SurveyResponse
from participation.selectors import survey_results
from portal import scale, textsearch
from portal.scale import SIZES
from tests.fixtures.demo import loaded_demo
from tests.paths import app_url

TINY = SIZES["tiny"]


def _counts() -> dict[str, int]:
    scale_surveys = Survey.objects.filter(title_en__startswith="Residents' survey ")
    return {
        "cases": cases_scale.done(),
        "events": CaseEvent.objects.filter(
            case__external_id__startswith=cases_scale.EXTERNAL_PREFIX
        ).count(),
        "parties": CaseParty.objects.filter(
            case__external_id__startswith=cases_scale.EXTERNAL_PREFIX
        ).count(),
        "agenda_items": AgendaItem.objects.filter(
            meeting__body__slug__startswith=decisions_scale.BODY_PREFIX
        ).count(),
        "meetings": Meeting.objects.filter(
            body__slug__startswith=decisions_scale.BODY_PREFIX
        ).count(),
        "officeholder_decisions": OfficeholderDecision.objects.filter(section__gte=10_000).count(),
        "responses": SurveyResponse.objects.filter(survey__in=scale_surveys).count(),
        "answers": Answer.objects.filter(response__survey__in=scale_surveys).count(),
        "budget_rows": Figure.objects.count(),
        "key_figure_values": Value.objects.exclude(
            area__code__in=indicators_scale.demo_codes()
        ).count(),
        "maturity_rounds": maturity_scale.done(),
        "pages": NewsPage.objects.filter(slug__startswith="arkisto-").count(),
    }


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    with loaded_demo(django_db_blocker, password="Scale-demo-password-1"):
        with django_db_blocker.unblock():
            output = io.StringIO()
            call_command("generate_scale", size="tiny", stdout=output)
            first = _counts()
            again = io.StringIO()
            call_command("generate_scale", size="tiny", stdout=again)
            yield first, output.getvalue(), again.getvalue()


@pytest.fixture
def data(generated, db):
    # `db` also makes pytest-django set up the test database when this module runs alone;
    # without a test asking for it the fixtures above would run on the configured database.
    return generated


def test_generate_scale__writes_the_sizes_asked_for(data):
    counts, output, _again = data

    assert counts["cases"] == TINY["cases"]
    assert counts["parties"] == TINY["cases"]
    # Events per case have a long tail: the resident's busiest case alone has 500.
    assert TINY["events"] * 0.7 <= counts["events"] <= TINY["events"] * 2.5
    assert counts["agenda_items"] == TINY["agenda_items"]
    assert counts["officeholder_decisions"] == TINY["officeholder_decisions"]
    assert counts["responses"] == TINY["responses"]
    assert counts["answers"] >= 3 * TINY["responses"]
    assert counts["budget_rows"] == finance_scale.expected(TINY["budget_rows"])
    assert counts["key_figure_values"] == TINY["key_figure_values"]
    assert counts["maturity_rounds"] == TINY["maturity_rounds"]
    # A news page per language.
    assert counts["pages"] == 3 * TINY["pages"]
    assert "cases (with events)" in output and "/s" in output


def test_generate_scale__copies_every_column_of_cases_and_events():
    # A column added to the models must be added to the rows that the generator copies.
    assert cases_scale.CASE_COLUMNS == [f.column for f in Case._meta.concrete_fields]
    assert cases_scale.EVENT_COLUMNS == [f.column for f in CaseEvent._meta.concrete_fields]


def test_generate_scale__running_again_adds_nothing(data):
    counts, _output, again = data

    assert _counts() == counts
    assert "ready" in again


def test_generate_scale__cases_state_is_derived_from_their_events(data):
    cases = Case.objects.filter(external_id__startswith=cases_scale.EXTERNAL_PREFIX)
    statuses = set(cases.values_list("status", flat=True))
    assert {"decided", "closed"} <= statuses and len(statuses) >= 3
    for case in cases.select_related("case_type", "phase").order_by("external_id")[:40]:
        stored = (
            case.phase_id,
            case.status,
            case.decided_at,
            case.final_at,
            case.closed_at,
            case.waiting_since,
            case.paused_seconds,
            case.processing_days,
        )
        events = list(case.events.select_related("phase").order_by("occurred_at", "id"))
        assert events[0].kind == "phase_change"
        case_state_derive(case, events, case.created)
        assert stored == (
            case.phase_id,
            case.status,
            case.decided_at,
            case.final_at,
            case.closed_at,
            case.waiting_since,
            case.paused_seconds,
            case.processing_days,
        )
        for answer in [e for e in events if e.kind == "info_response"]:
            assert answer.answer_to.answered_at == answer.occurred_at


def test_generate_scale__the_resident_has_a_case_with_500_events(data):
    resident = get_user_model().objects.get(email=cases_demo.AINO)
    busiest = Case.objects.get(external_id=f"{cases_scale.EXTERNAL_PREFIX}0")

    assert busiest.parties.filter(user=resident).exists()
    assert busiest.events.count() == cases_scale.MAX_EVENTS
    newest = Case.objects.filter(parties__user=resident).order_by("-modified").first()
    assert newest == busiest


def test_generate_scale__search_vectors_are_the_services_analysis(data):
    for model, filters in (
        (AgendaItem, {"meeting__body__slug__startswith": decisions_scale.BODY_PREFIX}),
        (OfficeholderDecision, {"section__gte": 10_000}),
    ):
        for row in model.objects.filter(**filters).order_by("pk")[:10]:
            words_fi, _vector = textsearch.index_document(
                row.search_text_fi, "fi", title=row.title_fi
            )
            words_sv, _vector = textsearch.index_document(
                row.search_text_sv, "sv", title=row.title_sv
            )
            assert row.search_words_fi == words_fi
            assert row.search_words_sv == words_sv
            assert row.search_fi and row.search_sv
            assert row.title_sv and row.title_fi != row.title_sv
            # The columns that search's indexes hold beside the words (decisions.services).
            if model is AgendaItem:
                assert row.search_body_id == row.meeting.body_id
                assert row.search_date == timezone.localdate(row.meeting.starts_at)
            else:
                assert row.search_body_id == row.decision_maker_id


def test_generate_scale__pages_render(data, client: Client):
    resident = get_user_model().objects.get(email=cases_demo.AINO)
    busiest = Case.objects.get(external_id=f"{cases_scale.EXTERNAL_PREFIX}0")
    meeting = Meeting.objects.filter(body__slug__startswith=decisions_scale.BODY_PREFIX).first()
    survey = Survey.objects.filter(title_en__startswith="Residents' survey ").first()
    page = NewsPage.objects.filter(slug__startswith="arkisto-", locale__language_code="sv").first()
    public = [
        app_url("decisions:meeting", meeting.pk),
        app_url("decisions:search", query="?q=koulu"),
        app_url("decisions:search", lang="sv", query="?q=skolan"),
        app_url("participation:results", survey.pk),
        app_url("finance:index"),
        page.url,
    ]
    for path in public:
        response = client.get(path, secure=True)
        assert response.status_code == 200, path
    search = client.get(app_url("decisions:search", query="?q=koulu"), secure=True)
    assert b"SCL/" in search.content or b"koulu" in search.content.lower()
    client.force_login(resident)
    for path in (app_url("cases:my_cases"), app_url("cases:detail", busiest.pk)):
        assert client.get(path, secure=True).status_code == 200, path
    assert (
        participation_scale.TITLE_FI.format(n=1).encode()
        in client.get(app_url("participation:results", survey.pk), secure=True).content
    )
    # The results' counters were counted from the generated answers.
    assert (
        survey_results(survey).respondents
        == SurveyResponse.objects.filter(survey=survey).count()
        > 0
    )


def test_generate_scale__news_pages_are_published_in_three_languages(data, client: Client):
    # Written in bulk, the pages must be what publishing through Wagtail leaves.
    assert Page.find_problems() == ([], [], [], [], [])
    for index in NewsIndexPage.objects.all():
        assert index.numchild == index.get_children().count() > TINY["pages"]
    page = NewsPage.objects.get(
        locale__language_code="fi", slug__startswith=f"{cms_scale.PREFIX}1-"
    )
    translations = {p.locale.language_code: p.specific for p in page.get_translations()}
    assert set(translations) == {"sv", "en"}
    pages = {"fi": page, **translations}
    for language, news in pages.items():
        assert news.live and not news.has_unpublished_changes
        assert news.first_published_at and news.last_published_at
        assert news.url_path == f"{news.get_parent().url_path}{news.slug}/"
        assert news.latest_revision_id == news.live_revision_id
        assert news.live_revision.as_object().title == news.title
        assert news.get_latest_revision_as_object().body.raw_data == news.body.raw_data
        response = client.get(news.url, secure=True)
        assert response.status_code == 200, news.url
        html = response.content.decode()
        assert news.lead in html
        # The page names its translations (language switcher and hreflang alternates).
        for other in pages.values():
            if other is not news:
                assert f'href="{other.url}"' in html, (language, other.url)
    # The news list and the site search find them, as the sitemap does.
    oldest = NewsPage.objects.filter(locale__language_code="sv").order_by("date").first()
    last_page = -(-pages["sv"].get_parent().numchild // NewsIndexPage.per_page)
    news_list = client.get(f"{pages['sv'].get_parent().url}?page={last_page}", secure=True)
    assert oldest.slug.startswith(cms_scale.PREFIX) and oldest.url in news_list.content.decode()
    for language, news in pages.items():
        found = client.get(
            app_url("cms:search", lang=language, query=f"?q={news.title}"), secure=True
        )
        assert found.status_code == 200
        assert news.url in found.content.decode(), language
    sitemap = client.get("/sitemap-pages.xml", secure=True).content.decode()
    for news in pages.values():
        assert f"{news.url}</loc>" in sitemap


def test_generate_scale__leaves_every_index_of_the_loaded_tables(data):
    # The plain indexes are dropped while a step loads its rows and built again after it.
    for model in (Case, CaseParty, CaseEvent, AgendaItem, OfficeholderDecision, SurveyResponse,
                  Answer, Figure, Value):  # fmt: skip
        expected = set(scale._plain_indexes(model))
        assert expected and expected <= scale._existing_indexes(model), model


def test_generate_scale__drops_the_anonymous_page_cache(data, monkeypatch):
    # Its rows go in around the services, which would have dropped it at each publication.
    calls = []
    monkeypatch.setattr("portal.pagecache.invalidate", lambda: calls.append(1))

    call_command("generate_scale", size="tiny", only="maturity", stdout=io.StringIO())

    assert calls == [1]


def test_finance_shape__a_city_has_the_sectors_of_a_small_town_and_more_cost_centres():
    small, city = finance_scale.shape(100_000), finance_scale.shape(1_000_000)

    assert small[0] == city[0] == finance_scale.MAX_SECTORS
    assert city[1] >= 10 * small[1]
    for rows in (100_000, 1_000_000):
        assert abs(finance_scale.expected(rows) - rows) / rows < 0.01
