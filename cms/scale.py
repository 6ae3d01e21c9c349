"""News pages in Finnish, Swedish and English for the benchmark (`manage.py generate_scale`).

Years of news under the demo's news index, from the demo's own news texts, each published in
Finnish and as its Swedish and English translations through the services (revisions, search
index and translation keys as an editor's publishing leaves them), a chunk per transaction.
"""

from __future__ import annotations

import datetime

from wagtail.models import Locale

from cms import demo, services
from cms.models import NewsIndexPage, NewsPage
from portal.scale import Plan, chunks

PREFIX = "arkisto-"
CHUNK = 20


def done() -> int:
    return NewsPage.objects.filter(locale__language_code="fi", slug__startswith=PREFIX).count()


def generate(plan: Plan, stdout) -> None:
    indexes = {
        page.locale.language_code: page
        for page in NewsIndexPage.objects.select_related("locale")
        if page.locale.language_code in demo.LANGUAGES
    }
    if set(indexes) != set(demo.LANGUAGES):
        raise RuntimeError("The demo's news pages are missing: run load_demo first.")
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    first = datetime.date(2026, 1, 1)

    def write(start: int, end: int) -> int:
        rng = plan.rng("pages", start)
        written = 0
        for number in range(start, end):
            item = rng.choice(demo.NEWS)
            day = first - datetime.timedelta(days=number)
            source = None
            for language in demo.LANGUAGES:
                title, slug, lead, text = item[language]
                page = NewsPage(
                    title=f"{title} ({day:%d.%m.%Y})",
                    slug=f"{PREFIX}{number}-{slug}"[:255],
                    date=day,
                    lead=lead,
                    body=demo._body([("paragraph", demo._p(text))]),
                )
                services.page_canonical_streams(page)
                if source is None:
                    page.locale = locales[language]
                    source = services.page_publish_child(parent=indexes[language], page=page)
                else:
                    services.page_publish_translation(
                        source=source, locale=locales[language], page=page
                    )
                written += 1
        return written

    chunks(stdout, "news pages (fi, sv, en)", total=plan.counts["pages"], done=done(),
           size=CHUNK, write=write)  # fmt: skip
