"""The finance app's sections of sitemap.xml: the front page and every published year with its
targets and investments pages."""

from django.urls import reverse

from finance import policies
from portal.sitemaps import PortalSitemap, SectionsSitemap


class YearSitemap(PortalSitemap):
    def queryset(self):
        return policies.years_published().only("id", "year", "modified").order_by("id")

    def location(self, year):
        return reverse("finance:year", args=[year.year])


class TargetsSitemap(YearSitemap):
    def location(self, year):
        return reverse("finance:targets", args=[year.year])


class InvestmentsSitemap(YearSitemap):
    def location(self, year):
        return reverse("finance:investments", args=[year.year])


class FinanceSectionsSitemap(SectionsSitemap):
    url_names = ("finance:index",)


SECTIONS = {
    "finance": FinanceSectionsSitemap(),
    "finance-years": YearSitemap(),
    "finance-targets": TargetsSitemap(),
    "finance-investments": InvestmentsSitemap(),
}
