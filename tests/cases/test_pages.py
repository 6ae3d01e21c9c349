"""The resident's case pages: what they show, and that nobody else sees them."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from cases import services
from cases.models import Status
from tests import files
from tests.cases.factories import make_case, make_case_type, make_unit
from tests.paths import app_url

PDF = files.pdf()


@pytest.fixture
def resident(make_resident):
    return make_resident("aino@example.fi")


@pytest.fixture
def client_of():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


def add_events(case, n: int) -> None:
    resident = case.parties.get().user
    for i in range(n):
        services.case_record_event(case=case, kind="note", actor_name="t", note={"fi": f"N{i}"})
        if i % 5 == 0:
            event, _ = services.case_record_event(case=case, kind="document", actor_name="t")
            services.document_store(
                case=case,
                event=event,
                upload=SimpleUploadedFile(f"d{i}.pdf", PDF, "application/pdf"),
                user=None,
            )
            services.case_send_message(case=case, author=resident, text="Hei", from_staff=False)


@pytest.mark.django_db
def test_case_page__query_count_is_the_same_with_5_and_500_events(
    resident, client_of, site_settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = make_case(parties=[resident.email])
    large = make_case(small.case_type, parties=[resident.email])
    add_events(small, 5)
    add_events(large, 500)
    client = client_of(resident)
    counts = {}
    for name, case in (("small", small), ("large", large)):
        for url in (
            app_url("cases:detail", case.pk),
            f"/api/v1/me/cases/{case.pk}/",
            app_url("cases:my_cases"),
        ):
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts[(name, url.replace(str(case.pk), "<id>"))] = len(captured)
    for url in (
        app_url("cases:detail", small.pk).replace(str(small.pk), "<id>"),
        "/api/v1/me/cases/<id>/",
        app_url("cases:my_cases"),
    ):
        assert counts[("small", url)] == counts[("large", url)] <= 15, counts


@pytest.mark.django_db
def test_case_page__shows_phase_expectation_request_and_decision(resident, client_of):
    case = make_case(parties=[resident.email], days_ago=30)
    in_review = case.case_type.phases.get(code="in-review")
    services.case_record_event(
        case=case,
        kind="phase_change",
        phase=in_review,
        actor_name="t",
        note={"fi": "Hakemus on käsittelyssä."},
    )
    services.case_record_event(
        case=case,
        kind="info_request",
        actor_name="t",
        note={"fi": "Lähetä pohjapiirros."},
        due_at=timezone.now() + timedelta(days=7),
        occurred_at=timezone.now() - timedelta(days=5),
    )
    page = client_of(resident).get(app_url("cases:detail", case.pk)).content.decode()

    assert "Tarvitsemme sinulta lisäselvitystä" in page
    assert "Lähetä pohjapiirros." in page
    assert 'aria-current="step"' in page and "Käsittelyssä" in page
    # 30 days since submission, 5 of them waiting for the resident.
    assert "Asiasi on ollut käsittelyssä 25 päivää." in page
    # The declared figure (21 days) is what residents see without statistics; 25 > 21.
    assert "Tavallista hitaampi" in page
    # The legal deadline (30 days) has not passed: 5 waiting days extend it.
    assert "Myöhässä:" not in page


@pytest.mark.django_db
def test_case_page__overdue_only_against_the_legal_deadline(resident, client_of):
    case_type = make_case_type(legal_deadline_days=None, declared_days=10)
    case = make_case(case_type, parties=[resident.email], days_ago=100)
    page = client_of(resident).get(app_url("cases:detail", case.pk)).content.decode()
    assert "Tavallista hitaampi" in page
    assert "Myöhässä:" not in page

    with_deadline = make_case(make_case_type(legal_deadline_days=30), parties=[resident.email])
    services.case_record_event(case=with_deadline, kind="note", actor_name="t")
    with_deadline.submitted_at = timezone.now() - timedelta(days=40)
    with_deadline.save(update_fields=["submitted_at"])
    page = client_of(resident).get(app_url("cases:detail", with_deadline.pk)).content.decode()
    assert "Myöhässä:" in page


@pytest.mark.django_db
def test_case_page__other_resident_handler_and_anonymous_get_404(
    resident, make_resident, client_of
):
    case = make_case(parties=[resident.email])
    other = make_resident("other@example.fi")
    handler = make_resident("handler@example.fi")
    make_unit("elsewhere", handlers=[handler])
    for client in (client_of(other), client_of(handler), Client()):
        assert client.get(app_url("cases:detail", case.pk)).status_code == 404
        assert client.get(f"/api/v1/me/cases/{case.pk}/").status_code == 404
        assert client.post(app_url("cases:message", case.pk), {"text": "x"}).status_code == 404


@pytest.mark.django_db
def test_my_cases__lists_open_cases_before_closed_ones(resident, client_of):
    open_case = make_case(parties=[resident.email], days_ago=50)
    decided = make_case(parties=[resident.email], days_ago=5)
    services.case_record_event(case=decided, kind="decision", actor_name="t", outcome="approved")
    make_case(parties=["someone.else@example.fi"])

    page = client_of(resident).get(app_url("cases:my_cases")).content.decode()

    assert page.index(open_case.reference) < page.index(decided.reference)
    assert page.count("case-card__title") == 2


@pytest.mark.django_db
def test_message__resident_message_appears_inline_and_is_not_notified_back(
    resident, client_of, django_capture_on_commit_callbacks
):
    from django.core import mail

    case = make_case(parties=[resident.email])
    client = client_of(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(app_url("cases:message", case.pk), {"text": "Milloin päätös tulee?"})
    assert response.status_code == 302
    assert "Milloin päätös tulee?" in client.get(app_url("cases:detail", case.pk)).content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_message__empty_message_shows_the_error_and_writes_nothing(resident, client_of):
    case = make_case(parties=[resident.email])
    response = client_of(resident).post(app_url("cases:message", case.pk), {"text": "  "})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert case.events.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("kuva.pdf", b"MZ\x90\x00 not really a pdf", "ei ole PDF"),
        ("skripti.png", b"<script>alert(1)</script>", "ei ole PDF"),
    ],
)
def test_info_answer__a_file_whose_content_is_not_allowed_is_refused(
    resident, client_of, name, content, error
):
    case = make_case(parties=[resident.email])
    request_event, _ = services.case_record_event(
        case=case, kind="info_request", actor_name="t", note={"fi": "Liite?"}
    )
    response = client_of(resident).post(
        app_url("cases:info_request_answer", case.pk, request_event.pk),
        {"text": "Tässä.", "documents": SimpleUploadedFile(name, content, "application/pdf")},
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    # The text typed stays in the form; nothing was stored.
    assert "Tässä." in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.WAITING_FOR_YOU
    assert case.documents.count() == 0


@pytest.mark.django_db
def test_info_answer__a_file_over_10_mb_is_refused(resident, client_of):
    case = make_case(parties=[resident.email])
    request_event, _ = services.case_record_event(case=case, kind="info_request", actor_name="t")
    big = SimpleUploadedFile("iso.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf")
    response = client_of(resident).post(
        app_url("cases:info_request_answer", case.pk, request_event.pk), {"documents": big}
    )
    assert response.status_code == 400
    assert "suurempi kuin 10 Mt" in response.content.decode()
    assert case.documents.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("kuva.jpg", files.jpeg()),
        ("kuva.png", files.png()),
    ],
)
def test_info_answer__images_are_accepted_by_content(resident, client_of, name, content):
    case = make_case(parties=[resident.email])
    request_event, _ = services.case_record_event(case=case, kind="info_request", actor_name="t")
    response = client_of(resident).post(
        app_url("cases:info_request_answer", case.pk, request_event.pk),
        {"documents": SimpleUploadedFile(name, content, "application/octet-stream")},
    )
    assert response.status_code == 302
    assert case.documents.get().content_type.startswith("image/")


@pytest.mark.django_db
def test_documents__stored_outside_the_public_media_path(resident, settings):
    case = make_case(parties=[resident.email])
    document = services.document_store(
        case=case,
        event=None,
        upload=SimpleUploadedFile("a.pdf", PDF, "application/pdf"),
        user=resident,
    )
    path = document.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - the attribute access is what is tested


@pytest.mark.django_db
def test_lookup__right_code_shows_public_timeline_only(resident, client_of):
    case = make_case(parties=[resident.email])
    services.case_record_event(
        case=case,
        kind="phase_change",
        phase=case.case_type.phases.get(code="in-review"),
        actor_name="t",
        note={"fi": "Käsittely alkoi."},
    )
    services.case_send_message(case=case, author=resident, text="Salainen viesti", from_staff=False)
    response = Client().post(
        app_url("cases:lookup"),
        {"reference": case.reference, "tracking_code": case.tracking_code.lower()},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Käsittely alkoi." in page
    assert "Salainen viesti" not in page
    assert resident.email not in page


@pytest.mark.django_db
def test_lookup__wrong_code_is_not_found_and_attempts_are_limited(resident):
    case = make_case(parties=[resident.email])
    client = Client()
    statuses = [
        client.post(
            app_url("cases:lookup"), {"reference": case.reference, "tracking_code": f"WRONG-{i}"}
        ).status_code
        for i in range(11)
    ]
    assert statuses[:10] == [404] * 10
    assert statuses[10] == 429
    # Even the right code is refused until the window has passed.
    right = client.post(
        app_url("cases:lookup"), {"reference": case.reference, "tracking_code": case.tracking_code}
    )
    assert right.status_code == 429


@pytest.mark.django_db
def test_case_type_page__shows_declared_time_below_the_minimum_count(client):
    case_type = make_case_type(declared_days=21)
    page = client.get(app_url("cases:case_type_detail", case_type.code, lang="sv")).content.decode()
    assert "Kommunen uppskattar handläggningstiden till ungefär 21 dagar." in page
    case_type.stats_count, case_type.stats_median_days, case_type.stats_p80_days = 40, 12, 30
    case_type.save()
    page = client.get(app_url("cases:case_type_detail", case_type.code, lang="sv")).content.decode()
    assert "avgörs inom 30 dagar" in page


@pytest.mark.django_db
def test_case_page__links_to_the_agenda_item_and_officeholder_decision_that_handled_it(
    resident, client_of
):
    from decisions.services import meeting_schedule_agenda
    from tests.decisions.factories import AgendaItemFactory, OfficeholderDecisionFactory

    case = make_case(parties=[resident.email], reference="KUN/77/02.05.01/2026")
    item = AgendaItemFactory(case_reference=case.reference)
    meeting_schedule_agenda(meeting=item.meeting, publish_at=timezone.now() - timedelta(days=3))
    decision = OfficeholderDecisionFactory(case_reference=case.reference)
    AgendaItemFactory(case_reference="KUN/78/02.05.01/2026")

    page = client_of(resident).get(app_url("cases:detail", case.pk)).content.decode()

    assert app_url("decisions:item", item.pk) in page
    assert app_url("decisions:officeholder_decision", decision.pk) in page
    assert page.count('class="handlings"') == 1


@pytest.mark.django_db
def test_case_page__reads_the_handlings_from_the_public_cache_until_decisions_change(
    resident, client_of, site_settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.decisions.factories import OfficeholderDecisionFactory

    case = make_case(parties=[resident.email], reference="KUN/79/02.05.01/2026")
    first = OfficeholderDecisionFactory(case_reference=case.reference)
    client = client_of(resident)
    path = app_url("cases:detail", case.pk)
    assert app_url("decisions:officeholder_decision", first.pk) in client.get(path).text

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    read = " ".join(query["sql"] for query in captured.captured_queries)
    assert "decisions_officeholderdecision" not in read
    assert "decisions_agendaitem" not in read

    second = OfficeholderDecisionFactory(case_reference=case.reference)
    page = client.get(path).text
    assert app_url("decisions:officeholder_decision", first.pk) in page
    assert app_url("decisions:officeholder_decision", second.pk) in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_message__to_a_closed_case_is_refused_with_a_message_in_the_language(
    resident, client_of, language
):
    from django.utils import translation

    from cases import services
    from cases.models import EventKind

    case = make_case(parties=[resident.email])
    services.case_record_event(case=case, kind=EventKind.CLOSED, actor_name="test")
    with translation.override(language):
        expected = translation.gettext("The case is closed; nothing more can happen in it.")

    response = client_of(resident).post(
        app_url("cases:message", case.pk, lang=language), {"text": "Vielä yksi asia"}
    )

    assert response.status_code == 409
    assert expected in response.content.decode()
    assert not case.events.filter(kind=EventKind.MESSAGE).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["Maksu \u202e0001\u202c euroa", "Piilo\u2067teksti", "a\x1bb"])
def test_message__bidi_overrides_and_control_characters_are_refused(resident, client_of, text):
    case = make_case(parties=[resident.email])
    response = client_of(resident).post(app_url("cases:message", case.pk), {"text": text})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert case.events.count() == 0
