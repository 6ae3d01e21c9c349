"""The decisions app's sections of sitemap.xml: bodies, meetings, agenda items and officeholder
decisions that the public may read (decisions.policies); confidential ones are left out."""

from django.urls import reverse

from decisions import policies
from portal.sitemaps import PortalSitemap, SectionsSitemap


class BodySitemap(PortalSitemap):
    def queryset(self):
        return policies.bodies_visible_to(None).only("id", "slug", "modified").order_by("id")

    def location(self, body):
        return reverse("decisions:body", args=[body.slug])


class MeetingSitemap(PortalSitemap):
    def queryset(self):
        return policies.meetings_visible().only("id", "modified").order_by("id")

    def location(self, meeting):
        return reverse("decisions:meeting", args=[meeting.pk])


class AgendaItemSitemap(PortalSitemap):
    def queryset(self):
        return (
            policies.agenda_items_visible()
            .filter(is_confidential=False)
            .only("id", "modified")
            .order_by("id")
        )

    def location(self, item):
        return reverse("decisions:item", args=[item.pk])


class OfficeholderDecisionSitemap(PortalSitemap):
    def queryset(self):
        return (
            policies.officeholder_decisions_visible()
            .filter(is_confidential=False)
            .only("id", "modified")
            .order_by("id")
        )

    def location(self, decision):
        return reverse("decisions:officeholder_decision", args=[decision.pk])


class DecisionsSectionsSitemap(SectionsSitemap):
    url_names = ("decisions:index", "decisions:search")


SECTIONS = {
    "decisions": DecisionsSectionsSitemap(),
    "bodies": BodySitemap(),
    "meetings": MeetingSitemap(),
    "agenda-items": AgendaItemSitemap(),
    "officeholder-decisions": OfficeholderDecisionSitemap(),
}
