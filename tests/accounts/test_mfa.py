"""Two-factor authentication for residents: TOTP and recovery codes."""

import pytest

from .conftest import activate_totp, is_signed_in, sign_in, user_totp_code


@pytest.fixture
def resident_with_totp(client, resident):
    sign_in(client, resident.email)
    codes = activate_totp(client)
    client.post("/en/accounts/logout/")
    assert not is_signed_in(client)
    return codes


@pytest.mark.django_db
def test_totp__sign_in_then_asks_for_the_code(client, resident, resident_with_totp):
    response = sign_in(client, resident.email)

    assert response.status_code == 302
    assert response["Location"].endswith("/en/accounts/2fa/authenticate/")
    assert not is_signed_in(client)

    code = user_totp_code(resident)
    wrong = "000000" if code != "000000" else "111111"
    response = client.post("/en/accounts/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert not is_signed_in(client)

    response = client.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert is_signed_in(client)


@pytest.mark.django_db
def test_recovery_code__signs_in_once(client, resident, resident_with_totp):
    assert len(resident_with_totp) == 10
    recovery_code = resident_with_totp[0]

    sign_in(client, resident.email)
    response = client.post("/en/accounts/2fa/authenticate/", {"code": recovery_code})
    assert response.status_code == 302
    assert is_signed_in(client)

    client.post("/en/accounts/logout/")
    sign_in(client, resident.email)
    response = client.post("/en/accounts/2fa/authenticate/", {"code": recovery_code})
    assert response.status_code == 200
    assert not is_signed_in(client)
