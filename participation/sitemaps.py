"""The surveys' sections of sitemap.xml: the survey list and every published survey."""

from django.urls import reverse

from participation.policies import surveys_visible_to
from portal.sitemaps import PortalSitemap, SectionsSitemap


class SurveySitemap(PortalSitemap):
    def queryset(self):
        return surveys_visible_to(None).select_related(None).only("id", "modified").order_by("id")

    def location(self, survey):
        return reverse("participation:detail", args=[survey.pk])


class SurveySectionsSitemap(SectionsSitemap):
    url_names = ("participation:index",)


SECTIONS = {"surveys-index": SurveySectionsSitemap(), "surveys": SurveySitemap()}
