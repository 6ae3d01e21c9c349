"""What residents, staff, the API, search and feeds may see of the decisions app.

Publishing rules: a meeting is announced (its date, place and body, nothing else) as soon as it
is scheduled; its agenda shows from the agenda's publish time, decisions and votes only once the
minutes are published, officeholder decisions from their publish time; a
confidential item shows only its descriptive title; a non-public attachment shows its title and
ground for secrecy, never its file.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.powers import staff_perm
from decisions.models import AgendaItem, Attachment, Body, Meeting, OfficeholderDecision


def bodies_visible_to(user) -> QuerySet[Body]:
    """Everyone sees active bodies; staff who manage bodies also see inactive ones."""
    bodies = Body.objects.all()
    if staff_perm(user, "decisions.change_body"):
        return bodies
    return bodies.filter(is_active=True)


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def meetings_visible(now: datetime.datetime | None = None) -> QuerySet[Meeting]:
    """Meetings of active bodies whose agenda has been published by now."""
    return Meeting.objects.filter(
        body__is_active=True, agenda_publish_at__isnull=False, agenda_publish_at__lte=_now(now)
    )


def meetings_listed() -> QuerySet[Meeting]:
    """Meetings of active bodies that may be listed by their date, place and body.

    A meeting is announced before its agenda is out, so that residents know when and where a
    body meets; only those in meetings_visible() may show anything more (agenda, link, items).
    """
    return Meeting.objects.filter(body__is_active=True)


def agenda_published_q(now: datetime.datetime | None = None) -> Q:
    """The condition of meetings_visible(), for annotating a list of meetings_listed()."""
    return Q(agenda_publish_at__isnull=False, agenda_publish_at__lte=_now(now))


def agenda_items_visible(now: datetime.datetime | None = None) -> QuerySet[AgendaItem]:
    """Items of visible meetings."""
    now = _now(now)
    return AgendaItem.objects.filter(
        meeting__body__is_active=True,
        meeting__agenda_publish_at__isnull=False,
        meeting__agenda_publish_at__lte=now,
    )


def officeholder_decisions_visible(
    now: datetime.datetime | None = None,
) -> QuerySet[OfficeholderDecision]:
    """Officeholder decisions whose publish time has come."""
    return OfficeholderDecision.objects.filter(
        decision_maker__is_active=True, publish_at__isnull=False, publish_at__lte=_now(now)
    )


def minutes_published(meeting: Meeting, now: datetime.datetime | None = None) -> bool:
    return meeting.minutes_publish_at is not None and meeting.minutes_publish_at <= _now(now)


@dataclass(frozen=True)
class ItemDisclosure:
    """What of an agenda item may be shown."""

    # Only the descriptive title (and the ground for secrecy) of a confidential item.
    title_only: bool
    # The decision, resolution, discussion, votes and disqualifications (minutes published).
    decision: bool


def item_disclosure(item: AgendaItem, now: datetime.datetime | None = None) -> ItemDisclosure:
    return ItemDisclosure(
        title_only=item.is_confidential,
        decision=not item.is_confidential and minutes_published(item.meeting, now),
    )


def decision_disclosure(decision: OfficeholderDecision) -> ItemDisclosure:
    return ItemDisclosure(
        title_only=decision.is_confidential, decision=not decision.is_confidential
    )


def attachment_file_available(attachment: Attachment, now: datetime.datetime | None = None) -> bool:
    """The file of a public attachment of a visible, non-confidential item; never otherwise."""
    item = attachment.item
    meeting = item.meeting
    return (
        attachment.is_public
        and bool(attachment.file)
        and not item.is_confidential
        and meeting.body.is_active
        and meeting.agenda_publish_at is not None
        and meeting.agenda_publish_at <= _now(now)
    )
