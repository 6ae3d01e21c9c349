"""Helpers that the access matrix and the routes of every app declare their entries with."""

from __future__ import annotations

from tests.security.matrix import LANGS, LOGIN, roles

SIGNED_IN = ("resident_a", "resident_b", "handler_x", "handler_y", "secretary", "editor", "admin")
STAFF_WITH_MFA = ("handler_x", "handler_y", "secretary", "admin")
EVERYONE_200 = roles(200)


def each_lang(path: str):
    """URLs of a language-prefixed route: `path` is formatted with {lang}."""
    return lambda world: [path.format(lang=lang) for lang in LANGS]


def fixed(*urls: str):
    return lambda world: list(urls)


def pages(key: str):
    return lambda world: [page.get_url() for page in world.pages.get(key, {}).values()]


def signed_in(outcome, **others):
    """`outcome` for every signed-in role, the anonymous ones get LOGIN unless overridden."""
    return roles(LOGIN, **{**dict.fromkeys(SIGNED_IN, outcome), **others})
