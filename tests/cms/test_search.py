"""Site search: pages, news, decisions, processing times and surveys, grouped by kind with counts,
in the reader's language, with the other official language's hits offered when it has none."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cases import services as case_services
from decisions import services as decision_services
from tests.cases.factories import PHASES, make_unit
from tests.decisions.factories import AgendaItemFactory, MeetingFactory, OfficeholderDecisionFactory
from tests.participation.factories import SurveyFactory

GROUP = re.compile(
    r'<section class="search-group" id="search-(?P<kind>\w+)".*?'
    r'class="search-group__count">\((?P<count>\d+)\)',
    re.S,
)


def _search(client, language: str = "fi", **params):
    with translation.override(language):
        url = reverse("cms:search")
    return client.get(url, params)


def _groups(html: str) -> dict[str, int]:
    """Kind → count of the result groups on a search page."""
    return {match["kind"]: int(match["count"]) for match in GROUP.finditer(html)}


def _url(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _meeting():
    meeting = MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=5))
    return decision_services.meeting_schedule_agenda(
        meeting=meeting, publish_at=timezone.now() - datetime.timedelta(days=10)
    )


def _case_type(code: str, fi: str, sv: str):
    return case_services.case_type_save(
        code=code,
        unit=make_unit(),
        name={"fi": fi, "sv": sv, "en": fi},
        description={"fi": f"{fi} kunnalta.", "sv": f"{sv} av kommunen."},
        phases=PHASES,
        legal_deadline_days=30,
        declared_days=21,
    )


# --- Pages (the search as it was) ------------------------------------------------------------


def test_search__finds_a_page_by_a_word_in_its_body(client, demo_tree):
    response = _search(client, q="rakennustarkastajalle")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{demo_tree.url("asuminen-ja-rakentaminen")}"' in html
    assert "rakennustarkastajalle" in html  # the query is echoed
    assert _groups(html) == {"pages": 1}


def test_search__without_a_query_shows_a_labelled_form(client, demo_tree):
    html = _search(client, "en").content.decode()

    assert '<label for="id_q">' in html
    assert 'class="search-empty"' in html
    assert 'class="search-results"' not in html


def test_search__rejects_a_nul_byte_an_overlong_query_and_an_unknown_kind(client, demo_tree):
    assert _search(client, q="a\x00b").status_code == 400
    assert _search(client, q="a" * 10_000).status_code == 400
    assert _search(client, q="kunta", kind="passwords").status_code == 400
    assert _search(client, q="kunta", lang="de").status_code == 400


# --- Application sections -------------------------------------------------------------------


def test_search__paatokset_leads_to_the_decisions_and_decision_search(client, demo_tree):
    html = _search(client, q="päätökset").content.decode()

    groups = _groups(html)
    assert groups["sections"] == 2
    assert f'href="{_url("decisions:index", "fi")}"' in html
    assert f'href="{_url("decisions:search", "fi")}"' in html


def test_search__kysely_finds_the_surveys_and_enkat_in_swedish(client, demo_tree):
    SurveyFactory(title_fi="Nuorisotilan kysely", title_sv="Enkät om ungdomsgården")

    finnish = _search(client, q="kysely").content.decode()
    swedish = _search(client, "sv", q="enkät").content.decode()

    assert _groups(finnish) == {"sections": 1, "surveys": 1}
    assert f'href="{_url("participation:index", "fi")}"' in finnish
    assert "Nuorisotilan kysely" in finnish
    assert _groups(swedish) == {"sections": 1, "surveys": 1}
    assert f'href="{_url("participation:index", "sv")}"' in swedish
    assert "Enkät om ungdomsgården" in swedish


# --- Decisions, case types, surveys ---------------------------------------------------------


def test_search__finds_agenda_items_and_officeholder_decisions_with_a_link_to_decision_search(
    client, demo_tree
):
    meeting = _meeting()
    for n in range(6):
        AgendaItemFactory(
            meeting=meeting,
            title={"fi": f"Uimahallin peruskorjaus {n}", "sv": f"Renovering av simhallen {n}"},
            background={"fi": "<p>Uimahallin katto vuotaa.</p>", "sv": "<p>Taket läcker.</p>"},
        )
    decision = OfficeholderDecisionFactory(
        title={"fi": "Uimahallin lipunmyyntilaitteet", "sv": "Simhallens biljettautomater"},
        decided_on=timezone.localdate(),
    )

    html = _search(client, q="uimahallin").content.decode()

    assert _groups(html) == {"decisions": 7}
    assert html.count('class="search-results__item"') == 5
    search_url = _url("decisions:search", "fi")
    assert f'href="{search_url}?q=uimahallin"' in html
    # The agenda items mention the word in their title and text, so they rank above the
    # officeholder decision; a word of its own finds it.
    html = _search(client, q="lipunmyyntilaitteet").content.decode()
    assert _groups(html) == {"decisions": 1}
    assert "Uimahallin lipunmyyntilaitteet" in html
    assert f'href="{_url("decisions:officeholder_decision", "fi", decision.pk)}"' in html


def test_search__finds_a_case_type_with_its_processing_time(client, demo_tree):
    case_type = _case_type("soil", "Maa-ainesten ottolupa", "Marktäktstillstånd")

    finnish = _search(client, q="ottolupa").content.decode()
    swedish = _search(client, "sv", q="marktäktstillstånd").content.decode()

    assert _groups(finnish) == {"case_types": 1}
    assert f'href="{_url("cases:case_type_detail", "fi", case_type.code)}"' in finnish
    assert "Ratkaistaan yleensä 21 päivässä" in finnish
    assert _groups(swedish) == {"case_types": 1}
    assert "Avgörs vanligen inom 21 dagar" in swedish


def test_search__finds_only_surveys_the_public_may_see_open_ones_first(client, demo_tree):
    now = timezone.now()
    SurveyFactory(
        title_fi="Koulumatkakysely (suljettu)",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=20),
    )
    SurveyFactory(title_fi="Koulumatkakysely (auki)")
    SurveyFactory(title_fi="Koulumatkakysely (luonnos)", is_published=False)

    html = _search(client, q="koulumatkakysely").content.decode()

    assert _groups(html) == {"surveys": 2}
    assert "luonnos" not in html
    assert html.index("Koulumatkakysely (auki)") < html.index("Koulumatkakysely (suljettu)")


def test_search__a_group_with_more_hits_links_to_its_full_list(client, demo_tree):
    for n in range(7):
        SurveyFactory(title_fi=f"Liikuntakysely {n}")

    html = _search(client, q="liikuntakysely").content.decode()
    full = _search(client, q="liikuntakysely", kind="surveys").content.decode()

    assert _groups(html) == {"surveys": 7}
    assert html.count("Liikuntakysely ") == 5
    assert "?q=liikuntakysely&amp;kind=surveys" in html
    assert full.count("Liikuntakysely ") == 7


# --- The other language ---------------------------------------------------------------------


def test_search__offers_the_other_official_languages_hits_marked_with_lang(client, demo_tree):
    SurveyFactory(title_fi="Rantapuiston kysely", title_sv="", intro_sv="")

    page = _search(client, "sv", q="rakennustarkastajalle").content.decode()
    survey = _search(client, "sv", q="rantapuiston").content.decode()

    assert 'class="search-none search-fallback"' in page
    assert "Inget hittades på svenska. Här är träffarna på finska." in page
    assert re.search(
        r'<li class="search-results__item" lang="fi">\s*<h3 class="search-results__title">'
        rf'<a href="{re.escape(demo_tree.url("asuminen-ja-rakentaminen"))}"',
        page,
    )
    assert _groups(survey) == {"surveys": 1}
    assert '<li class="search-results__item" lang="fi">' in survey


def test_search__does_not_offer_the_other_language_when_the_readers_has_hits(client, demo_tree):
    swedish = _search(client, "sv", q="byggnadsinspektören").content.decode()

    assert "search-fallback" not in swedish
    assert f'href="{demo_tree.url("asuminen-ja-rakentaminen", "sv")}"' in swedish
    assert 'lang="fi"' not in swedish.split('class="search-summary"', 1)[1]


# --- Queries --------------------------------------------------------------------------------


def _grow(n: int, start: int, meeting, unit) -> None:
    from wagtail.models import Page

    from cms.models import NewsPage, StandardPage
    from cms.services import page_publish_child

    home = Page.objects.get(slug="rantala", locale__language_code="fi")
    news_index = Page.objects.get(slug="uutiset", locale__language_code="fi")
    for i in range(start, start + n):
        page_publish_child(
            parent=home,
            page=StandardPage(title=f"Palvelu {i}", slug=f"palvelu-{i}", intro="Palvelu."),
        )
        page_publish_child(
            parent=news_index,
            page=NewsPage(title=f"Palvelu uutisissa {i}", slug=f"palvelu-uutinen-{i}", lead="L."),
        )
        AgendaItemFactory(meeting=meeting, title={"fi": f"Palvelu {i}", "sv": f"Tjänst {i}"})
        # On the meeting's day, so that the first hits hold both kinds, small data or large.
        OfficeholderDecisionFactory(
            title={"fi": f"Palvelu {i}", "sv": f"Tjänst {i}"},
            decided_on=timezone.localdate(meeting.starts_at),
        )
        case_services.case_type_save(
            code=f"palvelu-{i}",
            unit=unit,
            name={"fi": f"Palvelu {i}", "sv": f"Tjänst {i}"},
            description={"fi": "Palvelu."},
            phases=PHASES,
        )
        SurveyFactory(title_fi=f"Palvelu {i}")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_search__queries_are_few_and_do_not_grow_with_the_hits(
    client, demo_tree, django_assert_max_num_queries, language
):
    meeting, unit = _meeting(), make_unit()
    # In Swedish "palvelu" matches only Finnish content: the other language's hits are offered.
    _grow(2, 0, meeting, unit)
    _search(client, language, q="palvelu")  # fills the menu cache
    with django_assert_max_num_queries(15) as captured:
        _search(client, language, q="palvelu")
    few = len(captured.captured_queries)
    _grow(8, 2, meeting, unit)
    _search(client, language, q="palvelu")  # publishing pages emptied the menu cache
    with django_assert_max_num_queries(few) as captured:
        html = _search(client, language, q="palvelu").content.decode()
    many = len(captured.captured_queries)

    assert _groups(html)["decisions"] == 20
    assert _groups(html)["surveys"] == 10
    # The shown hits are ranked: with many agenda items on the first page, the query for
    # officeholder decisions' rows is not needed at all, so the count may only fall.
    assert many <= few
