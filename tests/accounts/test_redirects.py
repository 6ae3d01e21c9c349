"""Signing in and out keeps the language the resident was using."""

import pytest

from tests.accounts.conftest import sign_in
from tests.paths import app_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_sign_in__lands_on_the_home_page_of_the_same_language(client, resident, language):
    # The browser prefers English; the resident chose the language from the address.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en-US,en;q=0.9"

    response = sign_in(client, resident.email, language=language)

    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"


def test_sign_in__honours_next(client, resident):
    response = client.post(
        f"/sv/accounts/login/?next={app_url('cms:search', lang='sv')}",
        {"login": resident.email, "password": "Kuusi-kuusta-kuusessa-66"},
    )

    assert response["Location"] == app_url("cms:search", lang="sv")


def test_sign_out__lands_on_the_home_page_of_the_same_language(client, resident):
    sign_in(client, resident.email, language="sv")

    response = client.post("/sv/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/sv/"
