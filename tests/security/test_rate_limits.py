"""Rate limits that mean what they say: one client-address policy, hashed keys, and a decided
behaviour with Redis down (docs/operations.md, "Rate limits")."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from accounts.services import user_upsert_verified
from participation import ratelimit as participation_ratelimit
from participation.models import DisplayMode, Identification
from participation.services import access_codes_create
from portal import ratelimit
from tests.cases.factories import make_case
from tests.fixtures.redis_server import own_redis, point_caches_at  # noqa: F401 - a fixture
from tests.participation.factories import SurveyFactory
from tests.paths import app_url

PASSWORD = "Kuusi-kuusta-kuusessa-66"
ADDRESS = "203.0.113.77"
EMAIL = "aino.asukas@example.fi"


def _lookup(client, case, code, **extra):
    return client.post(
        app_url("cases:lookup"), {"reference": case.reference, "tracking_code": code}, **extra
    )


def _api_lookup(client, case, code, **extra):
    return client.post(
        "/api/v1/case-lookup/",
        {"reference": case.reference, "tracking_code": code},
        content_type="application/json",
        **extra,
    )


def _static_files(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# --- X-Forwarded-For from anyone but a trusted proxy changes nothing ---------------------------


@pytest.mark.django_db
def test_forwarded_for__rotating_headers_do_not_escape_the_lookup_limits(settings):
    settings.TRUSTED_PROXIES = []
    case = make_case(parties=["a@example.fi"])
    client = Client(REMOTE_ADDR=ADDRESS)

    form = [
        _lookup(client, case, f"WRONG-{i}", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code
        for i in range(11)
    ]
    api = [
        _api_lookup(client, case, "AAAA", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code
        for i in range(11)
    ]

    assert form == [404] * 10 + [429]
    assert api == [404] * 10 + [429]


@pytest.mark.django_db
def test_forwarded_for__rotating_headers_do_not_escape_the_answering_limits(settings, monkeypatch):
    settings.TRUSTED_PROXIES = []
    monkeypatch.setattr(participation_ratelimit, "ANSWER_LIMIT", 2)
    survey = SurveyFactory(display_mode=DisplayMode.ALL_AT_ONCE)
    client = Client(REMOTE_ADDR=ADDRESS)

    pages = [
        client.post(
            app_url("participation:answer", survey.pk, 1), {}, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}"
        ).status_code
        for i in range(3)
    ]
    api = [
        client.post(
            f"/api/v1/surveys/{survey.pk}/responses/",
            {"answers": {}},
            content_type="application/json",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        ).status_code
        for i in range(31)
    ]

    assert pages == [200, 200, 429]
    assert 429 not in api[:30] and api[30] == 429


@pytest.mark.django_db
def test_forwarded_for__behind_a_trusted_proxy_each_client_counts_alone(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    case = make_case(parties=["a@example.fi"])
    proxy = Client(REMOTE_ADDR="10.0.0.5")

    many_clients = [
        _lookup(proxy, case, "WRONG", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code
        for i in range(11)
    ]
    one_client = [
        _api_lookup(proxy, case, "AAAA", HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.1").status_code
        for _ in range(11)
    ]

    assert many_clients == [404] * 11
    # What the client wrote to the left of the proxy's entry is not believed.
    assert one_client[-1] == 429


# --- Keys: no address, no e-mail address in Redis -----------------------------------------------


@pytest.mark.django_db
def test_limit_keys__redis_holds_no_address_and_no_email_address(settings, own_redis):  # noqa: F811
    point_caches_at(settings, own_redis)
    _static_files(settings)
    user_upsert_verified(email=EMAIL, password=PASSWORD, language="fi")
    case = make_case(parties=[EMAIL])
    survey = SurveyFactory(identification=Identification.ACCESS_CODE)
    client = Client(REMOTE_ADDR=ADDRESS)

    _lookup(client, case, "WRONG")
    _api_lookup(client, case, "AAAA")
    client.post(app_url("participation:code", survey.pk), {"code": "AAAAA-AAAAA"})
    client.post("/fi/accounts/login/", {"login": EMAIL, "password": "arvaus-vaarin"})
    client.post("/fi/accounts/password/reset/", {"email": EMAIL})

    keys = own_redis.keys()
    assert sum(":limit:" in key for key in keys) >= 5, keys
    forbidden = (ADDRESS, EMAIL, hashlib.sha256(EMAIL.encode()).hexdigest())
    assert [key for key in keys if any(part in key for part in forbidden)] == []


# --- With Redis down: limits still count, nobody gets a 500 or is turned away -----------------


@pytest.mark.django_db
def test_redis_down__sign_in_works_and_failed_passwords_still_lock(
    settings,
    own_redis,  # noqa: F811
):
    point_caches_at(settings, own_redis)
    _static_files(settings)
    user_upsert_verified(email=EMAIL, password=PASSWORD, language="fi")
    own_redis.stop()

    owner = Client(REMOTE_ADDR="203.0.113.10")
    signed_in = owner.post("/en/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert owner.get("/en/accounts/email/").status_code == 200
    assert ratelimit.store.degraded

    attacker = Client(REMOTE_ADDR=ADDRESS)
    statuses = [
        attacker.post("/en/accounts/login/", {"login": EMAIL, "password": "x-wrong"}).status_code
        for _ in range(6)
    ]
    assert statuses[-1] == 429
    right = attacker.post("/en/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert right.status_code == 429

    reset = Client(REMOTE_ADDR="203.0.113.10").post(
        "/en/accounts/password/reset/", {"email": EMAIL}
    )
    assert reset.status_code == 302


@pytest.mark.django_db
def test_redis_down__lookups_and_answers_are_limited_in_the_process_never_500(
    settings,
    monkeypatch,
    own_redis,  # noqa: F811
):
    point_caches_at(settings, own_redis)
    monkeypatch.setattr(participation_ratelimit, "ANSWER_LIMIT", 2)
    case = make_case(parties=["a@example.fi"])
    survey = SurveyFactory(display_mode=DisplayMode.ALL_AT_ONCE)
    coded = SurveyFactory(identification=Identification.ACCESS_CODE)
    code = access_codes_create(survey=coded, count=1)[0]
    own_redis.stop()
    client = Client(REMOTE_ADDR=ADDRESS)

    form = [_lookup(client, case, f"WRONG-{i}").status_code for i in range(11)]
    api = [_api_lookup(client, case, "AAAA").status_code for _ in range(11)]
    answers = [
        client.post(app_url("participation:answer", survey.pk, 1), {}).status_code for _ in range(3)
    ]
    codes = [
        client.post(app_url("participation:code", coded.pk), {"code": "AAAAA-AAAAA"}).status_code
        for _ in range(participation_ratelimit.CODE_FAILURE_LIMIT + 1)
    ]
    right_code = Client(REMOTE_ADDR="203.0.113.10").post(
        app_url("participation:code", coded.pk), {"code": code}
    )

    assert form == [404] * 10 + [429]
    assert api == [404] * 10 + [429]
    assert answers == [200, 200, 429]
    assert codes[-1] == 429 and 500 not in codes
    assert right_code.status_code == 302


@pytest.mark.django_db
def test_redis_down__counting_returns_to_redis_when_it_is_back(
    settings,
    monkeypatch,
    own_redis,  # noqa: F811
):
    point_caches_at(settings, own_redis)
    monkeypatch.setattr(ratelimit, "RETRY_SECONDS", 0.0)
    case = make_case(parties=["a@example.fi"])
    own_redis.stop()
    client = Client(REMOTE_ADDR=ADDRESS)
    assert _lookup(client, case, "WRONG").status_code == 404
    assert ratelimit.store.degraded or ratelimit.RETRY_SECONDS == 0

    own_redis.start()
    assert _lookup(client, case, "WRONG").status_code == 404

    assert any(":limit:" in key for key in own_redis.keys())
    assert not ratelimit.store.degraded


def test_limit_store__allauth_counts_in_the_portal_store():
    from allauth.core.internal import ratelimit as allauth_ratelimit

    # accounts/apps.py: allauth reads its module's `cache` on every call.
    assert allauth_ratelimit.cache is ratelimit.store
