"""Security headers, cookie flags and no inline code on public pages, in production mode."""

import re
from html.parser import HTMLParser

import pytest

from tests.fixtures.demo import loaded_demo

LANGUAGES = ["fi", "sv", "en"]
# <script> blocks that carry data, not code; CSP does not run them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
ACCOUNT_LINE = re.compile(r"^\s+(?P<role>\S.*?)\s{2,}(?P<email>\S+@\S+)\s{2,}(?P<password>\S+)\s*$")
DEMO_PASSWORD = "Headers-test-Password-9182"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, request):
    """The demo municipality, loaded once for this module and rolled back after it."""
    with loaded_demo(django_db_blocker, password=DEMO_PASSWORD) as output:
        yield output


def _standard_page_paths() -> dict[str, str]:
    from cms.models import StandardPage

    paths = {}
    for page in StandardPage.objects.live().public().order_by("path").select_related("locale"):
        paths.setdefault(page.locale.language_code, page.get_url())
    return paths


def _public_page_paths() -> list[str]:
    standard = _standard_page_paths()
    missing = [language for language in LANGUAGES if language not in standard]
    assert not missing, f"the demo has no live standard page in {missing}"
    return [f"/{language}/" for language in LANGUAGES] + [standard[lang] for lang in LANGUAGES]


def _csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        tokens = part.split()
        if tokens:
            directives[tokens[0].lower()] = tokens[1:]
    return directives


@pytest.fixture
def home_response(demo, db, client):
    response = client.get("/fi/", secure=True)
    assert response.status_code == 200
    return response


def test_home_page__has_a_content_security_policy_without_inline_scripts(home_response):
    header = home_response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    directives = _csp_directives(header)
    assert "script-src" in directives, f"the policy has no script-src: {header}"
    assert "'unsafe-inline'" not in directives["script-src"], header
    assert "'unsafe-eval'" not in directives["script-src"], header
    assert "'unsafe-inline'" not in directives.get("default-src", []), header


def test_home_page__has_hsts(home_response):
    header = home_response.headers.get("Strict-Transport-Security", "")
    match = re.search(r"max-age=(\d+)", header)
    assert match and int(match.group(1)) >= 31_536_000, f"HSTS is {header!r}"
    assert "includeSubDomains" in header


def test_home_page__cannot_be_framed(home_response):
    frame_options = home_response.headers.get("X-Frame-Options", "")
    csp = _csp_directives(home_response.headers.get("Content-Security-Policy", ""))
    assert frame_options == "DENY" or csp.get("frame-ancestors") == ["'none'"], (
        f"X-Frame-Options {frame_options!r}, frame-ancestors {csp.get('frame-ancestors')}"
    )


def test_home_page__has_a_referrer_policy_and_nosniff(home_response):
    referrer_policy = home_response.headers.get("Referrer-Policy", "")
    assert referrer_policy in {"no-referrer", "same-origin", "strict-origin"} | {
        "strict-origin-when-cross-origin"
    }, f"Referrer-Policy {referrer_policy!r}"
    assert home_response.headers.get("X-Content-Type-Options") == "nosniff"


def test_sign_in__sets_session_and_csrf_cookies_secure_and_http_only(demo, db, client):
    form = client.get("/fi/accounts/login/", secure=True)
    assert form.status_code == 200
    accounts = [ACCOUNT_LINE.match(line) for line in demo.splitlines()]
    residents = [m for m in accounts if m and "resident" in m.group("role").lower()]
    assert residents, f"load_demo printed no resident account:\n{demo}"

    response = client.post(
        "/fi/accounts/login/",
        {"login": residents[0].group("email"), "password": residents[0].group("password")},
        secure=True,
    )

    assert response.status_code == 302, "the demo resident could not sign in"
    set_cookies = {**form.cookies, **response.cookies}
    for name in ("sessionid", "csrftoken"):
        assert name in set_cookies, f"the {name} cookie was not set; set: {sorted(set_cookies)}"
        cookie = set_cookies[name]
        assert cookie["secure"], f"the {name} cookie is not Secure"
        assert cookie["httponly"], f"the {name} cookie is not HttpOnly"
        assert cookie["samesite"].lower() in {"lax", "strict"}, f"{name} SameSite"


class _InlineCodeFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline_scripts: list[str] = []
        self.inline_styles: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            script_type = (attributes.get("type") or "").lower()
            self._in_inline_script = "src" not in attributes and script_type not in (
                DATA_SCRIPT_TYPES
            )
            if self._in_inline_script:
                self.inline_scripts.append(self.get_starttag_text())
        elif tag == "style":
            self.inline_styles.append("<style> block")
        if "style" in attributes:
            self.inline_styles.append(self.get_starttag_text())
        handlers = [name for name in attributes if name.startswith("on")]
        if handlers:
            self.inline_scripts.append(self.get_starttag_text())

    def handle_data(self, data):
        if self._in_inline_script and data.strip():
            self.inline_scripts[-1] += data.strip()[:80]

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


def _inline_code(client, path: str) -> _InlineCodeFinder:
    response = client.get(path, secure=True)
    assert response.status_code == 200, f"GET {path} answered {response.status_code}"
    finder = _InlineCodeFinder()
    finder.feed(response.content.decode())
    return finder


def test_public_pages__have_no_inline_scripts(demo, db, client):
    found = {path: _inline_code(client, path).inline_scripts for path in _public_page_paths()}
    offenders = {path: scripts for path, scripts in found.items() if scripts}
    assert not offenders, f"inline scripts or event handlers, which CSP blocks: {offenders}"


def test_public_pages__have_no_inline_styles(demo, db, client):
    found = {path: _inline_code(client, path).inline_styles for path in _public_page_paths()}
    offenders = {path: styles for path, styles in found.items() if styles}
    assert not offenders, f"inline styles, which CSP blocks: {offenders}"
