"""RSS and Atom feeds of published agenda items and officeholder decisions, and iCalendar feeds
of meetings; every one asks decisions.policies what is published."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms.branding import portal_name
from decisions import policies, selectors
from decisions.models import SEARCH_FIELDS
from portal.translation import translated

FEED_LENGTH = 40
CALENDAR_PAST_DAYS = 400


def _item_entries(body=None, now=None):
    items = (
        policies.agenda_items_visible(now)
        .select_related("meeting__body")
        .defer(*SEARCH_FIELDS)
        .order_by("-meeting__agenda_publish_at", "-meeting_id", "order")
    )
    if body is not None:
        items = items.filter(meeting__body=body)
    return list(items[:FEED_LENGTH])


def _decision_entries(body=None, now=None):
    decisions = (
        policies.officeholder_decisions_visible(now)
        .select_related("decision_maker")
        .defer(*SEARCH_FIELDS)
        .order_by("-publish_at", "-id")
    )
    if body is not None:
        decisions = decisions.filter(decision_maker=body)
    return list(decisions[:FEED_LENGTH])


def _published(entry) -> datetime.datetime:
    if hasattr(entry, "meeting"):
        meeting = entry.meeting
        if policies.minutes_published(meeting):
            return meeting.minutes_publish_at
        return meeting.agenda_publish_at
    return entry.publish_at


class DecisionsRssFeed(Feed):
    """Published agenda items and officeholder decisions of every body, latest first."""

    def get_object(self, request, slug: str | None = None):
        return selectors.body_public(slug) if slug else None

    def title(self, body):
        if body is None:
            return f"{portal_name()}: {_('Decisions')}"
        return f"{portal_name()}: {translated(body, 'name').text}"

    def link(self, body):
        if body is None:
            return reverse("decisions:index")
        return reverse("decisions:body", args=[body.slug])

    def description(self, body):
        return _("Agendas, minutes and officeholder decisions of the municipality.")

    def items(self, body):
        now = timezone.now()
        entries = _item_entries(body, now) + _decision_entries(body, now)
        entries.sort(key=_published, reverse=True)
        return entries[:FEED_LENGTH]

    def item_title(self, entry):
        title = translated(entry, "title").text
        section = f"{entry.section} § " if entry.section else ""
        if hasattr(entry, "meeting"):
            body = translated(entry.meeting.body, "name").text
            return f"{body} {entry.meeting.code}: {section}{title}"
        return f"{translated(entry.decision_maker, 'name').text}: {section}{title}"

    def item_description(self, entry):
        if entry.is_confidential:
            return _("This item is confidential: only its title is published.")
        if hasattr(entry, "meeting") and not policies.minutes_published(entry.meeting):
            text = translated(entry, "proposal").text
        else:
            text = translated(entry, "decision").text
        return Truncator(strip_tags(text)).words(80)

    def item_link(self, entry):
        if hasattr(entry, "meeting"):
            return reverse("decisions:item", args=[entry.pk])
        return reverse("decisions:officeholder_decision", args=[entry.pk])

    def item_guid(self, entry):
        kind = "item" if hasattr(entry, "meeting") else "officeholder-decision"
        return f"{settings.PORTAL_BASE_URL}/decisions/{kind}/{entry.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return _published(entry)

    def item_updateddate(self, entry):
        return entry.modified


class DecisionsAtomFeed(DecisionsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, body):
        return self.description(body)


def _calendar(meetings, name: str) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Avoin kunta//decisions//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{settings.PORTAL_BASE_URL.split('//')[-1]}")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2))
        event.add("summary", f"{translated(meeting.body, 'name').text} {meeting.code}")
        place = translated(meeting, "place").text
        if place:
            event.add("location", place)
        event.add("url", settings.PORTAL_BASE_URL + reverse("decisions:meeting", args=[meeting.pk]))
        if meeting.state == "cancelled":
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    return calendar.to_ical()


@require_GET
def meetings_calendar(request, slug: str | None = None):
    """The published meetings (of one body, or of all) as an iCalendar feed."""
    now = timezone.now()
    meetings = (
        policies.meetings_visible(now)
        .filter(starts_at__gte=now - datetime.timedelta(days=CALENDAR_PAST_DAYS))
        .select_related("body")
        .order_by("starts_at", "id")
    )
    name = f"{portal_name(request=request)}: {_('Meetings')}"
    if slug is not None:
        body = selectors.body_public(slug)
        meetings = meetings.filter(body=body)
        name = f"{portal_name(request=request)}: {translated(body, 'name').text}"
    response = HttpResponse(_calendar(meetings[:1000], name), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response
