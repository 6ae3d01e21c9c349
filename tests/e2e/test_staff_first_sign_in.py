"""A staff member's first sign-in, in the browser: password, setting up the authenticator app
and the recovery codes, each once, then the admin."""

import re
import time
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.e2e

EMAIL = "ensikertalainen.toimittaja@example.fi"
PASSWORD = "Ensimmainen-kirjautuminen-2026"
CREATE_STAFF = f"""
from accounts.groups import EDITORS
from accounts.services import user_upsert_verified
user_upsert_verified(
    email="{EMAIL}", password="{PASSWORD}", language="fi", first_name="Eeva",
    last_name="Ensikertalainen", is_staff=True, groups=[EDITORS],
)
"""


def _totp_code(secret: str) -> str:
    """The code an authenticator app shows now for this secret (allauth's own algorithm)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_staff_first_sign_in__password_totp_setup_recovery_codes_then_the_admin(
    new_context, portal_server
):
    portal_server.manage("shell", "--no-imports", "-c", CREATE_STAFF)
    with translation.override("fi"):
        activate_path = reverse("mfa_activate_totp")
        codes_path = reverse("mfa_view_recovery_codes")
        login_path = reverse("account_login")
        continue_label = translation.gettext("Continue")
    admin_path = reverse("wagtailadmin_home")
    # A Finnish-speaking member of staff: the browser asks for Finnish.
    context = new_context(viewport={"width": 1280, "height": 800}, locale="fi-FI")
    page = context.new_page()
    visited: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and visited.append(frame.url))
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            urlsplit(request.url).hostname not in ("127.0.0.1", None)
            and not request.url.startswith("data:")
            and outside.append(request.url)
        ),
    )

    page.goto(admin_path)
    assert urlsplit(page.url).path == login_path
    page.locator('input[name="login"]').fill(EMAIL)
    page.locator('input[name="password"]').fill(PASSWORD)
    with page.expect_navigation():
        page.locator('form:has(input[name="password"]) [type="submit"]').click()

    # Straight to setting up the app: the password is not asked again.
    assert urlsplit(page.url).path == activate_path, page.locator("main").inner_text()[:500]
    assert page.locator('input[name="password"]').count() == 0
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    page.locator('input[name="code"]').fill(_totp_code(secret))
    with page.expect_navigation():
        page.locator('form:has(input[name="code"]) [type="submit"]').click()

    # The recovery codes, with a way on.
    assert urlsplit(page.url).path == codes_path
    codes = re.findall(r"\b\d{8}\b", page.locator("#recovery_codes").input_value())
    assert len(codes) == 10
    with page.expect_navigation():
        page.get_by_role("link", name=continue_label).click()

    # The admin itself: no second code, nothing twice.
    assert urlsplit(page.url).path == admin_path
    assert page.locator("#wagtail, [data-side-panel], .w-dashboard, main").count() >= 1
    assert page.locator('input[name="code"]').count() == 0
    paths = [urlsplit(url).path for url in visited]
    steps = [path for path in paths if path in (login_path, activate_path, codes_path)]
    assert steps == [login_path, activate_path, codes_path], paths
    assert not [p for p in paths if "authenticate" in p], paths
    assert outside == [], f"the browser contacted other hosts: {outside}"
