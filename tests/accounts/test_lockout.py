"""Repeated wrong passwords lock the address out, on the resident and the CMS admin sign-in."""

import pytest

from .conftest import PASSWORD, is_signed_in, sign_in


def _fail_six_times(client, email, url):
    for _attempt in range(6):
        response = client.post(url, {"login": email, "password": "arvaus-vaarin"})
        assert response.status_code in (200, 429)
    return response


@pytest.mark.django_db
def test_lockout__resident_sign_in_refused_even_with_the_right_password(client, resident):
    response = _fail_six_times(client, resident.email, "/fi/accounts/login/")
    assert response.status_code == 429

    response = sign_in(client, resident.email, PASSWORD, language="fi")

    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="fi">' in html
    assert html.count("<h1") == 1
    assert 'class="site-header"' in html
    assert "/fi/accounts/password/reset/" in html
    assert not is_signed_in(client)


@pytest.mark.django_db
def test_lockout__address_is_matched_case_insensitively(client, resident):
    _fail_six_times(client, resident.email.upper(), "/en/accounts/login/")

    assert sign_in(client, resident.email).status_code == 429
    assert not is_signed_in(client)


@pytest.mark.django_db
def test_lockout__other_addresses_can_still_sign_in(client, resident, editor):
    _fail_six_times(client, resident.email, "/en/accounts/login/")

    assert sign_in(client, editor.email).status_code == 302
    assert is_signed_in(client)


@pytest.mark.django_db
def test_lockout__admin_sign_in_goes_through_the_same_limits(client, editor):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    login_url = response["Location"]
    assert "/accounts/login/" in login_url
    assert client.get(login_url).status_code == 200

    response = _fail_six_times(client, editor.email, login_url)
    assert response.status_code == 429

    response = client.post(login_url, {"login": editor.email, "password": PASSWORD})

    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302
    assert not is_signed_in(client)
