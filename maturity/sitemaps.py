"""The digital maturity sections of sitemap.xml: the front pages and every published round."""

from django.urls import reverse

from maturity.policies import public_rounds
from portal.sitemaps import PortalSitemap, SectionsSitemap


class RoundSitemap(PortalSitemap):
    def queryset(self):
        return public_rounds().only("id", "year", "modified").order_by("year")

    def location(self, round):
        return reverse("maturity:round", args=[round.year])


class MaturitySectionsSitemap(SectionsSitemap):
    url_names = ("maturity:index", "maturity:method", "maturity:comparison")


SECTIONS = {"maturity-index": MaturitySectionsSitemap(), "maturity-rounds": RoundSitemap()}
