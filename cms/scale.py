"""News pages in Finnish, Swedish and English for the benchmark (`manage.py generate_scale`).

Years of news under the demo's news indexes, from the demo's own news texts: a news item a day
back from the start of 2026, each in Finnish and as its Swedish and English translations.

Publishing through Wagtail (the services' `page_publish_child`) costs about a second per page
in three languages, hours for a city's 5 000 pages a language, so the rows are written in bulk,
a chunk per transaction, as publishing leaves them:

- the page and news rows, placed in the tree as `add_child` places them (treebeard path, depth,
  the parent's numchild) with their URL path, locale and a translation key shared by the three
  languages; live, with first and last publication times;
- the StreamFields in the canonical form that the services store (`page_canonical_streams`);
- a revision per page, which is both its latest and its live revision, holding the page's
  serialised content as `save_revision` stores it, and the "created" and "published" entries
  of the page's history;
- the search index entries, written by each search backend that publishing updates (the site
  search and the news lists find the pages as they find published ones);
- `page_published` sent for every page, so that what listens to publishing (the menus' and
  footer's cache) hears of them.
"""

from __future__ import annotations

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from wagtail.models import Locale, Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backends
from wagtail.signals import page_published

from cms import demo, services
from cms.models import NewsIndexPage, NewsPage
from portal.scale import Plan, analyse, chunks, copy_rows, reserve_ids

PREFIX = "arkisto-"
CHUNK = 250
FIRST_DAY = datetime.date(2026, 1, 1)
TIMEZONE = ZoneInfo("Europe/Helsinki")


def done() -> int:
    return NewsPage.objects.filter(locale__language_code="fi", slug__startswith=PREFIX).count()


def _next_step(parent: Page) -> int:
    """The treebeard step of the next child of parent (as `add_child` would take it)."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


def _columns(fields) -> list[str]:
    return [field.column for field in fields]


def _values(instance, fields) -> tuple:
    return tuple(
        field.get_db_prep_save(getattr(instance, field.attname), connection) for field in fields
    )


def _published_at(rng, day: datetime.date) -> datetime.datetime:
    """An office hour of the news item's day."""
    return datetime.datetime.combine(
        day, datetime.time(8 + rng.randrange(8), rng.randrange(60), rng.randrange(60))
    ).replace(tzinfo=TIMEZONE)


def generate(plan: Plan, stdout) -> None:
    indexes = {
        page.locale.language_code: page
        for page in NewsIndexPage.objects.select_related("locale")
        if page.locale.language_code in demo.LANGUAGES
    }
    if set(indexes) != set(demo.LANGUAGES):
        raise RuntimeError("The demo's news pages are missing: run load_demo first.")
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    news_type = ContentType.objects.get_for_model(NewsPage)
    page_type = ContentType.objects.get_for_model(Page)
    page_fields = Page._meta.concrete_fields
    news_fields = NewsPage._meta.local_concrete_fields
    backends = list(get_search_backends(with_auto_update=True))

    def write(start: int, end: int) -> int:
        rng = plan.rng("pages", start)
        count = (end - start) * len(demo.LANGUAGES)
        next_id = reserve_ids(Page, count)
        pages: list[NewsPage] = []
        for language in demo.LANGUAGES:
            parent = NewsIndexPage.objects.get(pk=indexes[language].pk)
            step = _next_step(parent)
            for offset in range(end - start):
                pages.append(
                    NewsPage(
                        id=next_id,
                        page_ptr_id=next_id,
                        path=Page._get_path(parent.path, parent.depth + 1, step + offset),
                        depth=parent.depth + 1,
                        numchild=0,
                        locale=locales[language],
                        content_type=news_type,
                        live=True,
                        has_unpublished_changes=False,
                    )
                )
                next_id += 1
        # Content and times are drawn per news item, the same for its three languages.
        by_number = end - start
        published: list[datetime.datetime] = [None] * len(pages)
        for offset, number in enumerate(range(start, end)):
            item = rng.choice(demo.NEWS)
            day = FIRST_DAY - datetime.timedelta(days=number)
            at = _published_at(rng, day)
            key = uuid.UUID(int=rng.getrandbits(128), version=4)
            for index, language in enumerate(demo.LANGUAGES):
                page = pages[index * by_number + offset]
                # The translations follow the Finnish page a minute apart.
                published[index * by_number + offset] = at + datetime.timedelta(minutes=index)
                title, slug, lead, text = item[language]
                page.title = page.draft_title = f"{title} ({day:%d.%m.%Y})"
                page.slug = f"{PREFIX}{number}-{slug}"[:255]
                page.url_path = f"{indexes[language].url_path}{page.slug}/"
                page.translation_key = key
                page.date = day
                page.lead = lead
                page.body = demo._body([("paragraph", demo._p(text))])
                services.page_canonical_streams(page)
                # No comments: serialising them would ask the database for each page.
                page.wagtail_admin_comments = []
        # The revision holds the page as save_revision saw it: live, not yet published.
        revisions = []
        for page, at in zip(pages, published, strict=True):
            revisions.append(
                Revision(
                    content_type=news_type,
                    base_content_type=page_type,
                    object_id=str(page.pk),
                    created_at=at,
                    content=page.serializable_data(),
                    object_str=str(page),
                )
            )
        Revision.objects.bulk_create(revisions)
        for page, revision, at in zip(pages, revisions, published, strict=True):
            page.latest_revision = page.live_revision = revision
            page.latest_revision_created_at = at
            page.first_published_at = page.last_published_at = at + datetime.timedelta(seconds=1)
        copy_rows(
            Page._meta.db_table,
            _columns(page_fields),
            (_values(page, page_fields) for page in pages),
        )
        copy_rows(
            NewsPage._meta.db_table,
            _columns(news_fields),
            (_values(page, news_fields) for page in pages),
        )
        for language in demo.LANGUAGES:
            NewsIndexPage.objects.filter(pk=indexes[language].pk).update(
                numchild=F("numchild") + (end - start)
            )
        PageLogEntry.objects.bulk_create(
            [
                PageLogEntry(
                    content_type=news_type,
                    page_id=page.pk,
                    label=page.title,
                    action=action,
                    data={},
                    timestamp=timestamp,
                    content_changed=True,
                    revision=revision,
                )
                for page, own_revision, at in zip(pages, revisions, published, strict=True)
                for action, revision, timestamp in (
                    ("wagtail.create", None, at),
                    ("wagtail.publish", own_revision, page.first_published_at),
                )
            ]
        )
        for backend in backends:
            backend.add_bulk(NewsPage, pages)
        for page, revision in zip(pages, revisions, strict=True):
            page_published.send(sender=NewsPage, instance=page, revision=revision)
        return len(pages)

    chunks(stdout, "news pages (fi, sv, en)", total=plan.counts["pages"], done=done(),
           size=CHUNK, write=write)  # fmt: skip
    analyse(Page, NewsPage, Revision, PageLogEntry)
