"""The CMS admin requires two-factor authentication used at sign-in."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from .conftest import activate_totp, sign_in, user_totp_code

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
    activate_totp(client)
    # The session was signed in with the password alone, before TOTP existed.
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/2fa/reauthenticate/" in response["Location"]

    response = client.post(response["Location"], {"code": user_totp_code(editor)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


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
