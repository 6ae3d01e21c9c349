"""Helpers that the access matrix and the routes of every app declare their entries with."""

from __future__ import annotations

import re

from django.urls import Resolver404, resolve
from django.utils.translation import override

from tests.paths import app_url
from tests.security.matrix import (
    LANGS,
    LOGIN,
    MFA_CONFIRM,
    MFA_SETUP,
    MOVED_PREFIX,
    Moved,
    Redirect,
    Route,
    roles,
)

SIGNED_IN = (
    "resident_a",
    "resident_b",
    "handler_x",
    "handler_y",
    "secretary",
    "editor",
    "finance_staff",
    "admin",
    "digital_developer",
)
STAFF_WITH_MFA = (
    "handler_x",
    "handler_y",
    "secretary",
    "finance_staff",
    "admin",
    "digital_developer",
)
EVERYONE_200 = roles(200)
# Staff who signed in with the password alone meet the admin's second-factor gate first: confirm
# with a code when they have an authenticator, set one up when they do not.
PASSWORD_ONLY_STAFF = {"handler_x_password": MFA_CONFIRM, "admin_password": MFA_SETUP}
# Wagtail sends staff who lack a screen's permission back to the admin dashboard.
ADMIN_HOME = Redirect("wagtailadmin_home", "redirect to the admin dashboard")


def each_lang(path: str):
    """URLs of a language-prefixed route: `path` is formatted with {lang}."""
    return lambda world: [path.format(lang=lang) for lang in LANGS]


def lang_urls(name: str, *args, query: str = "", langs=LANGS):
    """URLs of the route named `name` in each language (its translated path); `args` are
    values or functions of the world (see `obj`)."""

    def build(world) -> list[str]:
        values = [arg(world) if callable(arg) else arg for arg in args]
        return [app_url(name, *values, lang=lang, query=query) for lang in langs]

    return build


def obj(key: str, attr: str | None = "pk"):
    """The world's object `key` (its `attr`, or the object itself with attr=None)."""
    return lambda world: world.objects[key] if attr is None else getattr(world.objects[key], attr)


def moved_routes(table, **samples) -> list[Route]:
    """The old addresses of an app's pages (its urls.MOVED): every role and method is sent on
    permanently to the new address — 301, or 308 for methods other than GET, which keeps them.

    `samples` give a path parameter's value by converter name (a value or a function of the
    world); numbers and UUIDs need no object, as the redirect does not look them up.
    """
    values = {"uuid": "00000000-0000-4000-8000-000000000000", "int": "1", "id": "1"} | samples

    def urls(old: str):
        def build(world) -> list[str]:
            def value(match) -> str:
                sample = values[match.group(1)]
                return str(sample(world) if callable(sample) else sample)

            path = re.sub(r"<(\w+):\w+>", value, old)
            return [f"/{lang}/{path}?page=1" for lang in LANGS if _moved(f"/{lang}/{path}", lang)]

        return build

    return [
        Route(
            MOVED_PREFIX + old,
            urls(old),
            {"GET": roles(Moved(301))},
            other_methods=Moved(308),
            label=f"moved: {name}",
        )
        for old, name in table
    ]


def _moved(path: str, lang: str) -> bool:
    """Whether `path` left its old address: in some languages the words stayed the same
    (/en/decisions/, /fi/kyselyt/)."""
    with override(lang):
        try:
            return resolve(path).url_name == "wagtail_serve"
        except Resolver404:
            return True


def fixed(*urls: str):
    return lambda world: list(urls)


def pages(key: str):
    return lambda world: [page.get_url() for page in world.pages.get(key, {}).values()]


def signed_in(outcome, **others):
    """`outcome` for every signed-in role, the anonymous ones get LOGIN unless overridden."""
    return roles(LOGIN, **{**dict.fromkeys(SIGNED_IN, outcome), **others})
