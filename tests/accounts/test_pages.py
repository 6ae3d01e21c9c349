"""allauth's pages in the portal's frame: one h1, header, footer, language, provider button."""

import re

import pytest

from .conftest import sign_in

ANONYMOUS_PAGES = [
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
    "accounts/password/reset/done/",
    "accounts/confirm-email/",
    "accounts/confirm-email/not-a-key/",
]
SIGNED_IN_PAGES = [
    "accounts/email/",
    "accounts/password/change/",
    "accounts/2fa/",
    "accounts/reauthenticate/",
    "accounts/logout/",
]


def _assert_portal_page(response, language):
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'class="site-header"' in html
    assert 'class="site-footer"' in html
    assert 'href="#main"' in html
    assert "portal/css/accounts.css" in html
    # Every visible input has a label.
    for input_id in re.findall(r'<input(?![^>]*type="hidden")[^>]*\sid="([^"]+)"', html):
        assert f'for="{input_id}"' in html, input_id


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_account_pages__anonymous_pages_use_the_portal_layout(client, language, path):
    _assert_portal_page(client.get(f"/{language}/{path}"), language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_account_pages__signed_in_pages_use_the_portal_layout(client, resident, language, path):
    sign_in(client, resident.email)

    _assert_portal_page(client.get(f"/{language}/{path}"), language)


@pytest.mark.django_db
def test_account_pages__manage_pages_have_account_navigation(client, resident):
    sign_in(client, resident.email)

    html = client.get("/en/accounts/2fa/").content.decode()

    assert 'aria-label="Account settings"' in html
    assert 'href="/en/accounts/2fa/" aria-current="page"' in html


@pytest.mark.django_db
def test_account_pages__totp_setup_shows_qr_code_and_secret_with_labels(client, resident):
    sign_in(client, resident.email)

    # Right after signing in, the page opens without asking for the password again.
    response = client.get("/en/accounts/2fa/totp/activate/")

    _assert_portal_page(response, "en")
    html = response.content.decode()
    secret = client.session["mfa.totp.secret"]
    assert f'value="{secret}"' in html
    assert f'alt="{secret}"' not in html
    assert 'alt="QR code for your authenticator app"' in html


@pytest.mark.django_db
def test_login__shows_the_identity_provider_button_when_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "municipality",
                    "name": "Suomi.fi",
                    "client_id": "portal",
                    "secret": "s3cret",
                    "settings": {"server_url": "https://idp.example.fi/realms/kunta"},
                }
            ],
        }
    }

    html = client.get("/en/accounts/login/").content.decode()

    assert "Sign in with Suomi.fi" in html
    assert 'href="/en/accounts/oidc/municipality/login/' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


@pytest.mark.django_db
def test_login__no_identity_provider_button_without_configuration(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}

    html = client.get("/en/accounts/login/").content.decode()

    assert "Sign in with" not in html


@pytest.mark.django_db
def test_login__wrong_password_error_is_summarised_at_the_top(client, resident):
    response = sign_in(client, resident.email, "vaara-salasana")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert html.index('class="error-summary"') < html.index('name="password"')
