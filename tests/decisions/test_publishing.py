"""Meetings, items and decisions: invariants, publishing rules and the secretary's admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from decisions import policies, services
from decisions.models import AgendaItem, Meeting, Publicity, VoteChoice
from tests.decisions.factories import MeetingFactory
from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in


def _published(meeting, *, hours_ago=1):
    return services.meeting_schedule_agenda(
        meeting=meeting, publish_at=timezone.now() - datetime.timedelta(hours=hours_ago)
    )


def test_meeting_save__number_is_unique_per_body_and_year(meeting_factory, body_factory):
    body = body_factory()
    meeting_factory(body=body, number=5, year=2026)

    with pytest.raises(ValidationError):
        meeting_factory(body=body, number=5, year=2026)
    meeting_factory(body=body, number=5, year=2025)
    meeting_factory(body=body_factory(), number=5, year=2026)

    assert Meeting.objects.count() == 3


def test_agenda_item_save__sanitises_rich_text(item_factory):
    item = item_factory(
        background={"fi": '<p onclick="x()">Teksti<script>alert(1)</script></p>', "sv": ""}
    )

    item.refresh_from_db()
    assert item.background_fi == "<p>Tekstialert(1)</p>"
    assert item.background_sv is None


def test_meetings_visible__nothing_before_the_publish_time(meeting_factory, item_factory):
    tomorrow = meeting_factory()
    services.meeting_schedule_agenda(
        meeting=tomorrow, publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    today = _published(meeting_factory())
    unscheduled = meeting_factory()
    for meeting in (tomorrow, today, unscheduled):
        item_factory(meeting=meeting)

    assert list(policies.meetings_visible()) == [today]
    assert [item.meeting for item in policies.agenda_items_visible()] == [today]
    later = timezone.now() + datetime.timedelta(days=2)
    assert set(policies.meetings_visible(later)) == {today, tomorrow}


def test_item_disclosure__decision_only_after_minutes_and_never_for_confidential(
    meeting_factory, item_factory
):
    meeting = _published(meeting_factory())
    item = item_factory(meeting=meeting)
    secret = item_factory(
        meeting=meeting,
        is_confidential=True,
        secrecy_ground={"fi": "JulkL 24 § 1 mom. 25 k", "sv": "OffL 24 § 1 mom. 25 p."},
    )

    assert policies.item_disclosure(item) == policies.ItemDisclosure(False, False)
    services.meeting_publish_minutes(meeting=meeting)
    item.refresh_from_db()
    secret.refresh_from_db()
    assert policies.item_disclosure(item) == policies.ItemDisclosure(False, True)
    assert policies.item_disclosure(secret) == policies.ItemDisclosure(True, False)
    # A confidential item's sections never reach search.
    assert "katto" not in secret.search_text_fi
    assert "katto" in item.search_text_fi
    assert "Päätösehdotus hyväksyttiin" in item.search_text_fi


def test_agenda_item_save__search_has_the_decision_only_after_the_minutes(
    meeting_factory, item_factory
):
    meeting = _published(meeting_factory())
    item = item_factory(meeting=meeting)

    item.refresh_from_db()
    assert "Päätösehdotus hyväksyttiin" not in item.search_text_fi
    assert "Hallitus esittää" in item.search_text_fi


def _pdf(text: str) -> bytes:
    """A minimal one-page PDF with `text` on it."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def test_attachment_save__extracts_public_pdf_text_and_refuses_other_files(
    item_factory, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    item = item_factory(meeting=_published(MeetingFactory()))

    public = services.attachment_save(
        item=item,
        title={"fi": "Kustannusarvio", "sv": "Kostnadskalkyl"},
        file=SimpleUploadedFile("arvio.pdf", _pdf("Kustannusarvio uimahalli"), "application/pdf"),
    )
    secret = services.attachment_save(
        item=item,
        title={"fi": "Tarjoukset", "sv": "Anbud"},
        file=SimpleUploadedFile("tarjous.pdf", _pdf("Salainen tarjoushinta"), "application/pdf"),
        publicity=Publicity.NON_PUBLIC,
        secrecy_ground={"fi": "JulkL 24 § 1 mom. 20 k", "sv": "OffL 24 § 1 mom. 20 p."},
    )
    with pytest.raises(ValidationError):
        services.attachment_save(
            item=item,
            title={"fi": "Kuva"},
            file=SimpleUploadedFile("kuva.pdf", b"GIF89a not a pdf", "application/pdf"),
        )
    with pytest.raises(ValidationError):
        services.attachment_save(
            item=item, title={"fi": "Ei perustetta"}, publicity=Publicity.NON_PUBLIC
        )

    item.refresh_from_db()
    assert "uimahalli" in public.text
    assert secret.text == ""
    assert "uimahalli" in item.search_text_fi
    assert "tarjoushinta" not in item.search_text_fi
    assert policies.attachment_file_available(public)
    assert not policies.attachment_file_available(secret)


def test_vote_record__counts_follow_the_ballots(item_factory, member_factory):
    item = item_factory()
    members = [member_factory(body=item.meeting.body) for _ in range(5)]
    choices = [VoteChoice.FIRST] * 3 + [VoteChoice.SECOND, VoteChoice.ABSENT]

    vote = services.vote_record(
        item=item,
        first_proposal={"fi": "Esittelijän ehdotus", "sv": "Föredragandens förslag"},
        second_proposal={"fi": "Virtasen vastaehdotus", "sv": "Virtanens motförslag"},
        ballots=list(zip(members, choices, strict=True)),
    )

    assert (vote.first_count, vote.second_count, vote.blank_count, vote.absent_count) == (
        3,
        1,
        0,
        1,
    )
    assert vote.ballots.count() == 5


def test_membership_save__cannot_end_before_it_starts(body_factory):
    with pytest.raises(ValidationError):
        services.membership_save(
            body=body_factory(),
            person_name="Maija Meikäläinen",
            role="member",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2025, 1, 1),
        )


# --- Wagtail admin ----------------------------------------------------------------------------


@pytest.fixture
def secretary_client(db, client):
    user = create_user(ROLE_SPECS["secretary"])
    sign_in(client, user, mfa=True)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/admin/meetings/",
        "/admin/meetings/new/",
        "/admin/agenda-items/",
        "/admin/agenda-items/new/",
        "/admin/attachments/new/",
        "/admin/votes/new/",
        "/admin/disqualifications/new/",
        "/admin/personal-data/new/",
        "/admin/officeholder-decisions/new/",
        "/admin/members/new/",
        "/admin/appeal-instructions/new/",
    ],
)
def test_admin_decisions__the_secretary_reaches_every_screen(secretary_client, path):
    assert secretary_client.get(path).status_code == 200


def test_admin_agenda_items__create_goes_through_the_service(
    secretary_client, meeting_factory, monkeypatch
):
    import decisions.services as module

    meeting = meeting_factory()
    calls = []
    original = module.agenda_item_save

    def spy(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(module, "agenda_item_save", spy)
    data = {
        "meeting": meeting.pk,
        "order": "1",
        "section": "12",
        "case_reference": "KUN/1/00.00/2026",
        "title_fi": "Talousarvion toteutuminen",
        "title_sv": "Budgetutfallet",
        "resolution": "",
    }
    response = secretary_client.post("/admin/agenda-items/new/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert len(calls) == 1
    item = AgendaItem.objects.get()
    assert (item.section, item.title_sv) == (12, "Budgetutfallet")
    assert "Talousarvion" in item.search_text_fi
