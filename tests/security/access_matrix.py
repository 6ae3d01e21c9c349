"""THE access matrix: every URL route × role × method of the portal with its expected outcome.

Every new view must be declared here; test_access_matrix.py fails on any route of the URLconf
that no entry covers, and tries every entry as every role. Outcomes: an HTTP status, LOGIN
("redirect to login"), MFA_SETUP ("redirect to TOTP setup"), or RedirectTo(prefix). Methods a
route does not declare must answer 405 (Route.other_methods).

The query budget (tests/quality/test_query_budgets.py) measures every GET entry; `grow` adds the
objects a route lists so that the budget can check that counts do not grow with data.

Owner-only objects (a resident's case, message, document…): set `owner_only="resident_a"` and
declare 404 for everyone else (except `visible_to`, e.g. the case's handlers); the matrix then
checks that nobody else learns that the object exists.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from cms.urls import MOVED as CMS_MOVED
from tests.fixtures.roles import World
from tests.paths import app_url
from tests.security.matrix import (
    LANGS,
    LOGIN,
    MFA_CONFIRM,
    MFA_SETUP,
    RedirectTo,
    Route,
    roles,
)
from tests.security.routes import cases as cases_routes
from tests.security.routes import decisions as decisions_routes
from tests.security.routes import finance as finance_routes
from tests.security.routes import indicators as indicators_routes
from tests.security.routes import maturity as maturity_routes
from tests.security.routes import participation as participation_routes
from tests.security.routes.common import (
    ADMIN_HOME,
    EVERYONE_200,
    PASSWORD_ONLY_STAFF,
    SIGNED_IN,
    STAFF_WITH_MFA,
    each_lang,
    fixed,
    lang_urls,
    moved_routes,
    pages,
    signed_in,
)

# --- Growth of listed data (query budgets) ---------------------------------------------------


def grow_news(world: World, n: int) -> None:
    from cms.models import NewsPage
    from cms.services import page_publish_child

    counter = world.objects.setdefault("grown_news", [0])
    for lang, index in world.pages.get("news_index", {}).items():
        for i in range(counter[0], counter[0] + n):
            page_publish_child(
                parent=index,
                page=NewsPage(title=f"Uutinen {i} {lang}", slug=f"grown-news-{i}", lead="Lead."),
            )
    counter[0] += n


def grow_search_results(world: World, n: int) -> None:
    from cms.models import StandardPage
    from cms.services import page_publish_child

    counter = world.objects.setdefault("grown_pages", [0])
    for _lang, home in world.pages.get("home", {}).items():
        for i in range(counter[0], counter[0] + n):
            page_publish_child(
                parent=home,
                page=StandardPage(
                    title=f"Palvelu {i}", slug=f"grown-service-{i}", intro="Palvelu kunnalle."
                ),
            )
    counter[0] += n


def grow_all_pages(world: World, n: int) -> None:
    grow_news(world, n)
    grow_search_results(world, n)


# --- The matrix ------------------------------------------------------------------------------

# Residents have no admin access: Wagtail refuses them with a redirect to the sign-in page (and a
# "no permission" message), even when signed in; the portal's TOTP gate only concerns staff.
# Staff (every staff group has `wagtailadmin.access_admin`) without a TOTP authenticator are sent
# to set one up before anything of the admin; staff with a completed two-factor sign-in get in;
# staff who have an authenticator but signed in with the password alone confirm with a code.
ADMIN_DASHBOARD = roles(
    LOGIN,
    **PASSWORD_ONLY_STAFF,
    editor=MFA_SETUP,
    handler_x=200,
    handler_y=200,
    secretary=200,
    finance_staff=200,
    digital_developer=200,
    admin=200,
)
# Pages, users and documents need more than admin access: Wagtail sends staff who lack the
# permission back to the dashboard, and only the admin gets in.
ADMIN_DENIED = roles(
    LOGIN,
    **PASSWORD_ONLY_STAFF,
    editor=MFA_SETUP,
    handler_x=ADMIN_HOME,
    handler_y=ADMIN_HOME,
    secretary=ADMIN_HOME,
    finance_staff=ADMIN_HOME,
    digital_developer=ADMIN_HOME,
    admin=200,
)
ROUTES: list[Route] = [
    # --- Portal -------------------------------------------------------------------------------
    Route(
        "healthz",
        fixed("/healthz"),
        {"GET": EVERYONE_200},
        budget_exempt="a health check, with a fixed number of probes by design",
    ),
    # --- For search engines and browsers (not language-prefixed) -------------------------------
    Route("robots.txt", lambda world: [reverse("robots_txt")], {"GET": EVERYONE_200}),
    Route(
        "sitemap.xml",
        lambda world: [reverse("sitemap_index")],
        {"GET": EVERYONE_200},
        grow=decisions_routes.grow_meetings,
    ),
    Route(
        "sitemap-<slug:section>.xml",
        lambda world: [
            reverse("sitemap_section", kwargs={"section": section})
            for section in ("pages", "decisions", "agenda-items")
        ],
        {"GET": EVERYONE_200},
        grow=grow_all_pages,
    ),
    Route(
        "favicon.ico",
        lambda world: [reverse("favicon")],
        {"GET": roles(RedirectTo(settings.STATIC_URL))},
        budget_exempt="a redirect to a static file, without queries",
    ),
    # --- Open data API ------------------------------------------------------------------------
    Route("api/v1/schema/", fixed("/api/v1/schema/"), {"GET": EVERYONE_200}),
    Route("api/v1/docs/", fixed("/api/v1/docs/"), {"GET": EVERYONE_200}),
    Route(
        "api/v1/.*",
        fixed("/api/v1/nothing-here/", "/api/v1/bodies/abc/"),
        {},
        other_methods=404,
        label="api:not_found",
    ),
    Route(
        "api/",
        fixed("/api/v2/bodies/", "/api/nothing/"),
        {},
        other_methods=404,
        label="api_not_found (other versions)",
    ),
    # --- Admin (Wagtail) ----------------------------------------------------------------------
    Route(
        "admin/login/",
        fixed("/admin/login/"),
        {method: roles(LOGIN) for method in ("GET", "POST", "PUT", "PATCH", "DELETE")},
        budget_exempt="a redirect without queries of its own",
    ),
    Route(
        "admin/",
        fixed("/admin/"),
        {"GET": ADMIN_DASHBOARD},
        prefix=True,
        other_methods=None,
        label="admin/ (dashboard)",
        budget_exempt="the Wagtail admin is measured by its own project",
    ),
    Route(
        "admin/",
        fixed("/admin/pages/", "/admin/users/"),
        {"GET": ADMIN_DENIED},
        prefix=True,
        other_methods=None,
        label="admin/ (pages, users)",
        budget_exempt="the Wagtail admin is measured by its own project",
    ),
    Route(
        "admin/",
        fixed("/admin/documents/"),
        # Finance staff keep the reports' PDF documents in a collection of their own.
        {"GET": {**ADMIN_DENIED, "finance_staff": 200}},
        prefix=True,
        other_methods=None,
        label="admin/ (documents)",
        budget_exempt="the Wagtail admin is measured by its own project",
    ),
    Route(
        "admin/",
        fixed(
            "/admin/password_reset/",
            "/admin/password_reset/done/",
            "/admin/password_reset/confirm/MQ/set-password/",
            "/admin/password_reset/complete/",
        ),
        # Wagtail's own reset is off (WAGTAIL_PASSWORD_RESET_ENABLED): staff reset through
        # allauth's rate-limited form like everyone else. Staff without a second factor meet
        # its setup before any admin address.
        {method: roles(404, **PASSWORD_ONLY_STAFF, editor=MFA_SETUP) for method in ("GET", "POST")},
        prefix=True,
        other_methods=None,
        label="admin/password_reset/ (disabled)",
        budget_exempt="a 404 without queries of its own",
    ),
    # --- Documents (Wagtail) ------------------------------------------------------------------
    Route(
        "documents/",
        fixed("/documents/999999/missing.pdf"),
        {"GET": roles(404)},
        prefix=True,
        other_methods=None,
        label="documents/ (missing document)",
    ),
    Route(
        "documents/",
        fixed("/documents/authenticate_with_password/999999/"),
        {"GET": roles(404)},
        prefix=True,
        other_methods=None,
        label="documents/ (missing password restriction)",
    ),
    # --- Accounts (allauth) -------------------------------------------------------------------
    Route(
        "<lang>/accounts/",
        each_lang("/{lang}/accounts/login/"),
        {"GET": roles(200, **{role: RedirectTo("/") for role in SIGNED_IN})},
        prefix=True,
        other_methods=None,
        label="accounts: login",
    ),
    Route(
        "<lang>/accounts/",
        each_lang("/{lang}/accounts/signup/"),
        {"GET": roles(200, **{role: RedirectTo("/") for role in SIGNED_IN})},
        prefix=True,
        other_methods=None,
        label="accounts: signup",
    ),
    Route(
        "<lang>/accounts/",
        each_lang("/{lang}/accounts/password/reset/"),
        {"GET": EVERYONE_200},
        prefix=True,
        other_methods=None,
        label="accounts: password reset",
    ),
    Route(
        "<lang>/accounts/",
        each_lang("/{lang}/accounts/email/"),
        {"GET": signed_in(200)},
        prefix=True,
        other_methods=None,
        label="accounts: e-mail addresses",
    ),
    Route(
        "<lang>/accounts/",
        each_lang("/{lang}/accounts/2fa/"),
        {"GET": signed_in(200)},
        prefix=True,
        other_methods=None,
        label="accounts: two-factor index",
    ),
    Route(
        "<lang>/accounts/",
        each_lang("/{lang}/accounts/2fa/totp/activate/"),
        # One who has an authenticator confirms with it before setting up another (allauth).
        {
            "GET": signed_in(
                200,
                **{role: RedirectTo("/") for role in STAFF_WITH_MFA},
                handler_x_password=MFA_CONFIRM,
            )
        },
        prefix=True,
        other_methods=None,
        label="accounts: TOTP setup",
    ),
    # --- CMS ----------------------------------------------------------------------------------
    Route(
        "<lang>/search/",
        lambda w: [
            app_url("cms:search", lang=lang, query=query)
            for lang in LANGS
            for query in ("", "?q=palvelu")
        ],
        {"GET": EVERYONE_200},
        grow=grow_search_results,
        label="cms:search",
    ),
    Route(
        "<lang>/no-translation/<int:page_id>/",
        lang_urls("cms:no_translation", 999999),
        {"GET": roles(404)},
        label="cms:no_translation (missing page)",
    ),
    Route(
        "<lang>/_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        each_lang("/{lang}/_util/authenticate_with_password/999999/999999/"),
        {"GET": roles(404), "POST": roles(404)},
        # The missing restriction is looked up before the method: 404 for every method is right.
        other_methods=404,
        label="wagtail: page password (missing restriction)",
    ),
    Route(
        "<lang>/_util/login/",
        each_lang("/{lang}/_util/login/"),
        # Wagtail's password-only form for private pages is replaced by allauth's sign-in.
        {method: roles(LOGIN) for method in ("GET", "POST", "PUT", "PATCH", "DELETE")},
        label="wagtail: private page login",
    ),
    Route(
        r"<lang>/((?:[\w\-]+/)*)",
        pages("home"),
        {"GET": EVERYONE_200},
        label="wagtail_serve: home page",
        grow=grow_news,
    ),
    Route(
        r"<lang>/((?:[\w\-]+/)*)",
        pages("standard"),
        {"GET": EVERYONE_200},
        label="wagtail_serve: standard page",
    ),
    Route(
        r"<lang>/((?:[\w\-]+/)*)",
        pages("news_index"),
        {"GET": EVERYONE_200},
        label="wagtail_serve: news index",
        grow=grow_news,
    ),
    Route(
        r"<lang>/((?:[\w\-]+/)*)",
        pages("news"),
        {"GET": EVERYONE_200},
        label="wagtail_serve: news page",
    ),
    Route(
        r"<lang>/((?:[\w\-]+/)*)",
        each_lang("/{lang}/no-such-page/"),
        {"GET": roles(404)},
        # A page that does not exist is not found whatever the method.
        other_methods=404,
        label="wagtail_serve: missing page",
    ),
    # --- Domain apps: each declares its own routes in tests/security/routes/<app>.py ----------
    # Addresses from before the paths were translated.
    *moved_routes(CMS_MOVED),
    *cases_routes.ROUTES,
    *decisions_routes.ROUTES,
    *participation_routes.ROUTES,
    *indicators_routes.ROUTES,
    *finance_routes.ROUTES,
    *maturity_routes.ROUTES,
]
