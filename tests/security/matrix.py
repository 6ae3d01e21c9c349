"""The machinery of the access matrix: routes, expected outcomes, the URL walker and the checker.

The declaration itself lives in access_matrix.py; this module only knows how to read it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

from django.conf import settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern
from django.utils import translation

from tests.fixtures.roles import ROLE_SPECS, ROLES, World

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
LANGS = tuple(code for code, _ in settings.LANGUAGES)


# --- Outcomes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Redirect:
    """A redirect (301/302/303/307/308) whose target path is a named URL in some language."""

    url_name: str
    label: str

    def paths(self) -> set[str]:
        out = set()
        for lang in LANGS:
            with translation.override(lang):
                out.add(reverse(self.url_name))
        return out

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class RedirectTo:
    """A redirect whose target path starts with `prefix` (e.g. the language's home)."""

    prefix: str

    def __str__(self) -> str:
        return f"redirect to {self.prefix}…"


@dataclass(frozen=True)
class Moved:
    """A permanent redirect (`status`) from an old address to a page of an application, with
    the query string kept."""

    status: int

    def __str__(self) -> str:
        return f"{self.status} to the new address"


LOGIN = Redirect("account_login", "redirect to login")
MFA_SETUP = Redirect("mfa_activate_totp", "redirect to TOTP setup")
MFA_CONFIRM = Redirect("mfa_reauthenticate", "redirect to confirm with a TOTP code")
Outcome = int | Redirect | RedirectTo | Moved
APPS = ("cases", "notifications", "decisions", "participation", "maturity", "cms")
REDIRECT_CODES = {301, 302, 303, 307, 308}


def outcome_matches(expected: Outcome, response) -> bool:
    if isinstance(expected, int):
        return response.status_code == expected
    if isinstance(expected, Moved):
        if response.status_code != expected.status:
            return False
        location = urlparse(response.get("Location", ""))
        if location.query != response.request.get("QUERY_STRING", ""):
            return False
        try:
            match = resolve(location.path)
        except Resolver404:
            return False
        return match.namespace in APPS and location.path != response.request["PATH_INFO"]
    if response.status_code not in REDIRECT_CODES:
        return False
    path = urlparse(response.get("Location", "")).path
    if isinstance(expected, Redirect):
        return path in expected.paths()
    return path.startswith(expected.prefix)


def describe(response) -> str:
    if response.status_code in REDIRECT_CODES:
        return f"{response.status_code} → {response.get('Location', '?')}"
    return str(response.status_code)


def roles(default: Outcome, **overrides: Outcome) -> dict[str, Outcome]:
    """Expected outcome per role: `default` for every role unless overridden by name.

    A role that acts as another (staff signed in without the second factor act as a resident)
    gets that role's outcome unless overridden by its own name.
    """
    unknown = set(overrides) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles in matrix: {sorted(unknown)}")
    out = {}
    for role in ROLES:
        acts_as = ROLE_SPECS[role].acts_as
        if role in overrides or acts_as is None:
            out[role] = overrides.get(role, default)
        else:
            out[role] = overrides.get(acts_as, default)
    return out


# --- Declarations ----------------------------------------------------------------------------

UrlBuilder = Callable[[World], list[str]]


@dataclass(frozen=True)
class Route:
    """One URL route (or, with prefix=True, every route under a prefix) and who gets what."""

    # The route as the URL walker prints it: "<lang>/" stands for the language prefix, regex
    # routes lose their ^ and $, e.g. "api/v1/bodies/<int:pk>/" or "<lang>/((?:[\w\-]+/)*)".
    pattern: str
    # Concrete URLs to try, built from the demo world.
    urls: UrlBuilder
    # method → role → expected outcome.
    expect: Mapping[str, Mapping[str, Outcome]]
    label: str = ""
    # True: `pattern` is a prefix declaring all routes below it (the Wagtail admin, allauth);
    # `urls` are representative samples.
    prefix: bool = False
    # What methods missing from `expect` answer to every role; None: not checked (prefixes).
    other_methods: Outcome | None = 405
    # Owner-only objects: the role that owns the object at `urls`; every other role, except
    # those in `visible_to` (e.g. the handlers of the case's unit), must get 404 — the object's
    # existence is not revealed.
    owner_only: str | None = None
    visible_to: tuple[str, ...] = ()
    # Query budgets: a function adding `n` more of the objects this route lists (None: the
    # route lists nothing that grows), and the signed-in role to measure besides anonymous.
    grow: Callable[[World, int], None] | None = None
    budget_roles: tuple[str, ...] = ("anonymous",)
    # False: the route is not measured for query counts (say why in `budget_exempt`).
    budget_exempt: str = ""
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.label or self.pattern

    def expectations(self) -> dict[str, dict[str, Outcome]]:
        out = {method: dict(by_role) for method, by_role in self.expect.items()}
        if self.other_methods is not None:
            for method in METHODS:
                out.setdefault(method, roles(self.other_methods))
        for method, by_role in out.items():
            missing = set(ROLES) - set(by_role)
            if missing:
                raise ValueError(f"{self.id} {method}: no outcome for roles {sorted(missing)}")
        return out

    def covers(self, pattern: str) -> bool:
        return pattern.startswith(self.pattern) if self.prefix else pattern == self.pattern


# --- The URL walker --------------------------------------------------------------------------


def _part(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return "<lang>/"
    text = str(pattern)
    if isinstance(pattern, RegexPattern):
        text = text.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    return text


# The old addresses of application pages (portal/moved.py): a URLconf of their own, which
# answers requests that the portal's would answer with 404.
MOVED_PREFIX = "(moved) <lang>/"


def walk(resolver=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    """Every route of the URLconf as (pattern, qualified name), recursing into includes.

    Translated paths are printed in their source words (English): "<lang>/decisions/".
    """
    if resolver is None:
        with translation.override(None):
            routes = [
                *walk(get_resolver()),
                *walk(get_resolver("portal.moved"), MOVED_PREFIX, "moved:"),
            ]
        yield from routes
        return
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from walk(entry, prefix + _part(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else "(unnamed)"
            yield prefix + _part(entry.pattern), name


def undeclared_routes(routes: list[Route], resolver=None) -> list[tuple[str, str]]:
    return [(p, n) for p, n in walk(resolver) if not any(r.covers(p) for r in routes)]


def stale_declarations(routes: list[Route], resolver=None) -> list[Route]:
    patterns = [p for p, _ in walk(resolver)]
    return [r for r in routes if not any(r.covers(p) for p in patterns)]


# --- The checker -----------------------------------------------------------------------------


def request(client, method: str, url: str):
    """Send `method` to `url` over HTTPS (as production does) with an empty body."""
    if url.startswith("/api/"):
        return client.generic(
            method,
            url,
            b"{}" if method != "GET" else b"",
            content_type="application/json",
            secure=True,
        )
    if method == "GET":
        return client.get(url, secure=True)
    if method == "POST":
        return client.post(url, {}, secure=True)
    return client.generic(method, url, b"", secure=True)


def urls_for(route: Route, world: World) -> list[str]:
    """The concrete URLs of `route`; the first one is the route's representative URL."""
    return route.urls(world)


def check(route: Route, urls: list[str], client, role: str, method: str) -> list[str]:
    """Send `method` as `role`; GET goes to every URL of the route, other methods to the first.

    Other methods are decided by the view, not by the object, so one URL tells them; GET is
    where the object (a page, a body, a missing one) changes the outcome.
    """
    if not urls:
        return [f"{route.id}: the declaration built no URL to try"]
    expected = route.expectations()[method][role]
    problems = []
    for url in urls if method == "GET" else urls[:1]:
        response = request(client, method, url)
        if not outcome_matches(expected, response):
            problems.append(
                f"{method} {url} as {role}: expected {expected}, got {describe(response)}"
            )
    return problems


def check_route_for_role(route: Route, world: World, role: str) -> list[str]:
    """Try every method of `route` as `role` with a fresh client (slow; one-off checks)."""
    client = world.client(role)
    urls = urls_for(route, world)
    return [
        problem
        for method in route.expectations()
        for problem in check(route, urls, client, role, method)
    ]


def owner_only_violations(
    route: Route, world: World, clients: Mapping[str, object] | None = None
) -> list[str]:
    """Roles other than the owner (and `visible_to`) that learn anything but 404 about it."""
    if route.owner_only is None:
        return []
    problems = []
    allowed = {route.owner_only, *route.visible_to}
    methods = list(route.expect) or ["GET"]
    for role in ROLES:
        if role in allowed:
            continue
        client = clients[role] if clients is not None else world.client(role)
        for url in route.urls(world):
            for method in methods:
                response = request(client, method, url)
                if response.status_code != 404:
                    problems.append(
                        f"{method} {url} as {role} (owner {route.owner_only}): "
                        f"expected 404, got {describe(response)}"
                    )
    return problems


def owner_only_declaration_errors(route: Route) -> list[str]:
    """An owner-only route must declare 404 for every role that does not own the object."""
    if route.owner_only is None:
        return []
    allowed = {route.owner_only, *route.visible_to}
    return [
        f"{route.id} {method} as {role}: declared {outcome}, owner-only routes answer 404"
        for method, by_role in route.expect.items()
        for role, outcome in by_role.items()
        if role not in allowed and outcome != 404
    ]
