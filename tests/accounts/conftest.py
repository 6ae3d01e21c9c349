"""Fixtures of the account tests: users, sign-in helpers and TOTP codes."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.cache import cache

from accounts.services import user_upsert_verified

PASSWORD = "Kuusi-kuusta-kuusessa-66"


@pytest.fixture(autouse=True)
def _clean_state(settings):
    # allauth keeps its rate limits and used TOTP codes in the cache, which outlives a test.
    cache.clear()
    # Templates use {% static %}; the test run has no collected manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    yield
    cache.clear()


@pytest.fixture
def resident(db):
    return user_upsert_verified(email="aino@example.fi", password=PASSWORD, language="fi")


@pytest.fixture
def editor(db):
    return user_upsert_verified(
        email="toni@example.fi", password=PASSWORD, language="fi", is_staff=True, groups=["Editors"]
    )


def totp_code(secret: str, offset: int = 0) -> str:
    """The code an authenticator app shows now for this secret."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def user_totp_code(user) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return totp_code(decrypt(authenticator.data["secret"]))


def sign_in(client, email, password=PASSWORD, *, language="en", url=None):
    return client.post(
        url or f"/{language}/accounts/login/", {"login": email, "password": password}
    )


def activate_totp(client, language="en") -> list[str]:
    """Turn on TOTP for the signed-in user as they would, and return their recovery codes."""
    url = f"/{language}/accounts/2fa/totp/activate/"
    response = client.get(url)
    if response.status_code == 302 and "/reauthenticate/" in response["Location"]:
        # allauth asks for the password again before adding an authenticator.
        assert client.post(response["Location"], {"password": PASSWORD}).status_code == 302
        response = client.get(url)
    assert response.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(url, {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    codes_page = client.get(response["Location"]).content.decode()
    return re.findall(r"\b\d{8}\b", codes_page)


def is_signed_in(client, language="en") -> bool:
    """A signed-in user reaches their account page; others are sent to sign in."""
    return client.get(f"/{language}/accounts/email/").status_code == 200
