"""The anonymous page cache: what it keeps, what it never keeps, and publishing that empties it."""

import datetime
import gzip
import json

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from decisions import services as decision_services
from participation.respondents import Respondent, RespondentKind
from participation.services import survey_submit_response
from portal import pagecache
from tests.decisions.factories import AgendaItemFactory, BodyFactory, MeetingFactory
from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in
from tests.participation.factories import SurveyFactory, full_answers
from tests.paths import app_url

HOME = "/fi/"


def _vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}


def _queries_of_get(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def _served_from_cache(client, path, django_assert_num_queries, **headers):
    with django_assert_num_queries(0):
        return client.get(path, headers=headers)


def test_page_cache__a_second_anonymous_visit_makes_no_query(
    demo_tree, client, django_assert_num_queries
):
    first = client.get(HOME)

    assert first.status_code == 200
    second = _served_from_cache(client, HOME, django_assert_num_queries)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_page_cache__headers_let_browsers_keep_the_page_but_ask_each_time(demo_tree, client):
    first = client.get(HOME)
    second = client.get(HOME)

    for response in (first, second):
        assert response["Cache-Control"] == "no-cache"
        assert {"cookie", "accept-encoding"} <= _vary(response)
        assert "accept-language" not in _vary(response)
        assert response["ETag"] == first["ETag"]
        assert not response.cookies
    unchanged = client.get(HOME, headers={"if-none-match": first["ETag"]})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert client.get(HOME, headers={"if-none-match": '"other"'}).status_code == 200


def test_page_cache__languages_are_kept_apart(demo_tree, client):
    fi, sv = client.get("/fi/"), client.get("/sv/")
    fi_again, sv_again = client.get("/fi/"), client.get("/sv/")

    assert b'<html lang="fi">' in fi_again.content
    assert b'<html lang="sv">' in sv_again.content
    assert (fi_again.content, sv_again.content) == (fi.content, sv.content)


def test_page_cache__signed_in_pages_are_never_cached(demo_tree, client):
    anonymous = client.get(HOME)
    sign_in(client, create_user(ROLE_SPECS["resident_a"]), mfa=False)

    signed_in = client.get(HOME)
    again = client.get(HOME)

    assert "Kirjaudu ulos" not in anonymous.text
    for response in (signed_in, again):
        assert "Kirjaudu ulos" in response.text
        assert "private" in response["Cache-Control"]
        assert "ETag" not in response
    assert _queries_of_get(client, HOME) > 0
    # Nor is a signed-in page kept for the anonymous visitors after.
    client.logout()
    assert "Kirjaudu ulos" not in client.get(HOME).text


def test_page_cache__a_signed_in_first_visit_leaves_nothing_for_anonymous_ones(demo_tree, client):
    sign_in(client, create_user(ROLE_SPECS["resident_a"]), mfa=False)
    client.get(HOME)
    client.logout()

    assert _queries_of_get(client, HOME) > 0


def test_page_cache__pages_with_a_csrf_form_are_not_cached(demo_tree, client):
    # The answering page of an open survey: a form for anonymous visitors, with its CSRF token.
    survey = SurveyFactory()
    answer = app_url("participation:answer", survey.pk, 1)
    first = client.get(answer)

    assert first.status_code == 200
    assert "csrftoken" in first.cookies
    assert 'name="csrfmiddlewaretoken"' in first.text
    assert _queries_of_get(client, answer) > 0
    again = client.get(answer)
    assert "csrftoken" in again.cookies
    assert "ETag" not in again


def test_page_cache__a_visitor_with_a_message_waiting_gets_the_page_rendered(demo_tree, client):
    client.get(HOME)
    client.cookies["messages"] = "anything"

    assert _queries_of_get(client, HOME) > 0


def test_page_cache__an_address_with_a_query_is_kept_under_that_query(
    demo_tree, client, django_assert_num_queries
):
    BodyFactory(name_fi="Rakennuslautakunta", name_sv="Byggnadsnämnden")
    search = app_url("decisions:search")
    first = client.get(search + "?q=rakennus")
    other = client.get(search + "?q=ympäristö")

    again = _served_from_cache(client, search + "?q=rakennus", django_assert_num_queries)
    assert again.content == first.content
    assert "ETag" in again
    assert other.content != first.content
    assert 'value="ympäristö"' in client.get(search + "?q=ympäristö").text


def test_page_cache__an_overlong_query_is_answered_uncached(demo_tree, client):
    search = app_url("decisions:search") + "?q=" + "a" * pagecache.MAX_QUERY_STRING
    client.get(search)

    assert "ETag" not in client.get(search)
    assert _queries_of_get(client, search) > 0


def test_page_cache__public_api_lists_are_kept_per_language(
    demo_tree, client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    BodyFactory(name_fi="Rakennuslautakunta", name_sv="Byggnadsnämnden")
    path = "/api/v1/bodies/"
    fi = client.get(path, headers={"accept-language": "fi"})
    sv = client.get(path, headers={"accept-language": "sv-FI,sv;q=0.9"})

    fi_again = _served_from_cache(client, path, django_assert_num_queries, accept_language="fi")
    sv_again = _served_from_cache(client, path, django_assert_num_queries, accept_language="sv")
    assert fi_again.status_code == sv_again.status_code == 200
    assert (fi_again.json(), sv_again.json()) == (fi.json(), sv.json())
    assert "Rakennuslautakunta" in fi_again.text and "Byggnadsnämnden" in sv_again.text
    assert fi_again["Content-Type"] == "application/json"
    assert "accept-language" in _vary(fi_again)
    assert fi_again["Cache-Control"] == "no-cache"
    # lang= is part of the address.
    assert "Byggnadsnämnden" in client.get(path + "?lang=sv").text

    with django_capture_on_commit_callbacks(execute=True):
        BodyFactory(name_fi="Kasvatuslautakunta", name_sv="Fostringsnämnden")

    assert "Kasvatuslautakunta" in client.get(path, headers={"accept-language": "fi"}).text


def test_page_cache__a_signed_in_api_request_is_never_cached(demo_tree, client):
    sign_in(client, create_user(ROLE_SPECS["resident_a"]), mfa=False)
    path = "/api/v1/me/cases/"

    first, again = client.get(path), client.get(path)

    assert first.status_code == again.status_code == 200
    for response in (first, again):
        assert "private" in response["Cache-Control"]
        assert "ETag" not in response
    assert _queries_of_get(client, path) > 0
    client.logout()
    assert client.get(path).status_code in (401, 403)


def test_page_cache__errors_and_redirects_are_not_cached(demo_tree, client):
    assert client.get("/fi/ei-ole-olemassa/").status_code == 404
    assert "ETag" not in client.get("/fi/ei-ole-olemassa/")
    assert client.get("/").status_code == 302


def test_page_cache__off_when_its_lifetime_is_zero(demo_tree, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(HOME)

    assert "ETag" not in client.get(HOME)


def test_page_cache__expires_by_the_clock(demo_tree, client, settings):
    import time_machine

    client.get(HOME)
    with time_machine.travel(
        timezone.now() + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS + 1)
    ):
        assert "ETag" in client.get(HOME)
        assert cache.get(pagecache.GENERATION_KEY) is not None


# --- Publishing empties it ---------------------------------------------------------------------


def test_page_cache__a_published_page_shows_on_the_next_visit(
    demo_tree, client, django_capture_on_commit_callbacks
):
    page = demo_tree.page("uutiset")
    before = client.get(page.url)
    assert before.status_code == 200
    assert "Uusi otsikko sivulle" not in before.text

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Uusi otsikko sivulle"
        page.save_revision().publish()

    assert "Uusi otsikko sivulle" in client.get(page.url).text


def test_page_cache__an_unpublished_page_is_gone_on_the_next_visit(
    demo_tree, client, django_capture_on_commit_callbacks
):
    page = demo_tree.page("uutiset")
    assert client.get(page.url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert client.get(page.url).status_code == 404


def test_page_cache__a_published_meeting_shows_on_the_next_visit(
    demo_tree, client, django_capture_on_commit_callbacks
):
    body = BodyFactory()
    meeting = MeetingFactory(body=body)
    AgendaItemFactory(meeting=meeting)
    body_page = app_url("decisions:body", body.slug)
    meeting_path = app_url("decisions:meeting", meeting.pk)
    assert client.get(body_page).status_code == 200
    assert meeting_path not in client.get(body_page).text

    with django_capture_on_commit_callbacks(execute=True):
        decision_services.meeting_schedule_agenda(
            meeting=meeting, publish_at=timezone.now() - datetime.timedelta(minutes=1)
        )

    assert meeting_path in client.get(body_page).text
    assert client.get(meeting_path).status_code == 200


def test_page_cache__a_closed_survey_shows_closed_on_the_next_visit(
    demo_tree, client, django_capture_on_commit_callbacks
):
    survey = SurveyFactory()
    detail = app_url("participation:detail", survey.pk)
    open_page = client.get(detail)
    assert open_page.status_code == 200
    assert "survey-status--closed" not in client.get(detail).text

    with django_capture_on_commit_callbacks(execute=True):
        survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
        survey.save()

    assert "survey-status--closed" in client.get(detail).text


def test_page_cache__a_change_is_seen_again_after_its_transaction_commits(db):
    # A page rendered from the rows before the commit, cached under the first bump, is not served.
    pagecache.invalidate()
    pagecache.invalidate()
    during = cache.get(pagecache.GENERATION_KEY)

    pending = [
        entry[1] for entry in connection.run_on_commit if entry[1] is pagecache._new_generation
    ]
    assert len(pending) == 1  # once per transaction
    pending[0]()
    assert cache.get(pagecache.GENERATION_KEY) not in (None, during)


def test_page_cache__public_content_is_every_model_visitors_see_and_no_resident_data():
    models = pagecache.public_content_models()

    for shown in (
        "cms.HomePage",
        "cms.MainMenuItem",
        "cms.MunicipalitySettings",
        "wagtailcore.Page",
        "decisions.Meeting",
        "decisions.AgendaItem",
        "decisions.OfficeholderDecision",
        "participation.Survey",
        "finance.Report",
        "indicators.Value",
        "maturity.Round",
        "cases.CaseType",
    ):
        assert shown in models
    for private in (
        "cases.Case",
        "cases.CaseEvent",
        "notifications.Notification",
        "participation.Response",
        "participation.Answer",
        "decisions.Subscription",
        "wagtailimages.Rendition",
        "accounts.User",
    ):
        assert private not in models


def test_page_cache__a_survey_answer_keeps_the_cache(db, django_capture_on_commit_callbacks):
    survey = SurveyFactory()
    cache.set(pagecache.GENERATION_KEY, "kept", timeout=None)

    with django_capture_on_commit_callbacks(execute=True):
        survey_submit_response(
            survey=survey,
            answers=full_answers(survey),
            respondent=Respondent(RespondentKind.BROWSER, "browser-1"),
        )

    assert cache.get(pagecache.GENERATION_KEY) == "kept"


# --- Compression -------------------------------------------------------------------------------


def test_compression__html_is_gzipped_when_asked_and_plain_when_not(demo_tree, client):
    for _ in range(2):  # rendered, then from the cache
        compressed = client.get(HOME, headers={"accept-encoding": "gzip, deflate, br"})
        plain = client.get(HOME)

        assert compressed["Content-Encoding"] == "gzip"
        assert "Content-Encoding" not in plain
        assert "accept-encoding" in _vary(compressed) and "accept-encoding" in _vary(plain)
        assert gzip.decompress(compressed.content).decode().startswith("<!DOCTYPE html>")
        assert plain.content.startswith(b"<!DOCTYPE html>")
        assert int(compressed["Content-Length"]) == len(compressed.content)


def test_compression__api_json_is_gzipped_when_asked_and_plain_when_not(demo_tree, client):
    for _ in range(3):
        BodyFactory()
    path = "/api/v1/bodies/"
    compressed = client.get(path, headers={"accept-encoding": "gzip"})
    plain = client.get(path)

    assert compressed.status_code == plain.status_code == 200
    assert compressed["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert json.loads(gzip.decompress(compressed.content)) == json.loads(plain.content)


# --- Site settings -----------------------------------------------------------------------------


def test_site_settings__read_from_the_cache_and_renamed_at_once(
    demo_tree, client, django_capture_on_commit_callbacks
):
    from cms.models import MunicipalitySettings

    sign_in(client, create_user(ROLE_SPECS["resident_a"]), mfa=False)
    my_cases = app_url("cases:my_cases")
    client.get(my_cases)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(my_cases).status_code == 200
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert "wagtailcore_site" not in tables and "cms_municipalitysettings" not in tables

    with django_capture_on_commit_callbacks(execute=True):
        settings = MunicipalitySettings.objects.get()
        settings.portal_name_fi = "Rantalan palvelut"
        settings.save()

    assert "Rantalan palvelut" in client.get(my_cases).text
    client.logout()
    assert "Rantalan palvelut" in client.get(HOME).text
