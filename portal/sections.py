"""The application sections of the portal, known by a stable key.

A section is a part of an app that residents go to directly: "My cases", decision search, the
surveys. Menus and the home page's service links in the CMS point to a section by its key, so that
no editor types an application address; the site search offers the sections whose words match,
and the sitemap lists the public ones. The title comes from the message catalogues and the address
is reversed in the reader's language at render time, so both follow translations.

Each app declares its sections in its own `sections.py` and registers them once, from its
AppConfig.ready()::

    # finance/sections.py
    from django.utils.translation import gettext_lazy as _

    from portal.sections import Section

    SECTIONS = [
        Section(
            key="finance",
            title=_("Finances"),
            url_name="finance:index",
            description=_("The budget, interim reports and financial statements."),
            keywords=_("budget financial statements"),
        ),
    ]

    # finance/apps.py
    class FinanceConfig(AppConfig):
        def ready(self):
            from finance.sections import SECTIONS
            from portal import sections

            sections.register(*SECTIONS)

The key is stored in editors' menu items and service links: change a section's title, address or
description freely, never its key. A link whose key is no longer registered is left out of the
menu instead of breaking the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import NoReverseMatch, reverse
from django.utils.translation import override

KEY_MAX_LENGTH = 50


@dataclass(frozen=True)
class Section:
    """One application section: where it is, what it is called and where it is offered."""

    # Stable identifier stored by menus and links, e.g. "cases.lookup".
    key: str
    # gettext_lazy strings, translated when shown.
    title: Any
    # A URL name without arguments, e.g. "cases:lookup"; reversed in the active language.
    url_name: str
    description: Any = ""
    # Words besides the title that the site search matches, in the same language as the title
    # (a gettext_lazy string of space-separated words).
    keywords: Any = ""
    # Only signed-in residents see the section; others are sent to sign in first.
    requires_login: bool = False
    # Where the section is offered by default; editors choose what the menus really hold.
    in_menu: bool = True
    on_home_page: bool = True
    in_sitemap: bool = True
    # Sections are listed in this order, then by key.
    order: int = 100

    def url(self, language: str | None = None) -> str:
        """The section's address in `language` (the active language by default)."""
        if language is None:
            return reverse(self.url_name)
        with override(language):
            return reverse(self.url_name)

    def words(self) -> str:
        """Everything the site search matches, in the active language, lower-cased."""
        return " ".join(str(part) for part in (self.title, self.description, self.keywords)).lower()


_registry: dict[str, Section] = {}


def register(*sections: Section) -> None:
    """Add sections to the registry; registering the same section again changes nothing."""
    for section in sections:
        if len(section.key) > KEY_MAX_LENGTH:
            raise ImproperlyConfigured(f"section key {section.key!r} is over {KEY_MAX_LENGTH}")
        existing = _registry.get(section.key)
        if existing is not None and existing != section:
            raise ImproperlyConfigured(f"two different sections have the key {section.key!r}")
        _registry[section.key] = section


def get(key: str) -> Section | None:
    """The section registered under `key`, or None."""
    return _registry.get(key)


def all_sections() -> list[Section]:
    """Every registered section, in display order."""
    return sorted(_registry.values(), key=lambda section: (section.order, section.key))


def choices() -> list[tuple[str, str]]:
    """(key, title) of every section, for the editors' "application section" lists.

    A callable, so that model fields and blocks list the sections registered at the time of use
    (and migrations store a reference to it rather than the list).
    """
    return [(section.key, section.title) for section in all_sections()]


def unresolvable() -> list[str]:
    """Keys of sections whose URL name does not reverse (a system check reports them)."""
    broken = []
    for section in all_sections():
        try:
            section.url()
        except NoReverseMatch:
            broken.append(section.key)
    return broken


def matching(query: str) -> list[Section]:
    """Sections whose title, description or keywords (active language) contain every word."""
    words = [word for word in query.lower().split() if word]
    if not words:
        return []
    return [section for section in all_sections() if all(word in section.words() for word in words)]
