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
