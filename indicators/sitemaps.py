"""The key figures' sections of sitemap.xml: the dashboards and every published indicator."""

from django.urls import reverse

from indicators.selectors import indicators_published
from portal.sitemaps import PortalSitemap, SectionsSitemap


class IndicatorSitemap(PortalSitemap):
    def queryset(self):
        return indicators_published().only("code", "modified").order_by("id")

    def location(self, indicator):
        return reverse("indicators:detail", kwargs={"code": indicator.code})


class IndicatorSectionsSitemap(SectionsSitemap):
    url_names = ("indicators:index",)


SECTIONS = {"key-figures-index": IndicatorSectionsSitemap(), "key-figures": IndicatorSitemap()}
