"""The CMS admin requires two-factor authentication used at sign-in."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD, activate_totp, sign_in, totp_code, user_totp_code

DASHBOARD_MARKER = 'id="wagtail"'


@pytest.mark.django_db
def test_admin__staff_without_totp_is_sent_to_set_it_up(client, editor):
    sign_in(client, editor.email)

    for path in ("/admin/", "/admin/pages/", "/admin/images/"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/2fa/totp/activate/" in response["Location"]

    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert DASHBOARD_MARKER not in response.content.decode()
    assert response.redirect_chain[0][0].startswith("/fi/accounts/2fa/totp/activate/")


@pytest.mark.django_db
def test_admin__staff_with_totp_who_signed_in_fully_gets_the_admin(client, editor):
    sign_in(client, editor.email)
    activate_totp(client)
    client.post("/en/accounts/logout/")

    response = sign_in(client, editor.email)
    assert response["Location"].endswith("/2fa/authenticate/")
    client.post("/en/accounts/2fa/authenticate/", {"code": user_totp_code(editor)})

    response = client.get("/admin/")
    assert response.status_code == 200
    assert DASHBOARD_MARKER in response.content.decode()


@pytest.mark.django_db
def test_admin__session_without_the_mfa_step_must_confirm_with_a_code(client, editor):
    sign_in(client, editor.email)
    # TOTP is set up in another session; this one was signed in with the password alone.
    other = Client()
    sign_in(other, editor.email)
    activate_totp(other)

    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/2fa/reauthenticate/" in response["Location"]

    response = client.post(response["Location"], {"code": user_totp_code(editor)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


# allauth records the new authenticator after its transaction commits, as in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin__first_sign_in_is_password_totp_setup_and_recovery_codes_once_each(client, editor):
    admin_home = reverse("wagtailadmin_home")
    response = client.get(admin_home, follow=True)
    login_url = response.redirect_chain[-1][0]
    assert reverse("account_login") in login_url

    response = client.post(login_url, {"login": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == admin_home
    response = client.get(admin_home)
    assert response.status_code == 302
    activate_url = response["Location"]
    assert activate_url.startswith(reverse("mfa_activate_totp"))

    # No second password prompt: the page to set up the authenticator app opens at once.
    response = client.get(activate_url)
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")

    response = client.get(response["Location"])
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"\b\d{8}\b", html)) == 10
    continue_link = re.search(r'<a href="([^"]+)"[^>]*>\s*<span[^>]*>\s*(\w+)', html)
    assert continue_link is not None, "the recovery codes page has no button to go on"
    assert continue_link.group(1) == admin_home

    # The code typed to set up the app was the second factor: no code is asked again.
    response = client.get(continue_link.group(1))
    assert response.status_code == 200
    assert DASHBOARD_MARKER in response.content.decode()


@pytest.mark.django_db
def test_admin__staff_signing_in_without_next_lands_in_the_admin(client, editor):
    response = sign_in(client, editor.email)

    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_totp_setup__asks_for_the_password_again_when_the_sign_in_is_not_recent(
    client, editor, settings
):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    sign_in(client, editor.email)

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 302
    assert reverse("account_reauthenticate") in response["Location"]


@pytest.mark.django_db
def test_admin__session_signed_in_without_any_factor_record_is_refused(client, editor):
    TOTP.activate(editor, generate_totp_secret())
    # A session made outside allauth's sign-in (no authentication records at all).
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert "/accounts/2fa/reauthenticate/" in response["Location"]


@pytest.mark.django_db
def test_admin__setup_pages_and_sign_out_stay_reachable(client, editor):
    sign_in(client, editor.email)

    assert client.get("/fi/accounts/2fa/").status_code == 200
    response = client.get("/fi/accounts/2fa/totp/activate/", follow=True)
    assert response.status_code == 200
    assert "<form" in response.content.decode()
    response = client.post("/fi/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/fi/accounts/email/").status_code == 302


@pytest.mark.django_db
def test_admin__residents_are_not_asked_for_totp(client, resident):
    sign_in(client, resident.email)

    response = client.get("/admin/")

    assert "/2fa/" not in response.get("Location", "")
