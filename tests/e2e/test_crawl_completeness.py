"""The accessibility crawl renders every template of the portal: a new one must join the crawl.

Runs in-process with the test client (not in the browser), over the same targets as the browser
crawl, and records the templates rendered through Django's `template_rendered` test signal.
"""

from pathlib import Path

import pytest
from django.test import Client
from django.test.signals import template_rendered

from tests.e2e.conftest import DEMO_PASSWORD, _parse_accounts
from tests.e2e.crawl import (
    ANONYMOUS,
    LOGIN_FIELD,
    PASSWORD_FIELD,
    RESIDENT,
    Inventory,
    Target,
    crawl_targets,
    hreflang_link,
    site_inventory,
)
from tests.fixtures.demo import loaded_demo

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [
    REPO / app / "templates"
    for app in (
        "portal",
        "cms",
        "accounts",
        "decisions",
        "cases",
        "participation",
        "finance",
        "maturity",
        "notifications",
    )
]
# A client address of its own, so that the rate limits and lockout of this test do not count
# against the browser tests' 127.0.0.1 when they share a Redis cache.
CLIENT_ADDRESS = "192.0.2.44"

# Templates that the crawl cannot reach, and why. Keep this short: a page that residents can
# reach belongs in the crawl (tests/e2e/crawl.py), not here.
NOT_CRAWLED = {
    # Rendered only when a view crashes; tests/portal/test_error_pages.py renders it.
    "500.html": "server error page",
    # Screens of the Wagtail admin, which the crawl leaves out (see crawl.EXCLUDED_PATHS).
    "cms/admin/missing_translations_list.html": "Wagtail admin report",
    "cms/admin/missing_translations_results.html": "Wagtail admin report",
    "cms/admin/outdated_translations_list.html": "Wagtail admin report",
    "cms/admin/outdated_translations_results.html": "Wagtail admin report",
    "wagtailadmin/shared/side_panels/includes/status/locale.html": (
        "Wagtail admin: a page's status panel (tests/cms/test_translation_sync.py)"
    ),
    # Shown right after setting up an authenticator app, which no crawled account has done;
    # tests/e2e/test_staff_first_sign_in.py goes through it in the browser.
    "mfa/recovery_codes/index.html": "recovery codes after setting up two-factor authentication",
    "cases/admin/case_work.html": "Wagtail admin: a handler's case (tests/cases/test_admin.py)",
    "cases/admin/integration_token.html": "Wagtail admin: a new integration token",
    # Shown only with an identity provider (OIDC_SERVER_URL), which the demo does not configure.
    "socialaccount/login_redirect.html": "identity provider sign-in",
    "allauth/elements/provider.html": "identity provider sign-in",
    "allauth/elements/provider_list.html": "identity provider sign-in",
    # allauth uses its table only for WebAuthn keys and user sessions; the portal enables neither
    # (MFA_SUPPORTED_TYPES has no "webauthn", allauth.usersessions is not installed).
    "allauth/elements/table.html": "WebAuthn keys and user sessions",
    "allauth/elements/th.html": "WebAuthn keys and user sessions",
    "allauth/elements/td.html": "WebAuthn keys and user sessions",
    # Only in "you are already signed in", which allauth shows instead of redirecting when
    # ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS is off; the portal keeps the default redirect.
    "allauth/elements/alert.html": "already signed in notice",
    # allauth groups buttons only for passkeys, sign-in codes and WebAuthn (not enabled) and for
    # the "other ways to confirm" of a resident who already has two-factor authentication on,
    # which no demo account has.
    "allauth/elements/button_group.html": "alternative sign-in and confirmation methods",
    # The demo pages have no images yet; tests/cms/test_blocks.py renders the block. When the
    # demo gets an image, remove this line so that the crawl checks the block in the browser.
    "cms/blocks/image_block.html": "image block, not in the demo data",
    # Staff screens of the participation app in the Wagtail admin (excluded like the admin).
    "participation/admin/codes_form.html": "Wagtail admin: creating access codes",
    "participation/admin/code_sheet.html": "Wagtail admin: printable access-code sheet",
    "finance/admin/import.html": "Wagtail admin: importing finance figures (tests/finance)",
    "finance/admin/publish.html": "Wagtail admin: publishing a report (tests/finance)",
    # Shown only before any budget is published; the demo has one (tests/finance).
    "finance/empty.html": "finances before the first published budget",
    # Staff screens of the digital maturity app in the Wagtail admin (excluded like the admin);
    # tests/maturity renders them.
    "maturity/admin/round_services.html": "Wagtail admin: a round's services",
    "maturity/admin/assess.html": "Wagtail admin: assessing a service",
    "maturity/admin/import.html": "Wagtail admin: importing another municipality's round",
    # Shown when an address exceeds the survey rate limits; the browser tests' server runs two
    # workers with a cache each, so the crawl cannot reach it reliably.
    # tests/participation/test_pages.py renders it.
    "participation/rate_limited.html": "survey rate limit exceeded",
}


