"""No page makes the browser contact another host: the CSP allows none, and the admin (where
Wagtail would show Gravatar avatars) refers to none."""

import re
from dataclasses import replace
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in

# Sources that name no host: keywords, nonces and hashes, and scheme-only sources that stay in
# the page (data: and blob: URLs are made by the page itself).
KEYWORD = re.compile(
    r"^'(self|none|unsafe-inline|unsafe-eval|strict-dynamic|report-sample|"
    r"wasm-unsafe-eval|nonce-[^']+|sha(256|384|512)-[^']+)'$"
)
LOCAL_SCHEMES = {"data:", "blob:"}


def _outside_sources(directives: dict) -> list[tuple[str, str]]:
    outside = []
    for name, sources in directives.items():
        for source in sources if isinstance(sources, list | tuple) else [sources]:
            value = str(source).strip()
            if not KEYWORD.match(value) and value not in LOCAL_SCHEMES:
                outside.append((name, value))
    return outside


def test_csp__names_no_outside_host_in_any_directive():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]

    assert directives, "the portal sends no Content-Security-Policy"
    assert _outside_sources(directives) == []


def test_csp__the_check_catches_an_outside_host():
    # The check above would fail for a policy that lets the browser fetch from elsewhere.
    assert _outside_sources({"img-src": ["'self'", "https://www.gravatar.com"]}) == [
        ("img-src", "https://www.gravatar.com")
    ]
    assert _outside_sources({"img-src": ["*"], "font-src": ["https:"]}) == [
        ("img-src", "*"),
        ("font-src", "https:"),
    ]


def test_csp__header_of_an_admin_page_names_no_outside_host(admin_client_with_mfa):
    response = admin_client_with_mfa.get(reverse("wagtailadmin_home"))

    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        tokens = part.split()
        if tokens:
            directives[tokens[0]] = tokens[1:]
    assert "img-src" in directives
    assert _outside_sources(directives) == []


class _Fetches(HTMLParser):
    """Every URL the browser would fetch by itself from a page's markup."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "poster", "data"):
            if attributes.get(name):
                self.urls.append(attributes[name])
        if attributes.get("srcset"):
            self.urls += [part.split()[0] for part in attributes["srcset"].split(",") if part]
        if tag == "link" and attributes.get("href"):
            self.urls.append(attributes["href"])


def _outside(urls: list[str]) -> list[str]:
    return [url for url in urls if urlsplit(url).netloc not in ("", "testserver")]


@pytest.fixture
def admin_client_with_mfa(client, db):
    user = create_user(replace(ROLE_SPECS["admin"], mfa=True))
    sign_in(client, user, mfa=True)
    return client


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_home",
        "wagtailadmin_account",
        "wagtailusers_users:index",
        "wagtailadmin_explore_root",
    ],
)
def test_admin_pages__refer_to_no_outside_host(admin_client_with_mfa, url_name):
    response = admin_client_with_mfa.get(reverse(url_name))

    assert response.status_code == 200
    html = response.content.decode()
    parser = _Fetches()
    parser.feed(html)
    assert parser.urls, "the page fetches nothing at all: the check looks at the wrong page"
    assert _outside(parser.urls) == []
    # The sidebar draws the user's avatar from JSON in the page, not from an <img> tag.
    avatars = re.findall(r'avatarUrl&quot;: &quot;([^&]*)&quot;|"avatarUrl": "([^"]*)"', html)
    assert _outside([next(u for u in found if u) for found in avatars if any(found)]) == []
    assert "gravatar" not in html
