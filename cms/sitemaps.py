"""The CMS's section of sitemap.xml: every live page that anyone may read, in its own language,
with its translations as hreflang alternates."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from wagtail.models import Page

from portal.sitemaps import URLS_PER_PAGE, site_parts

PAGE_FIELDS = ("id", "url_path", "translation_key", "last_published_at", "locale__language_code")


def _public_pages():
    # Private pages (view restrictions) and the tree's root are left out.
    return Page.objects.live().public().filter(depth__gte=2).select_related("locale")


def _path(page) -> str | None:
    parts = page.get_url_parts()
    return parts[2] if parts else None


class PageSitemap(Sitemap):
    limit = URLS_PER_PAGE

    def items(self):
        return _public_pages().only(*PAGE_FIELDS).order_by("path")

    def location(self, page):
        return _path(page) or ""

    def lastmod(self, page):
        return page.last_published_at

    def get_latest_lastmod(self):
        return self.summary()[1]

    def summary(self):
        """The number of pages and the latest publication, in one query (for the index)."""
        row = _public_pages().aggregate(count=Count("pk"), latest=Max("last_published_at"))
        return row["count"], row["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        protocol, domain = site_parts()
        urls = self._urls(page, protocol, domain)
        # The translations of this sitemap page's pages, in one query.
        keys = {url["item"].translation_key for url in urls}
        paths: dict = {}
        for translation in _public_pages().filter(translation_key__in=keys).only(*PAGE_FIELDS):
            path = _path(translation)
            if path:
                paths.setdefault(translation.translation_key, {})[
                    translation.locale.language_code
                ] = path
        for url in urls:
            languages = paths.get(url["item"].translation_key, {})
            if len(languages) < 2:
                continue
            for code, _name in settings.LANGUAGES:
                if code in languages:
                    url["alternates"].append(
                        {"location": f"{protocol}://{domain}{languages[code]}", "lang_code": code}
                    )
            if settings.LANGUAGE_CODE in languages:
                url["alternates"].append(
                    {
                        "location": f"{protocol}://{domain}{languages[settings.LANGUAGE_CODE]}",
                        "lang_code": "x-default",
                    }
                )
        return urls


SECTIONS = {"pages": PageSitemap()}