def _portal_templates() -> set[str]:
    names = set()
    for directory in TEMPLATE_DIRS:
        if directory.is_dir():
            names |= {str(path.relative_to(directory)) for path in directory.rglob("*.html")}
    return names


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The demo municipality, loaded once for this module and rolled back after it."""
    with loaded_demo(django_db_blocker, password=DEMO_PASSWORD) as output:
        yield output


def _visit(client: Client, target: Target):
    if target.follow_hreflang:
        source = client.get(target.path)
        assert source.status_code == 200, f"{target.label}: GET {target.path} answered {source}"
        href = hreflang_link(source.content.decode(), target.follow_hreflang)
        assert href, f"{target.label}: {target.path} has no link with hreflang"
        return client.get(href)
    if target.posts:
        client.get(target.path)
        for _attempt in range(target.posts):
            response = client.post(target.path, target.form_data, follow=True)
        return response
    return client.get(target.path)


@pytest.mark.django_db
def test_crawl__renders_every_template_of_the_portal(demo_output):
    resident = next(a for a in _parse_accounts(demo_output) if a.role == "resident")
    clients = {ANONYMOUS: Client(REMOTE_ADDR=CLIENT_ADDRESS)}
    clients[RESIDENT] = Client(REMOTE_ADDR=CLIENT_ADDRESS)
    signed_in = clients[RESIDENT].post(
        "/fi/accounts/login/", {LOGIN_FIELD: resident.email, PASSWORD_FIELD: resident.password}
    )
    assert signed_in.status_code == 302, "the demo resident could not sign in"

    rendered: set[str] = set()

    def _record(sender, template, context, **kwargs):
        if template.name:
            rendered.add(template.name)

    targets = crawl_targets(Inventory(**site_inventory()), resident_password=resident.password)
    wrong = []
    template_rendered.connect(_record)
    try:
        for target in targets:
            response = _visit(clients[target.role], target)
            body = response.content.decode()
            if response.status_code != target.status or target.must_contain not in body:
                wrong.append(f"{target.label}: {target.path} answered {response.status_code}")
    finally:
        template_rendered.disconnect(_record)

    assert not wrong, "crawl targets did not answer as expected:\n" + "\n".join(wrong)
    templates = _portal_templates()
    stale = sorted(set(NOT_CRAWLED) - templates)
    assert not stale, f"NOT_CRAWLED lists templates that no longer exist: {stale}"
    missed = sorted(templates - rendered - set(NOT_CRAWLED))
    assert not missed, (
        f"{len(missed)} template(s) of the portal were not rendered by the accessibility crawl "
        f"of {len(targets)} targets; add a page that uses them to tests/e2e/crawl.py (or the "
        f"demo data), or, if no visitor can reach them, to NOT_CRAWLED with the reason:\n"
        + "\n".join(missed)
    )
