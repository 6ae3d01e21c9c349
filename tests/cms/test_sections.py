"""Application sections: the registry, menu items and the home page's service links."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale

from cms import demo
from cms.blocks import ServiceLinkBlock
from cms.snippets import MainMenu, MainMenuItem
from portal import sections
from portal.checks import check_sections

LANGUAGES = ("fi", "sv", "en")
SECTIONS = sections.all_sections()


def _login_path(language: str) -> str:
    with translation.override(language):
        return reverse("account_login")


# --- The registry ---------------------------------------------------------------------------


def test_registry__holds_the_residents_top_tasks():
    keys = {section.key for section in SECTIONS}

    assert {
        "cases.my_cases",
        "cases.lookup",
        "cases.processing_times",
        "decisions.index",
        "decisions.search",
        "participation.surveys",
    } <= keys
    assert check_sections(None) == []


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.key)
def test_registry__each_section_answers_in_every_language(client, db, section):
    for language in LANGUAGES:
        url = section.url(language)
        response = client.get(url)

        assert url.startswith(f"/{language}/")
        if section.requires_login:
            assert response.status_code == 302, url
            assert response["Location"].startswith(_login_path(language)), url
        else:
            assert response.status_code == 200, url
        with translation.override(language):
            assert str(section.title), f"{section.key} has no title in {language}"


def test_registry__titles_follow_the_language():
    lookup = sections.get("cases.lookup")

    with translation.override("fi"):
        assert str(lookup.title) == "Hae asiaa"
    with translation.override("sv"):
        assert str(lookup.title) != "Hae asiaa"


def test_registry__refuses_two_sections_with_one_key():
    lookup = sections.get("cases.lookup")
    sections.register(lookup)  # the same section again changes nothing

    with pytest.raises(ImproperlyConfigured):
        sections.register(sections.Section(key="cases.lookup", title="x", url_name="cms:search"))


# --- Menu items -----------------------------------------------------------------------------


@pytest.fixture
def finnish_menu(db):
    locale, _created = Locale.objects.get_or_create(language_code="fi")
    return MainMenu.objects.create(title="Päävalikko", locale=locale)


def test_menu_item__accepts_a_registered_section(finnish_menu):
    item = MainMenuItem(menu=finnish_menu, locale=finnish_menu.locale, link_section="cases.lookup")

    item.full_clean()
    assert str(item) == "Hae asiaa" or str(item) == "Look up a case"


def test_menu_item__refuses_an_unknown_section(finnish_menu):
    item = MainMenuItem(menu=finnish_menu, locale=finnish_menu.locale, link_section="cases/admin/")

    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "link_section" in error.value.message_dict


def test_menu_item__refuses_a_section_and_an_address_together(finnish_menu):
    item = MainMenuItem(
        menu=finnish_menu,
        locale=finnish_menu.locale,
        link_section="cases.lookup",
        link_url="https://example.fi/",
        label="Esimerkki",
    )

    with pytest.raises(ValidationError):
        item.full_clean()


def test_menu__shows_a_section_with_its_title_and_address_in_the_readers_language(client, db):
    for language in ("fi", "sv"):
        locale, _created = Locale.objects.get_or_create(language_code=language)
        menu = MainMenu.objects.create(title=language, locale=locale)
        MainMenuItem.objects.create(menu=menu, locale=locale, link_section="decisions.index")

    for language, title in (("fi", "Päätökset"), ("sv", "Beslut")):
        url = sections.get("decisions.index").url(language)
        html = client.get(sections.get("cases.lookup").url(language)).content.decode()
        menu = html.split('class="main-menu"', 1)[1].split("</nav>", 1)[0]

        assert f'<a href="{url}">{title}</a>' in menu


def test_menu__changes_at_once_when_an_editor_saves_it(client, db):
    locale, _created = Locale.objects.get_or_create(language_code="fi")
    menu = MainMenu.objects.create(title="Päävalikko", locale=locale)
    page = sections.get("cases.lookup").url("fi")
    assert "main-menu" not in client.get(page).content.decode()

    MainMenuItem.objects.create(menu=menu, locale=locale, link_section="participation.surveys")

    assert 'href="{}">Kyselyt</a>'.format(sections.get("participation.surveys").url("fi")) in (
        client.get(page).content.decode()
    )


# --- Service links --------------------------------------------------------------------------


def test_service_link__needs_one_target_and_a_title_for_an_address():
    block = ServiceLinkBlock()

    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"section": "", "page": None, "url": "", "title": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python({"section": "cases.lookup", "page": None, "url": "https://example.fi/"})
        )
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"section": "", "page": None, "url": "https://example.fi/"}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"section": "no.such.section", "page": None, "url": ""}))


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page__shows_the_top_tasks_in_every_language(client, demo_tree, language):
    home = demo_tree.page("rantala", language)

    html = client.get(home.url).content.decode()
    links = html.split('class="home-section service-links"', 1)[1].split("</nav>", 1)[0]

    found = re.findall(r'<a class="service-link" href="([^"]+)"', links)
    with translation.override(language):
        expected = [sections.get(key).url() for key in demo.SERVICE_LINK_SECTIONS]
        titles = [str(sections.get(key).title) for key in demo.SERVICE_LINK_SECTIONS]
    assert found == expected
    for title in titles:
        assert f'<span class="service-link__title">{title}</span>' in links
