"""The demo loader is safe to run twice."""

import io

from wagtail.models import Locale, Page, Revision, Site, WorkflowPage

from cms import demo, models


def _counts() -> dict:
    return {
        "locales": Locale.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "sites": Site.objects.count(),
        "menus": models.MainMenu.objects.count(),
        "menu items": models.MainMenuItem.objects.count(),
        "footers": models.FooterLinks.objects.count(),
        "footer links": models.FooterLink.objects.count(),
    }


def test_demo_load__twice_creates_nothing_new(demo_tree):
    before = _counts()

    created = demo.load(stdout=io.StringIO())

    assert created == 0
    assert _counts() == before


def test_demo_load__builds_a_moderated_bilingual_site(demo_tree):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific

    assert (site.hostname, site.port) == ("127.0.0.1", 80)
    assert isinstance(home, models.HomePage) and home.locale.language_code == "fi"
    assert {p.locale.language_code for p in home.get_translations()} == {"sv", "en"}
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert WorkflowPage.objects.filter(page__depth=1, workflow__active=True).exists()
    assert models.NewsPage.objects.filter(locale__language_code="sv").count() == 4


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _texts(item)]
    return []


def test_demo_pages__state_processing_times_only_through_the_block(demo_tree):
    import re

    texts = _texts([getattr(demo, name) for name in dir(demo) if name.isupper()])
    durations = re.compile(
        r"\d+\s*(?:[–-]\s*\d+\s*)?(?:päivä|viiko|kuukau|dag|veck|månad|day|week|month)", re.I
    )
    about_processing = re.compile(r"käsittel|handlägg|processing", re.I)
    typed = [t for t in texts if about_processing.search(t) and durations.search(t)]
    assert typed == []

    for language in ("fi", "sv", "en"):
        page = demo_tree.page("asuminen-ja-rakentaminen", language)
        blocks = [(block.block_type, block.value) for block in page.body]
        assert ("processing_time", {"case_type": "rakennuslupa"}) in [
            (kind, dict(value)) for kind, value in blocks if kind == "processing_time"
        ]
