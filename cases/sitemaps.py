"""The cases app's sections of sitemap.xml: case lookup, processing times and every active case
type (a resident's own cases are nobody else's business and stay out)."""

from django.urls import reverse

from cases.models import CaseType
from portal.sitemaps import PortalSitemap, SectionsSitemap


class CaseTypeSitemap(PortalSitemap):
    def queryset(self):
        return CaseType.objects.filter(is_active=True).only("id", "code", "modified").order_by("id")

    def location(self, case_type):
        return reverse("cases:case_type_detail", args=[case_type.code])


class CasesSectionsSitemap(SectionsSitemap):
    url_names = ("cases:case_types", "cases:lookup")


SECTIONS = {"cases": CasesSectionsSitemap(), "case-types": CaseTypeSitemap()}
