"""RSS and Atom feeds of published agenda items and officeholder decisions, and iCalendar feeds
of meetings; every one asks decisions.policies what is published.

Every link in them is on the portal's configured address (portal.links), not the Host of the
request that fetched the feed: feed readers and calendars keep the links.
"""

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
from portal.links import absolute_url, base_host
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

    url_name = "decisions:rss"
    body_url_name = "decisions:body_rss"

    def get_object(self, request, slug: str | None = None):
        return selectors.body_public(slug) if slug else None

    def title(self, body):
        if body is None:
            return f"{portal_name()}: {_('Decisions')}"
        return f"{portal_name()}: {translated(body, 'name').text}"

    def link(self, body):
        if body is None:
            return absolute_url(reverse("decisions:index"))
        return absolute_url(reverse("decisions:body", args=[body.slug]))

    def feed_url(self, body):
        if body is None:
            return absolute_url(reverse(self.url_name))
        return absolute_url(reverse(self.body_url_name, args=[body.slug]))

    def author_name(self, body):
        return portal_name()

    def item_author_name(self, entry):
        """The body or officeholder that made the decision."""
        maker = entry.meeting.body if hasattr(entry, "meeting") else entry.decision_maker
        return translated(maker, "name").text

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
            return absolute_url(reverse("decisions:item", args=[entry.pk]))
        return absolute_url(reverse("decisions:officeholder_decision", args=[entry.pk]))

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
    url_name = "decisions:atom"
    body_url_name = "decisions:body_atom"

    def subtitle(self, body):
        return self.description(body)


def _calendar(meetings, name: str) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Avoin kunta//decisions//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    host = base_host()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2))
        event.add("summary", f"{translated(meeting.body, 'name').text} {meeting.code}")
        place = translated(meeting, "place").text
        if place:
            event.add("location", place)
        if meeting.agenda_out:
            event.add("url", absolute_url(reverse("decisions:meeting", args=[meeting.pk])))
        else:
            # Announced, agenda not yet out: the meeting's own page does not exist yet.
            event.add("url", absolute_url(reverse("decisions:body", args=[meeting.body.slug])))
            event.add("description", _("The agenda has not been published yet."))
        if meeting.state == "cancelled":
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


@require_GET
def meetings_calendar(request, slug: str | None = None):
    """The meetings (of one body, or of all) as an iCalendar feed: announced ones as soon as they
    are scheduled, linked to their agenda once it is published."""
    now = timezone.now()
    meetings = (
        selectors.meetings_flag_agenda(
            policies.meetings_listed().filter(
                starts_at__gte=now - datetime.timedelta(days=CALENDAR_PAST_DAYS)
            ),
            now,
        )
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
