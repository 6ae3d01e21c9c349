"""Errors of the API: JSON `{"code", "message", "fields"}` in the request's language."""

import base64

import pytest
from django.test import override_settings
from django.utils import translation
from rest_framework.exceptions import NotFound

BODIES = "/api/v1/bodies/"


def _assert_error_shape(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"code", "message", "fields"}
    assert data["code"] == code
    assert data["message"]
    return data


def _drf_not_found(language: str) -> str:
    with translation.override(language):
        return str(NotFound.default_detail)


def test_api_lang__unknown_language_is_a_400_with_a_code(api):
    response = api.get(BODIES, {"lang": "de"})

    data = _assert_error_shape(response, 400, "unsupported_language")
    assert "lang" in data["fields"]


def test_api_lang__nul_byte_in_language_is_a_400(api):
    response = api.get(BODIES, {"lang": "sv\x00"})

    _assert_error_shape(response, 400, "unsupported_language")


@pytest.mark.parametrize("path", [f"{BODIES}999999/", "/api/v1/no-such-resource/"])
def test_api_errors__404_is_json_in_swedish_when_asked_in_swedish(api, path):
    response = api.get(path, HTTP_ACCEPT_LANGUAGE="sv")

    data = _assert_error_shape(response, 404, "not_found")
    assert data["message"] == _drf_not_found("sv")
    assert data["message"] != _drf_not_found("en")


def test_api_errors__404_follows_the_lang_parameter(api):
    response = api.get(f"{BODIES}999999/", {"lang": "fi"}, HTTP_ACCEPT_LANGUAGE="sv")

    data = _assert_error_shape(response, 404, "not_found")
    assert data["message"] == _drf_not_found("fi")


def test_api_errors__404_is_not_redirected_to_a_language_prefix(api):
    response = api.get("/api/v1/no-such-resource/")

    assert response.status_code == 404
    assert not response.has_header("Location")


def test_api_errors__missing_slash_redirects_to_the_resource(api):
    response = api.get("/api/v1/bodies", {"lang": "sv"})

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/bodies/?lang=sv"


def test_api_errors__405_is_json(api):
    response = api.post(BODIES, {}, content_type="application/json")

    _assert_error_shape(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_api_errors__invalid_filter_is_a_400_with_the_field(api):
    response = api.get(BODIES, {"kind": "parliament", "modified_since": "yesterday"})

    data = _assert_error_shape(response, 400, "invalid")
    assert set(data["fields"]) == {"kind", "modified_since"}


def test_api_errors__date_outside_the_calendar_is_a_400_not_a_500(api):
    response = api.get(BODIES, {"modified_since": "0001-01-01T00:00:00+05:00"})

    _assert_error_shape(response, 400, "invalid")


def test_api_errors__forged_cursor_is_a_404_not_a_500(api, body_factory):
    body_factory()
    cursor = base64.b64encode(b"p=not-a-date").decode()

    response = api.get(BODIES, {"cursor": cursor})

    _assert_error_shape(response, 404, "not_found")


# Authentication, permission and rate-limit errors, on views made for this test only.


@pytest.mark.urls("tests.api.error_urls")
@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/private/", 403, "not_authenticated"),
        ("/api/v1/django-forbidden/", 403, "permission_denied"),
        ("/api/v1/django-404/", 404, "not_found"),
    ],
)
def test_api_errors__auth_and_permission_errors_are_json(api, path, status, code):
    response = api.get(path, HTTP_ACCEPT_LANGUAGE="sv")

    data = _assert_error_shape(response, status, code)
    assert data["fields"] == {}


@pytest.mark.urls("tests.api.error_urls")
@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_api_errors__429_is_json_with_retry_after(api):
    responses = [api.get("/api/v1/throttled/") for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 429]
    _assert_error_shape(responses[-1], 429, "throttled")
    assert int(responses[-1]["Retry-After"]) > 0
