"""The staff screens: a handler's own unit's cases, the actions on a case, case types with
phases, units and integration clients."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from cases import services
from cases.models import (
    AuditEntry,
    CaseDocument,
    CaseEvent,
    EventKind,
    IntegrationClient,
    Phase,
    Status,
)
from tests import files
from tests.cases.factories import make_case, make_case_type, make_unit
from tests.fixtures.roles import TOTP_SECRET, sign_in

PDF = files.pdf()


def make_staff(email: str, group: str = "Case handlers", *, superuser: bool = False):
    from allauth.mfa.totp.internal.auth import TOTP

    user = get_user_model().objects.create_user(
        username=email, email=email, password="x", is_staff=True, is_superuser=superuser
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    TOTP.activate(user, TOTP_SECRET)
    return user


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    sign_in(client, user, mfa=True)
    return client


@pytest.fixture
def world(db):
    handler_x = make_staff("handler.x@example.fi")
    handler_y = make_staff("handler.y@example.fi")
    unit_x = make_unit("building-x", handlers=[handler_x])
    unit_y = make_unit("education-y", handlers=[handler_y])
    type_x = make_case_type(unit_x, code="permit-x", legal_deadline_days=30)
    type_y = make_case_type(unit_y, code="place-y")
    case_x = make_case(type_x, parties=["aino@example.fi"], reference="X/1/2026", days_ago=5)
    case_y = make_case(type_y, parties=["erik@example.fi"], reference="Y/1/2026")
    return {
        "handler_x": handler_x,
        "handler_y": handler_y,
        "unit_x": unit_x,
        "unit_y": unit_y,
        "type_x": type_x,
        "type_y": type_y,
        "case_x": case_x,
        "case_y": case_y,
        "x": client_for(handler_x),
    }


def action_errors(response, name: str) -> list[str]:
    form = next(a["form"] for a in response.context["actions"] if a["name"] == name)
    return list(form.non_field_errors())


def case_url(name: str, case) -> str:
    return reverse(f"unit_cases:{name}", args=[case.pk])


INDEX = "/admin/unit_cases/"


def test_case_listing__shows_only_the_handlers_own_units_cases(world):
    response = world["x"].get(INDEX)

    assert response.status_code == 200
    content = response.content.decode()
    assert "X/1/2026" in content
    assert "Y/1/2026" not in content


def test_case_listing__filters_by_waiting_phase_status_overdue_and_searches_reference(world):
    case_x = world["case_x"]
    late = make_case(world["type_x"], reference="X/LATE/2026", days_ago=45)
    waiting = make_case(world["type_x"], reference="X/WAIT/2026", days_ago=2)
    services.case_record_event(
        case=waiting,
        kind=EventKind.INFO_REQUEST,
        actor_name="test",
        due_at=timezone.now() + timedelta(days=7),
        note={"fi": "Lähetä piirustukset."},
    )
    in_review = Phase.objects.get(case_type=world["type_x"], code="in-review")
    services.case_record_event(
        case=case_x, kind=EventKind.PHASE_CHANGE, phase=in_review, actor_name="test"
    )
    client = world["x"]

    def listed(query: str) -> set[str]:
        response = client.get(f"{INDEX}results/?{query}")
        assert response.status_code == 200, query
        content = response.content.decode()
        return {ref for ref in ("X/1/2026", "X/LATE/2026", "X/WAIT/2026") if ref in content}

    assert listed("waiting=yes") == {"X/WAIT/2026"}
    assert listed("overdue=yes") == {"X/LATE/2026"}
    assert listed("overdue=no") == {"X/1/2026", "X/WAIT/2026"}
    assert listed(f"phase={in_review.pk}") == {"X/1/2026"}
    assert listed("status=received") == {"X/LATE/2026"}
    assert listed("q=LATE") == {"X/LATE/2026"}
    assert late.pk


def test_case_views__another_units_case_is_not_found_in_every_admin_view(world):
    client, case_y = world["x"], world["case_y"]

    for name in ("edit", "history", "history_results", "usage"):
        assert client.get(case_url(name, case_y)).status_code == 404, name
    for action in ("phase", "info_request", "message", "decision", "document"):
        response = client.post(case_url("edit", case_y), {"action": action})
        assert response.status_code == 404, action
    # Nobody deletes or adds cases in the admin: Wagtail's permission denial.
    for url in (case_url("delete", case_y), case_url("delete", world["case_x"]), INDEX + "new/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" not in response["Location"], url
    assert CaseEvent.objects.filter(case=case_y).count() == 0
    # Their own case opens.
    assert client.get(case_url("edit", world["case_x"])).status_code == 200


def test_case_views__a_resident_and_a_signed_out_user_get_no_admin(world, make_resident):
    resident = make_resident("aino@example.fi")
    signed_in = Client()
    signed_in.force_login(resident)
    for client in (Client(), signed_in):
        response = client.get(case_url("edit", world["case_x"]))
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_case_work__records_a_phase_change_with_notes_as_the_handler(world):
    case, handler = world["case_x"], world["handler_x"]
    phase = Phase.objects.get(case_type=world["type_x"], code="in-review")

    response = world["x"].post(
        case_url("edit", case),
        {
            "action": "phase",
            "phase-phase": phase.pk,
            "phase-note_fi": "Piirustukset tarkastetaan.",
            "phase-note_sv": "Ritningarna granskas.",
        },
    )

    assert response.status_code == 302
    event = CaseEvent.objects.get(case=case, kind=EventKind.PHASE_CHANGE)
    assert (event.actor, event.phase, event.note_fi, event.note_sv) == (
        handler,
        phase,
        "Piirustukset tarkastetaan.",
        "Ritningarna granskas.",
    )
    case.refresh_from_db()
    assert case.phase == phase and case.status == Status.IN_PROGRESS
    assert AuditEntry.objects.filter(
        case=case, action="event_phase_change", actor=f"user:{handler.pk}"
    ).exists()


def test_case_work__requests_information_then_messages_then_decides(world):
    case, client = world["case_x"], world["x"]
    due = (timezone.localdate() + timedelta(days=14)).isoformat()

    response = client.post(
        case_url("edit", case),
        {
            "action": "info_request",
            "info_request-text_fi": "Lähetä asemapiirros.",
            "info_request-text_sv": "Skicka situationsplanen.",
            "info_request-due": due,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.WAITING_FOR_YOU

    response = client.post(
        case_url("edit", case), {"action": "message", "message-text": "Kiitos hakemuksesta."}
    )
    assert response.status_code == 302
    message = CaseEvent.objects.get(case=case, kind=EventKind.MESSAGE)
    assert message.actor_kind == "staff" and message.note_fi == "Kiitos hakemuksesta."

    response = client.post(
        case_url("edit", case),
        {
            "action": "decision",
            "decision-outcome": "approved",
            "decision-summary_fi": "Lupa myönnetään.",
            "decision-summary_sv": "Tillståndet beviljas.",
            "decision-appeal_days": "30",
            "decision-decision_reference": "Rakennuslupajaosto 5/2026 § 12",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    decision = CaseEvent.objects.get(case=case, kind=EventKind.DECISION)
    assert (decision.outcome, decision.appeal_days, decision.decision_reference) == (
        "approved",
        30,
        "Rakennuslupajaosto 5/2026 § 12",
    )
    assert case.status == Status.DECIDED and case.processing_days is not None
    assert case.phase.status == Status.DECIDED


def test_case_work__refuses_an_invalid_action_with_the_errors_shown(world):
    case = world["case_x"]

    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = world["x"].post(
        case_url("edit", case),
        {"action": "info_request", "info_request-text_fi": "Lähetä.", "info_request-due": past},
    )
    assert response.status_code == 400
    assert action_errors(response, "info_request") == [_("The due date must be in the future.")]

    response = world["x"].post(
        case_url("edit", case),
        {"action": "decision", "decision-outcome": "approved", "decision-appeal_days": "7"},
    )
    assert response.status_code == 400
    assert not CaseEvent.objects.filter(case=case).exists()


def test_case_work__attaches_a_document_checked_by_content(world):
    case, client = world["case_x"], world["x"]

    response = client.post(
        case_url("edit", case),
        {
            "action": "document",
            "document-file": SimpleUploadedFile("lupa.pdf", PDF, "application/pdf"),
            "document-note_fi": "Päätösliite",
            "document-visible_to_resident": "on",
        },
    )
    assert response.status_code == 302
    document = CaseDocument.objects.get(case=case)
    assert document.event.kind == EventKind.DOCUMENT and document.uploaded_by == world["handler_x"]

    response = client.post(
        case_url("edit", case),
        {
            "action": "document",
            "document-file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00", "application/pdf"),
        },
    )
    assert response.status_code == 400
    assert CaseDocument.objects.filter(case=case).count() == 1


def test_case_work__a_final_decision_refuses_a_new_phase_with_an_explanation(world):
    case, handler = world["case_x"], world["handler_x"]
    now = timezone.now()
    services.case_record_event(
        case=case, kind=EventKind.DECISION, actor_name="t", outcome="approved", appeal_days=0
    )
    services.case_record_event(case=case, kind=EventKind.FINAL, actor_name="t", occurred_at=now)
    received = Phase.objects.get(case_type=world["type_x"], code="received")

    response = client_for(handler).post(
        case_url("edit", case), {"action": "phase", "phase-phase": received.pk}
    )

    assert response.status_code == 400
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.PHASE_CHANGE).exists()


# --- Case types -----------------------------------------------------------------------------------


def phase_form_data(case_type, *, delete_code: str | None = None) -> dict:
    data = {
        "code": case_type.code,
        "unit": case_type.unit_id,
        "name_fi": "Rakennuslupa",
        "name_sv": "Bygglov",
        "name_en": "Building permit",
        "description_fi": "Lupa rakentamiseen.",
        "legal_deadline_kind": "calendar",
        "declared_days": "60",
        "default_publicity": "public",
        "is_active": "on",
        "sort_order": "0",
    }
    phases = list(case_type.phases.order_by("sort_order"))
    data.update(
        {
            "phases-TOTAL_FORMS": str(len(phases)),
            "phases-INITIAL_FORMS": str(len(phases)),
            "phases-MIN_NUM_FORMS": "1",
            "phases-MAX_NUM_FORMS": "1000",
        }
    )
    for i, phase in enumerate(phases):
        data.update(
            {
                f"phases-{i}-id": str(phase.pk),
                f"phases-{i}-code": phase.code,
                f"phases-{i}-sort_order": str(i),
                f"phases-{i}-status": phase.status,
                f"phases-{i}-name_fi": phase.name_fi,
                f"phases-{i}-name_sv": f"{phase.name_sv} (uppdaterad)",
                f"phases-{i}-description_fi": phase.description_fi or "",
            }
        )
        if phase.code == delete_code:
            data[f"phases-{i}-DELETE"] = "1"
    return data


def test_case_type_edit__saves_fi_sv_en_and_phases_inline(world):
    case_type = world["type_x"]
    url = reverse("case_types:edit", args=[case_type.pk])

    response = world["x"].post(url, phase_form_data(case_type, delete_code="decided"))

    assert response.status_code == 302, response.content.decode()[:3000]
    case_type.refresh_from_db()
    assert (case_type.name_sv, case_type.declared_days) == ("Bygglov", 60)
    assert list(case_type.phases.values_list("code", flat=True)) == ["received", "in-review"]
    assert case_type.phases.get(code="received").name_sv == "Mottagen (uppdaterad)"


def test_case_type_edit__a_phase_in_use_cannot_be_removed(world):
    case_type = world["type_x"]  # case_x is in its first phase
    url = reverse("case_types:edit", args=[case_type.pk])

    response = world["x"].post(url, phase_form_data(case_type, delete_code="received"))

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == [
        _("Phase “%(phase)s” is used by cases and cannot be removed.")
        % {"phase": case_type.phases.get(code="received")}
    ]
    assert case_type.phases.filter(code="received").exists()


def test_case_type_views__another_units_case_type_is_not_found(world):
    client, other = world["x"], world["type_y"]
    for name in ("edit", "history", "usage"):
        assert client.get(reverse(f"case_types:{name}", args=[other.pk])).status_code == 404
    listing = client.get("/admin/case_types/").content.decode()
    assert str(world["type_x"].name) in listing and str(other.name) not in listing


# --- Units and integration clients ---------------------------------------------------------------


def test_integration_client_create__shows_the_token_once_and_stores_its_hash(world):
    admin = make_staff("admin@example.fi", group="", superuser=True)
    client = client_for(admin)

    response = client.post(
        "/admin/integration_clients/new/", {"name": "Lupapiste", "unit": world["unit_x"].pk}
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = response.context["token"]
    created = IntegrationClient.objects.get(name="Lupapiste")
    assert created.token_hash == services.integration_token_hash(token)
    assert token not in client.get("/admin/integration_clients/").content.decode()
    assert (
        token not in client.get(f"/admin/integration_clients/edit/{created.pk}/").content.decode()
    )


def test_integration_clients__case_handlers_do_not_manage_them(world):
    response = world["x"].get("/admin/integration_clients/new/")
    assert response.status_code == 302
    assert not IntegrationClient.objects.exists()


def test_unit_edit__admin_sets_handlers(world):
    admin = make_staff("admin@example.fi", group="", superuser=True)
    unit = world["unit_x"]

    response = client_for(admin).post(
        f"/admin/case_units/edit/{unit.pk}/",
        {
            "code": unit.code,
            "name_fi": "Rakennusvalvonta",
            "name_sv": "Byggnadstillsyn",
            "name_en": "",
            "handlers": [world["handler_y"].pk],
        },
    )

    assert response.status_code == 302
    assert list(unit.handlers.all()) == [world["handler_y"]]
    assert world["x"].get(case_url("edit", world["case_x"])).status_code == 404


def test_create_integration_token__prints_the_token_once(world):
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "create_integration_token",
        "--unit",
        "building-x",
        "--name",
        "Lupapiste",
        stdout=out,
        stderr=err,
    )

    token = out.getvalue().strip()
    client = IntegrationClient.objects.get(name="Lupapiste")
    assert client.unit == world["unit_x"]
    assert client.token_hash == services.integration_token_hash(token)
    assert token not in err.getvalue()


def test_case_handlers_group__has_the_case_permissions(db):
    group = Group.objects.get(name="Case handlers")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_case", "change_case", "change_casetype", "add_casetype"} <= codenames
    assert "delete_case" not in codenames


def test_grant_staff_permissions_migration__is_reversible(db):
    import importlib

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("cases.migrations.0002_grant_staff_permissions")
    editor = type("SchemaEditor", (), {"connection": connection})()
    handlers = Group.objects.get(name="Case handlers")
    integration = Group.objects.get(name="Integration admins")

    migration.revoke(apps, editor)
    assert not handlers.permissions.filter(content_type__app_label="cases").exists()
    assert not integration.permissions.filter(content_type__app_label="cases").exists()

    migration.grant(apps, editor)
    assert handlers.permissions.filter(codename="change_case").exists()
    assert integration.permissions.filter(codename="add_integrationclient").exists()


# --- What a handler reads in the list and on a case -------------------------------------------


def _request_information(case, *, due_in_days: int = 7):
    services.case_record_event(
        case=case,
        kind=EventKind.INFO_REQUEST,
        actor_name="test",
        due_at=timezone.now() + timedelta(days=due_in_days),
        note={"fi": "Lähetä piirustukset.", "sv": "Skicka ritningarna."},
    )


@pytest.mark.parametrize(
    ("language", "staff_words", "resident_words"),
    [("fi", "odottaa asukasta", "odottaa sinua"), ("sv", "väntar på invånaren", "väntar på dig")],
)
def test_case_status__a_handler_reads_whom_the_case_waits_for(
    world, language, staff_words, resident_words
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(world["handler_x"])
    profile.preferred_language = language
    profile.save()
    case = world["case_x"]
    _request_information(case)
    client = world["x"]

    listing = client.get(f"{INDEX}results/").content.decode()
    work_page = client.get(case_url("edit", case)).content.decode()
    filters = client.get(INDEX).content.decode()

    for html in (listing, work_page, filters):
        assert staff_words in html
        assert resident_words not in html


def test_case_listing__deadline_column_shows_the_legal_deadline_and_the_reply_due_date(world):
    from django.utils.formats import date_format

    case = world["case_x"]  # 30 calendar days, submitted 5 days ago
    _request_information(case, due_in_days=9)
    late = make_case(world["type_x"], reference="X/LATE/2026", days_ago=45)
    case.refresh_from_db()
    late.refresh_from_db()

    html = world["x"].get(f"{INDEX}results/").content.decode()
    # The admin speaks the portal's default language, Finnish, to this handler.
    with translation.override("fi"):
        deadline = date_format(
            timezone.localtime(case.submitted_at).date() + timedelta(days=30), "SHORT_DATE_FORMAT"
        )
        due = date_format(timezone.localdate() + timedelta(days=9), "SHORT_DATE_FORMAT")
        late_deadline = date_format(
            timezone.localtime(late.submitted_at).date() + timedelta(days=30), "SHORT_DATE_FORMAT"
        )
        legal = translation.gettext("legal deadline %(date)s")
        reply = translation.gettext("resident's reply due %(date)s")
        overdue = translation.gettext("overdue")

    row = html[html.index("X/1/2026") : html.index("</tr>", html.index("X/1/2026"))]
    assert legal % {"date": deadline} in row
    assert escape(reply % {"date": due}) in row
    late_row = html[html.index("X/LATE/2026") : html.index("</tr>", html.index("X/LATE/2026"))]
    assert f"<strong>{legal % {'date': late_deadline}} – {overdue}</strong>" in late_row


def test_case_listing__queries_do_not_grow_with_the_cases_listed(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world["x"]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{INDEX}results/").status_code == 200
        return len(captured)

    _request_information(world["case_x"])
    few = queries()
    for number in range(5):
        extra = make_case(world["type_x"], reference=f"X/MORE{number}/2026", days_ago=number)
        _request_information(extra)
    assert queries() == few


def test_case_work__actions_open_from_buttons(world):
    html = world["x"].get(case_url("edit", world["case_x"])).content.decode()

    toggles = re.findall(r'<summary class="([^"]*)"', html)
    # Phase change, request for information, message, decision, document.
    assert len(toggles) == 5
    assert all("button" in classes.split() for classes in toggles)
    assert "cases/css/admin" in html


def test_site_history__shows_case_activity_of_the_handlers_own_units_only(world):
    from wagtail.log_actions import log

    log(instance=world["case_x"], action="wagtail.edit", user=world["handler_x"])
    log(instance=world["case_y"], action="wagtail.edit", user=world["handler_y"])
    log(instance=world["type_y"], action="wagtail.edit", user=world["handler_y"])

    for url in (
        "/admin/reports/site-history/",
        "/admin/reports/site-history/results/",
        "/admin/reports/site-history/?export=csv",
    ):
        response = world["x"].get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8-sig")
        assert response.status_code == 200, url
        assert "X/1/2026" in text, url
        assert "Y/1/2026" not in text, url

    # Handler Y sees their own unit's case, not X's.
    y_page = client_for(world["handler_y"]).get("/admin/reports/site-history/").content.decode()
    assert "Y/1/2026" in y_page and "X/1/2026" not in y_page
