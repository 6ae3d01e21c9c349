"""Repeated wrong passwords: locked per account and address, delayed per account, never a lock
that a stranger can put on someone else's account; the resident's and the admin's sign-in alike."""

import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client

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


# --- Nobody can lock someone else out ----------------------------------------------------------


def _from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def _fail(client, email, times, url="/en/accounts/login/"):
    statuses = [
        client.post(url, {"login": email, "password": "arvaus-vaarin"}).status_code
        for _attempt in range(times)
    ]
    assert set(statuses) <= {200, 429}
    return statuses


@pytest.mark.django_db
@pytest.mark.parametrize("account", ["resident", "editor"])
def test_lockout__wrong_passwords_from_one_address_do_not_stop_the_owner_elsewhere(
    request, account
):
    user = request.getfixturevalue(account)
    attacker, owner = _from("198.51.100.66"), _from("203.0.113.10")

    assert _fail(attacker, user.email, 6)[-1] == 429
    assert sign_in(attacker, user.email).status_code == 429

    response = sign_in(owner, user.email)
    assert response.status_code == 302
    assert is_signed_in(owner)


@pytest.mark.django_db
def test_lockout__a_forged_forwarded_for_does_not_escape_the_lock(client, resident, settings):
    settings.TRUSTED_PROXIES = []
    for attempt in range(6):
        client.post(
            "/en/accounts/login/",
            {"login": resident.email, "password": "arvaus-vaarin"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt + 1}",
        )
    response = client.post(
        "/en/accounts/login/",
        {"login": resident.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_lockout__behind_a_trusted_proxy_each_client_counts_alone(resident, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    proxy = _from("10.0.0.5")
    for _attempt in range(6):
        proxy.post(
            "/en/accounts/login/",
            {"login": resident.email, "password": "arvaus-vaarin"},
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
    locked = proxy.post(
        "/en/accounts/login/",
        {"login": resident.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.66",
    )
    assert locked.status_code == 429
    owner = proxy.post(
        "/en/accounts/login/",
        {"login": resident.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.10",
    )
    assert owner.status_code == 302
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address == "198.51.100.66"


@pytest.mark.django_db
def test_lockout__guessing_from_many_addresses_meets_a_delay_not_a_lock(resident, settings):
    free = settings.SIGN_IN_ACCOUNT_FREE_FAILURES
    with time_machine.travel("2026-12-07 10:00:00+02:00", tick=False) as clock:
        # Four failures from each of several addresses: no address is locked out, and the
        # account has been guessed at more than `free` times in all.
        for index in range(free // 4 + 1):
            _fail(_from(f"198.51.100.{index + 1}"), resident.email, 4)

        owner = _from("203.0.113.10")
        delayed = sign_in(owner, resident.email)
        page = delayed.content.decode()
        assert delayed.status_code == 200
        assert "many failed attempts to sign in to this account" in page
        assert re.search(r"Wait \d+ seconds? and try again", page)
        assert not is_signed_in(owner)

        clock.shift(settings.SIGN_IN_ACCOUNT_MAX_DELAY + 1)
        assert sign_in(owner, resident.email).status_code == 302
        assert is_signed_in(owner)


@pytest.mark.django_db
def test_lockout__the_delay_grows_and_stops_at_its_maximum(resident, settings):
    from accounts.signin import account_wait_seconds

    settings.SIGN_IN_ACCOUNT_FREE_FAILURES = 2
    settings.SIGN_IN_ACCOUNT_MAX_DELAY = 8
    with time_machine.travel("2026-12-07 10:00:00+02:00", tick=False) as clock:
        waits = []
        for index in range(6):
            clock.shift(10)
            _fail(_from(f"198.51.100.{index + 1}"), resident.email, 1)
            waits.append(account_wait_seconds(resident.email))
    assert waits == [0, 1, 2, 4, 8, 8]


@pytest.mark.django_db
def test_lockout__a_browser_the_owner_has_used_is_not_delayed(resident, settings):
    settings.SIGN_IN_ACCOUNT_FREE_FAILURES = 2
    owner = _from("203.0.113.10")
    assert sign_in(owner, resident.email).status_code == 302
    owner.post("/en/accounts/logout/")
    assert "portal_device" in owner.cookies
    with time_machine.travel("2026-12-07 10:00:00+02:00", tick=False):
        for index in range(4):
            _fail(_from(f"198.51.100.{index + 1}"), resident.email, 1)
        stranger = _from("203.0.113.11")
        assert sign_in(stranger, resident.email).status_code == 200
        assert not is_signed_in(stranger)
        assert sign_in(owner, resident.email).status_code == 302
        assert is_signed_in(owner)


@pytest.mark.django_db
def test_lockout__one_address_guessing_many_accounts_is_stopped(db, settings):
    from accounts.services import user_upsert_verified

    accounts = [
        user_upsert_verified(email=f"asukas{index}@example.fi", password=PASSWORD, language="fi")
        for index in range(6)
    ]
    sprayer = _from("198.51.100.66")
    statuses = []
    for account in accounts:
        for _attempt in range(4):
            statuses.append(
                sprayer.post(
                    "/en/accounts/login/", {"login": account.email, "password": "Salasana-2026"}
                ).status_code
            )
    # SIGN_IN_ADDRESS_RATE: 20 failures in five minutes, then every account is refused.
    assert settings.SIGN_IN_ADDRESS_RATE == "20/5m/ip"
    assert statuses[:20] == [200] * 20
    response = sign_in(sprayer, accounts[-1].email)
    assert response.status_code in (200, 429)
    assert not is_signed_in(sprayer)
    # Another address is not affected.
    assert sign_in(_from("203.0.113.10"), accounts[-1].email).status_code == 302
