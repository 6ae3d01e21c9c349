"""Bad input gets a clear error and changes nothing: never a server error, never half a write.

Driven by the access matrix (tests/security/access_matrix.py): every declared route that takes
parameters is listed in BAD_INPUT below with the parameters it reads and how it must refuse bad
values. Each of its representative URLs then gets, one parameter at a time, a NUL byte, a
10 000-character string and a value of the wrong type; every path segment gets a NUL byte and
10 000 characters; forms get POSTs with a required field missing, a NUL or 10 000 characters.
A route of the matrix with a path parameter or a query string that is not listed here fails
test_bad_input__every_route_with_parameters_is_declared until it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache

from tests.quality.inputs import (
    API_DETAIL,
    API_QUERY,
    LOGIN_FIELDS,
    SIGNED_IN_ACCOUNT_PAGE,
    SIGNUP_FIELDS,
    WAGTAIL_PAGE,
    Answer,
    Form,
    Takes,
)
from tests.security.access_matrix import ROUTES
from tests.security.matrix import MOVED_PREFIX
from tests.security.routes import cases as cases_routes
from tests.security.routes import decisions as decisions_routes
from tests.security.routes import finance as finance_routes
from tests.security.routes import indicators as indicators_routes
from tests.security.routes import maturity as maturity_routes
from tests.security.routes import participation as participation_routes

NUL = "\x00"
LONG = "x" * 10_000
# Everything under /api/ answers errors in JSON with a `code`, /api/v1%00/ and /api/v2/ included.
API_PREFIX = "/api/"

# Route id (label, else pattern, as in the access matrix) → what it takes.
BAD_INPUT: dict[str, Takes] = {
    "sitemap-<slug:section>.xml": Takes(path=True, query={"p": "abc"}),
    "api/v1/schema/": Takes(query=API_QUERY),
    "api/v1/docs/": Takes(query=API_QUERY),
    "api:not_found": API_DETAIL,
    "api_not_found (other versions)": API_DETAIL,
    "admin/ (dashboard)": Takes(query={"next": None}, path=True, answer=Answer.NO_SERVER_ERROR),
    "admin/ (pages, users)": Takes(
        query={"q": None, "p": "abc", "ordering": "abc"}, path=True, answer=Answer.NO_SERVER_ERROR
    ),
    "admin/ (documents)": Takes(
        query={"q": None, "p": "abc", "ordering": "abc"}, path=True, answer=Answer.NO_SERVER_ERROR
    ),
    "admin/password_reset/ (disabled)": Takes(path=True, answer=Answer.NO_SERVER_ERROR),
    "documents/ (missing document)": Takes(path=True),
    "documents/ (missing password restriction)": Takes(path=True),
    "accounts: login": Takes(
        path=True,
        form=Form(LOGIN_FIELDS, required=("login", "password")),
    ),
    "accounts: signup": Takes(
        path=True,
        form=Form(SIGNUP_FIELDS, required=("email", "password1", "password2")),
    ),
    "accounts: password reset": Takes(
        path=True,
        form=Form({"email": "resident.a@example.fi"}, required=("email",)),
    ),
    "accounts: e-mail addresses": SIGNED_IN_ACCOUNT_PAGE,
    "accounts: two-factor index": SIGNED_IN_ACCOUNT_PAGE,
    "accounts: TOTP setup": SIGNED_IN_ACCOUNT_PAGE,
    "cms:search": Takes(
        query={"q": None, "page": "abc"},
        path=True,
        # The search form is a GET form: a POST is refused whatever it carries.
        form=Form({"q": "palvelu"}, required=("q",), answer=Answer.REJECT),
    ),
    "cms:no_translation (missing page)": Takes(path=True),
    "wagtail: page password (missing restriction)": Takes(path=True),
    "wagtail_serve: home page": WAGTAIL_PAGE,
    "wagtail_serve: standard page": WAGTAIL_PAGE,
    "wagtail_serve: news index": Takes(query={"page": "abc"}, path=True),
    "wagtail_serve: news page": WAGTAIL_PAGE,
    "wagtail_serve: missing page": WAGTAIL_PAGE,
    **cases_routes.BAD_INPUT,
    **decisions_routes.BAD_INPUT,
    **participation_routes.BAD_INPUT,
    **indicators_routes.BAD_INPUT,
    **finance_routes.BAD_INPUT,
    **maturity_routes.BAD_INPUT,
    # Old addresses: a bad segment matches no old path and ends in "not found".
    **{route.id: Takes(path=True) for route in ROUTES if route.pattern.startswith(MOVED_PREFIX)},
}

ROUTES_BY_ID = {route.id: route for route in ROUTES}
PATH = "<path>"


# --- Mutations ---------------------------------------------------------------------------------


def with_query(url: str, name: str, value: str) -> str:
    parts = urlsplit(url)
    query = [(key, val) for key, val in parse_qsl(parts.query) if key != name]
    return f"{parts.path}?{urlencode([*query, (name, value)])}"


def query_mutations(url: str, name: str, wrong_type: str | None) -> list[tuple[str, str]]:
    values = [("NUL", NUL), ("10 000 characters", LONG)]
    if wrong_type is not None:
        values.append(("wrong type", wrong_type))
    return [(f"{name}={what}", with_query(url, name, value)) for what, value in values]


def path_mutations(url: str) -> list[tuple[str, str]]:
    parts = urlsplit(url)
    segments = parts.path.strip("/").split("/")
    trailing = "/" if parts.path.endswith("/") else ""
    query = f"?{parts.query}" if parts.query else ""
    out = []
    for index, segment in enumerate(segments):
        for what, value in (("NUL", segment + NUL), ("10 000 characters", LONG)):
            changed = [*segments[:index], value, *segments[index + 1 :]]
            path = "/" + "/".join(quote(part) for part in changed) + trailing
            out.append((f"segment {index + 1} {what}", path + query))
    return out


# --- Answers -----------------------------------------------------------------------------------


def form_errors_shown(response) -> bool:
    """The page's form has errors, and their messages are on the page."""
    context = response.context
    form = context.get("form") if context is not None else None
    if form is None or not form.errors:
        return False
    content = response.content.decode()
    return all(
        html.escape(message) in content or message in content
        for messages in form.errors.values()
        for message in messages
    )


