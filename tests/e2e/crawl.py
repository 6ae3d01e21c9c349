"""The accessibility crawl: one list of what visitors reach, for the browser and the test client.

`site_inventory()` runs inside Django (in-process in the completeness test, through `manage.py
shell` against the browser tests' server) and lists the live pages of the database it is connected
to. `crawl_targets()` turns that into the URLs to visit. The browser crawl checks each target with
axe-core; the completeness test requests the same targets with the test client and fails if some
template of the portal was never rendered, so that a new page type or view must join the crawl.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from tests.paths import app_url

LANGUAGES = ("fi", "sv", "en")
ANONYMOUS = "anonymous"
RESIDENT = "resident"
ROLES = (ANONYMOUS, RESIDENT)

# Words that the demo pages of each language contain, and one that none contains.
SEARCH_HITS = {"fi": "varhaiskasvatus", "sv": "småbarnspedagogik", "en": "library"}
SEARCH_MISS = "xqzvyyjk"

# Sign-in form of allauth, as the crawl fills it.
LOGIN_FIELD = "login"
PASSWORD_FIELD = "password"
# An address with no account: the lockout step locks it, and nobody else.
LOCKOUT_EMAIL = "lukittu.crawl@example.invalid"
WRONG_PASSWORD = "Wrong-password-0000"
# django-axes locks an address out at this many failures (AXES_FAILURE_LIMIT).
LOCKOUT_ATTEMPTS = 5
# A sign-in whose password alone is larger than REQUEST_MAX_BYTES (2 MB) meets the "too large"
# page, which is what a resident sees after sending files over a form's limit.
OVERSIZED_EMAIL = "liian.suuri.crawl@example.invalid"
OVERSIZED_PASSWORD = "x" * (2 * 1024 * 1024 + 1)

# Paths that the crawl does not visit, and why.
EXCLUDED_PATHS = {
    # Wagtail's own UI, used by staff only and maintained (and audited) by the Wagtail project.
    "/admin/": "the Wagtail admin",
    # Files, not pages.
    "/documents/": "document downloads",
    "/static/": "static files",
    "/media/": "uploaded media",
}

# Inventory of a database's live pages: run it with `manage.py shell -c` or call it in-process.
INVENTORY_SCRIPT = """
import json
from tests.e2e.crawl import site_inventory
print("INVENTORY=" + json.dumps(site_inventory()))
"""


@dataclass(frozen=True)
class Target:
    """One thing the crawl visits, as a visitor with `role`."""

    label: str
    path: str
    role: str = ANONYMOUS
    status: int = 200
    # Visit the link with this hreflang on `path` instead (the language switcher's link).
    follow_hreflang: str | None = None
    # Post this form to `path` `posts` times (after a GET of it) and check the last answer,
    # after following its redirects.
    form: tuple[tuple[str, str], ...] = ()
    posts: int = 0
    # The answer must contain this text, so that "search with results" really has results.
    must_contain: str = ""
    # In the browser, wait for this selector before checking (pages that build themselves in JS).
    ready: str = ""

    @property
    def form_data(self) -> dict[str, str]:
        return dict(self.form)


@dataclass
class Inventory:
    """Live pages of a database: paths by language and type, and missing translations."""

    pages: list[dict] = field(default_factory=list)
    # Finnish-only pages (and the like): the page's path and the languages it lacks.
    untranslated: list[dict] = field(default_factory=list)
    # What each domain app's crawl module found in the database (see APP_CRAWLS), by app.
    apps: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def from_json(cls, text: str) -> Inventory:
        return cls(**json.loads(text))


# Each domain app lists its own pages: a module with `inventory() -> dict` (runs inside Django,
# returns JSON-able data found in the database) and `targets(data, *, resident_password)`.
APP_CRAWLS = ("cases", "decisions", "participation", "finance", "indicators", "maturity")


def _app_crawl(app: str):
    import importlib

    return importlib.import_module(f"tests.e2e.crawl_apps.{app}")


def site_inventory() -> dict:
    """Every live public page (type, language, path) and the translations each one lacks."""
    from wagtail.models import Page

    pages = []
    untranslated = []
    queryset = Page.objects.live().public().filter(depth__gt=1).order_by("path")
    for page in queryset.specific().select_related("locale"):
        url = page.get_url()
        if not url:
            continue
        path = urlsplit(url).path
        language = page.locale.language_code
        pages.append({"type": type(page).__name__, "language": language, "path": path})
        translations = page.get_translations(inclusive=True).live()
        translated = set(translations.values_list("locale__language_code", flat=True))
        missing = [code for code in LANGUAGES if code not in translated]
        if missing:
            untranslated.append({"path": path, "language": language, "missing": missing})
    apps = {app: _app_crawl(app).inventory() for app in APP_CRAWLS}
    return {"pages": pages, "untranslated": untranslated, "apps": apps}


def _one_page_per_type(inventory: Inventory) -> list[dict]:
    seen = set()
    chosen = []
    for page in inventory.pages:
        key = (page["type"], page["language"])
        if key not in seen:
            seen.add(key)
            chosen.append(page)
    return chosen


def crawl_targets(inventory: Inventory, *, resident_password: str) -> list[Target]:
    """Everything the accessibility crawl visits, for every role and language."""
    targets = [
        Target(f"{page['type']} ({page['language']})", page["path"]) for page in inventory.pages
    ]
    for item in inventory.untranslated:
        for language in item["missing"]:
            targets.append(
                Target(
                    f"no translation in {language} of {item['path']}",
                    item["path"],
                    status=404,
                    follow_hreflang=language,
                )
            )
    for lang in LANGUAGES:
        accounts = f"/{lang}/accounts"
        targets += [
            Target(f"search, empty ({lang})", app_url("cms:search", lang=lang)),
            Target(
                f"search with results ({lang})",
                app_url("cms:search", lang=lang, query=f"?q={SEARCH_HITS[lang]}"),
                must_contain='class="search-results"',
            ),
            Target(
                f"search without results ({lang})",
                app_url("cms:search", lang=lang, query=f"?q={SEARCH_MISS}"),
                must_contain='class="search-none"',
            ),
            Target(f"page not found ({lang})", f"/{lang}/ei-tallaista-sivua/", status=404),
            Target(f"sign in ({lang})", f"{accounts}/login/"),
            Target(f"sign up ({lang})", f"{accounts}/signup/"),
            Target(
                f"sign up with errors ({lang})",
                f"{accounts}/signup/",
                form=(
                    # A valid address, so that the browser's own validation lets the form through.
                    ("email", "uusi.asukas.crawl@example.invalid"),
                    ("password1", "Lyhyt"),
                    ("password2", "Eri-salasana"),
                ),
                posts=1,
                must_contain='class="error-summary"',
            ),
            Target(f"password reset ({lang})", f"{accounts}/password/reset/"),
            Target(f"password reset sent ({lang})", f"{accounts}/password/reset/done/"),
        ]
    # Locks LOCKOUT_EMAIL out in Finnish; the other languages then show the lockout page at once.
    for lang in LANGUAGES:
        targets.append(
            Target(
                f"sign-in lockout ({lang})",
                f"/{lang}/accounts/login/",
                status=429,
                form=((LOGIN_FIELD, LOCKOUT_EMAIL), (PASSWORD_FIELD, WRONG_PASSWORD)),
                posts=LOCKOUT_ATTEMPTS if lang == LANGUAGES[0] else 1,
            )
        )
    for lang in LANGUAGES:
        targets.append(
            Target(
                f"too large to receive ({lang})",
                f"/{lang}/accounts/login/",
                status=413,
                form=((LOGIN_FIELD, OVERSIZED_EMAIL), (PASSWORD_FIELD, OVERSIZED_PASSWORD)),
                posts=1,
            )
        )
    targets.append(
        Target("API documentation (Swagger UI)", "/api/v1/docs/", ready="#swagger-ui .info")
    )

    # Signed in, the header changes on every page: one page of each type per language, the
    # search and the account pages, which exist only for signed-in residents.
    for page in _one_page_per_type(inventory):
        targets.append(
            Target(f"{page['type']} ({page['language']}), signed in", page["path"], role=RESIDENT)
        )
    for lang in LANGUAGES:
        accounts = f"/{lang}/accounts"
        targets += [
            Target(
                f"search with results ({lang}), signed in",
                app_url("cms:search", lang=lang, query=f"?q={SEARCH_HITS[lang]}"),
                role=RESIDENT,
                must_contain='class="search-results"',
            ),
            Target(f"e-mail addresses ({lang})", f"{accounts}/email/", role=RESIDENT),
            Target(f"password change ({lang})", f"{accounts}/password/change/", role=RESIDENT),
            Target(f"two-factor authentication ({lang})", f"{accounts}/2fa/", role=RESIDENT),
            Target(
                f"confirm password ({lang})",
                f"{accounts}/reauthenticate/?next={accounts}/2fa/",
                role=RESIDENT,
            ),
            # allauth asks for the password again before showing a new TOTP secret.
            Target(
                f"TOTP activation ({lang})",
                f"{accounts}/reauthenticate/?next={accounts}/2fa/totp/activate/",
                role=RESIDENT,
                form=((PASSWORD_FIELD, resident_password),),
                posts=1,
                must_contain='class="account-img account-img--qr"',
            ),
            Target(f"sign out ({lang})", f"{accounts}/logout/", role=RESIDENT),
        ]
    for app in APP_CRAWLS:
        data = inventory.apps.get(app, {})
        targets += _app_crawl(app).targets(data, resident_password=resident_password)
    return targets


class _LinkFinder(HTMLParser):
    def __init__(self, hreflang: str):
        super().__init__()
        self.hreflang = hreflang
        self.href: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("hreflang") == self.hreflang and self.href is None:
            self.href = values.get("href")


def hreflang_link(html: str, hreflang: str) -> str | None:
    """The href of the first link with this hreflang (the language switcher's) in the HTML."""
    finder = _LinkFinder(hreflang)
    finder.feed(html)
    return finder.href
