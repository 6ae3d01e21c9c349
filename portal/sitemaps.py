"""sitemap.xml: an index of sections, each a paged list of the public pages in every language.

Built on django.contrib.sitemaps. Every address is on the portal's configured public address
(PORTAL_BASE_URL), never the request's Host. Each application declares its sections in its own
`sitemaps.py`; SECTIONS below gathers them. A section's page costs the same few queries however
many objects there are: a count and one slice of a query set (never the whole list in memory).
"""

from __future__ import annotations

import datetime
import math
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.exceptions import EmptyResultSet
from django.db.models import Count, Max, QuerySet
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from portal.links import absolute_url

# Addresses per sitemap page (the protocol allows 50 000; smaller pages answer faster).
URLS_PER_PAGE = 5000


class LanguageExpanded:
    """A query set seen as (object, language) pairs, sliced lazily for the paginator.

    Django's i18n sitemaps build every pair of every object in memory before paging; this
    counts in the database and fetches only the objects of the requested page.
    """

    ordered = True

    def __init__(self, queryset: QuerySet, languages: list[str]):
        self.queryset = queryset
        self.languages = languages

    def count(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("LanguageExpanded supports slices only")
        per = len(self.languages)
        start, stop = index.start or 0, index.stop
        first = start // per
        last = None if stop is None else -(-stop // per)
        pairs = [(obj, code) for obj in self.queryset[first:last] for code in self.languages]
        offset = first * per
        return pairs[start - offset : None if stop is None else stop - offset]


def site_parts() -> tuple[str, str]:
    parts = urlsplit(settings.PORTAL_BASE_URL)
    # A path prefix of the address stays in front of every location.
    return parts.scheme or "https", parts.netloc + parts.path.rstrip("/")


class PortalSitemap(Sitemap):
    """A section of application pages: one <url> per object and language, with its
    hreflang alternates (and x-default, the default language's address)."""

    i18n = True
    alternates = True
    limit = URLS_PER_PAGE
    # The field that says when an object last changed (None: no <lastmod>).
    lastmod_field: str | None = "modified"

    def queryset(self) -> QuerySet:
        raise NotImplementedError

    def items(self):
        return self.queryset()

    def _items(self):
        return LanguageExpanded(self.items(), self._languages())

    def lastmod(self, obj):
        return getattr(obj, self.lastmod_field) if self.lastmod_field else None

    def get_latest_lastmod(self):
        return self.summary()[1]

    def summary(self) -> tuple[int, datetime.datetime | None]:
        """The number of addresses and the latest change, in one query (for the index)."""
        aggregates = {"count": Count("pk")}
        if self.lastmod_field:
            aggregates["latest"] = Max(self.lastmod_field)
        try:
            row = self.queryset().aggregate(**aggregates)
        except EmptyResultSet:
            return 0, None
        return row["count"] * len(self._languages()), row.get("latest")

    def get_urls(self, page=1, site=None, protocol=None):
        protocol, domain = site_parts()
        urls = self._urls(page, protocol, domain)
        for url in urls:
            default = next(
                (a for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if default is not None:
                url["alternates"].append(
                    {"location": default["location"], "lang_code": "x-default"}
                )
        return urls


class SectionsSitemap(PortalSitemap):
    """The front pages of the applications' sections (named URLs without arguments)."""

    lastmod_field = None
    url_names: tuple[str, ...] = ()

    def items(self):
        return list(self.url_names)

    def _items(self):
        return [(name, code) for name in self.items() for code in self._languages()]

    def location(self, name):
        return reverse(name)

    def summary(self) -> tuple[int, datetime.datetime | None]:
        return len(self.url_names) * len(self._languages()), None


def sections() -> dict[str, Sitemap]:
    """Every section of the sitemap, by the name in its address (sitemap-<name>.xml)."""
    from cases.sitemaps import SECTIONS as cases_sections
    from cms.sitemaps import SECTIONS as cms_sections
    from decisions.sitemaps import SECTIONS as decisions_sections
    from finance.sitemaps import SECTIONS as finance_sections
    from indicators.sitemaps import SECTIONS as indicators_sections
    from maturity.sitemaps import SECTIONS as maturity_sections
    from participation.sitemaps import SECTIONS as participation_sections

    return {
        **cms_sections,
        **decisions_sections,
        **participation_sections,
        **cases_sections,
        **finance_sections,
        **indicators_sections,
        **maturity_sections,
    }


@require_GET
def sitemap_index(request):
    """The sitemap index: every page of every section, on the public address."""
    entries = []
    for name, section in sections().items():
        url = absolute_url(reverse("sitemap_section", kwargs={"section": name}))
        count, lastmod = section.summary()
        if not count:
            # An empty <urlset> is not a valid sitemap: a section without pages is left out.
            continue
        entries.append({"location": url, "last_mod": lastmod})
        for number in range(2, math.ceil(count / section.limit) + 1):
            entries.append({"location": f"{url}?p={number}", "last_mod": lastmod})
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_GET
def sitemap_section(request, section: str):
    """One page (?p=N) of one section; an empty section is "not found", as the index omits it."""
    response = django_sitemap(request, sitemaps=sections(), section=section)
    if not response.context_data["urlset"]:
        raise Http404
    return response


@require_GET
def robots_txt(request):
    """Crawlers may read every public page, not the admin, sign-in or the API's writes."""
    from django.utils import translation

    disallow = ["/admin/", reverse("api:case-lookup"), reverse("api:my-case-list")]
    integration = reverse("api:integration-case", kwargs={"external_id": "x"})
    disallow.append(integration.rsplit("cases/", 1)[0])
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            login, signup = reverse("account_login"), reverse("account_signup")
        common = ""
        for a, b in zip(login, signup, strict=False):
            if a != b:
                break
            common += a
        disallow.append(common[: common.rfind("/") + 1])
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallow), "Allow: /", ""]
    lines.append(f"Sitemap: {absolute_url(reverse('sitemap_index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