def problem(answer: Answer, response) -> str | None:
    status = response.status_code
    if status >= 500:
        return f"{status} (server error)"
    if answer is Answer.NO_SERVER_ERROR:
        return None
    # The path that gave the final answer, after redirects (e.g. to add the language prefix).
    if response.request["PATH_INFO"].startswith(API_PREFIX) and 400 <= status < 500:
        try:
            code = response.json().get("code")
        except ValueError:
            code = None
        if not isinstance(code, str) or not code:
            return f"{status} without a JSON body with a `code`"
        return None
    if 400 <= status < 500:
        return None
    if answer is Answer.SHOW_ERROR and status == 200 and form_errors_shown(response):
        return None
    return f"{status}, expected {answer.value}"


def send(client, method: str, url: str, data: Mapping[str, str] | None = None):
    # Redirects are followed: a language prefix added to a bad path must still end in a 4xx.
    if method == "POST":
        return client.post(url, data or {}, secure=True, follow=True)
    return client.get(url, secure=True, follow=True)


def shown(url: str) -> str:
    return url.replace(LONG, "x…").replace(quote(NUL), "%00")


# --- The gate ----------------------------------------------------------------------------------


def _parameter_cases():
    for route_id, takes in BAD_INPUT.items():
        names = [*takes.query, *([PATH] if takes.path else [])]
        for name in names:
            marks = []
            if name in takes.lenient:
                marks.append(pytest.mark.xfail(reason=takes.lenient[name], strict=True))
            yield pytest.param(route_id, name, id=f"{route_id}-{name}", marks=marks)


@pytest.fixture(autouse=True)
def _no_rate_limits():
    # Validation is under test here, not the rate limits (tests/security checks those).
    cache.clear()


@pytest.mark.parametrize(("route_id", "name"), list(_parameter_cases()))
def test_bad_input__parameter_gets_a_client_error(db, world, clients, route_id, name):
    route, takes = ROUTES_BY_ID.get(route_id), BAD_INPUT[route_id]
    assert route is not None, f"{route_id} is not a route of the access matrix"
    urls = route.urls(world)
    assert urls, f"{route_id}: the access matrix built no URL to try"
    problems = []
    for url in urls:
        mutations = (
            path_mutations(url) if name == PATH else query_mutations(url, name, takes.query[name])
        )
        for what, bad_url in mutations:
            response = send(clients[takes.role], "GET", bad_url)
            found = problem(takes.answer, response)
            if found:
                problems.append(f"GET {shown(url)} with {what}: {found}")
    assert not problems, f"{route_id} ({route.pattern}):\n  " + "\n  ".join(problems)


FORMS = [pytest.param(route_id, id=route_id) for route_id, takes in BAD_INPUT.items() if takes.form]


def table_counts() -> tuple[int, int]:
    return get_user_model().objects.count(), EmailAddress.objects.count()


def form_mutations(form: Form) -> list[tuple[str, dict[str, str]]]:
    out = []
    for name in form.required:
        out.append((f"{name} missing", {k: v for k, v in form.fields.items() if k != name}))
    for name in form.fields:
        out.append((f"{name} with NUL", {**form.fields, name: form.fields[name] + NUL}))
        out.append((f"{name} of 10 000 characters", {**form.fields, name: LONG}))
    return out


@pytest.mark.parametrize("route_id", FORMS)
def test_bad_input__form_shows_an_error_and_writes_nothing(db, world, clients, route_id):
    route, takes = ROUTES_BY_ID[route_id], BAD_INPUT[route_id]
    url = route.urls(world)[0]
    problems = []
    for what, data in form_mutations(takes.form):
        cache.clear()
        before = table_counts()
        response = send(clients[takes.role], "POST", url, data)
        found = problem(takes.form.answer, response)
        if found:
            problems.append(f"POST {url} with {what}: {found}")
        if table_counts() != before:
            problems.append(f"POST {url} with {what}: users/e-mail addresses changed")
    assert not problems, f"{route_id}:\n  " + "\n  ".join(problems)


# --- Completeness --------------------------------------------------------------------------------

PATH_PARAMETER = re.compile(r"<[^>]+>|\(")


def why_parameters(route, urls: list[str]) -> str | None:
    """Why a route of the matrix must be declared here, or None when it takes no parameters."""
    pattern = route.pattern.removeprefix("<lang>/")
    if PATH_PARAMETER.search(pattern):
        return "its pattern has a path parameter"
    if route.prefix:
        return "it stands for every view under a prefix, some with parameters"
    if route.pattern.startswith("api/"):
        return "every API route reads `lang`"
    if any("?" in url for url in urls):
        return "its URLs carry a query string"
    return None


def test_bad_input__every_route_with_parameters_is_declared(db, world):
    missing = []
    for route in ROUTES:
        reason = why_parameters(route, route.urls(world))
        if reason and route.id not in BAD_INPUT:
            missing.append(f"  {route.id}  ({reason})")
    stale = sorted(set(BAD_INPUT) - set(ROUTES_BY_ID))
    assert not missing, (
        "Routes of the access matrix with parameters missing from BAD_INPUT in "
        "tests/quality/test_bad_input.py (declare what they read and how they refuse it):\n"
        + "\n".join(missing)
    )
    assert not stale, f"BAD_INPUT declares routes the access matrix no longer has: {stale}"


def test_bad_input__every_route_takes_something_to_try():
    empty = [route_id for route_id, t in BAD_INPUT.items() if not (t.query or t.path or t.form)]
    assert not empty, f"BAD_INPUT entries that declare nothing to try: {empty}"
