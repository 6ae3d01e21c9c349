"""Request bodies over their route's limit are refused with 413 before anything reads them."""

from __future__ import annotations

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cases import services
from tests import files
from tests.cases.factories import make_case
from tests.paths import app_url

MB = 1024 * 1024


class Untouchable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body of an oversized request was read")

    readline = readinto = read


@pytest.fixture
def resident(db):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username="aino@example.fi", email="aino@example.fi", password="x"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def answer_url(resident):
    case = make_case(parties=[resident.email])
    request_event, _ = services.case_record_event(
        case=case, kind="info_request", actor_name="t", note={"fi": "Liite?"}
    )
    return lambda lang="fi": app_url(
        "cases:info_request_answer", case.pk, request_event.pk, lang=lang
    )


def _declared(client, path, size):
    return client.post(
        path,
        content_type="multipart/form-data; boundary=x",
        **{"CONTENT_LENGTH": str(size), "wsgi.input": Untouchable()},
    )


def test_an_anonymous_300_mb_post_is_refused_unread(answer_url):
    response = _declared(Client(enforce_csrf_checks=True), answer_url(), 300 * MB)
    assert response.status_code == 413
    assert "enintään 2 Mt" in response.content.decode()


def test_the_refusal_sets_no_hop_by_hop_header_which_a_wsgi_server_would_reject(answer_url):
    # wsgiref, which `make run` serves with, answers 500 to an application that sets one.
    from wsgiref.util import is_hop_by_hop, setup_testing_defaults

    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": answer_url(),
        "CONTENT_TYPE": "multipart/form-data; boundary=x",
        "CONTENT_LENGTH": str(300 * MB),
        "wsgi.input": Untouchable(),
        "HTTP_HOST": "testserver",
    }
    setup_testing_defaults(environ)
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered["status"] = status
        answered["hop_by_hop"] = [name for name, _value in headers if is_hop_by_hop(name)]

    # As Django's test client does: the handler would otherwise close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        b"".join(get_wsgi_application()(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert answered["status"].startswith("413")
    assert answered["hop_by_hop"] == []


@pytest.mark.parametrize(("lang", "expected"), [("sv", "högst 51 MB"), ("en", "at most 51 MB")])
def test_a_signed_in_resident_over_the_routes_limit_is_refused_unread_in_their_language(
    resident, answer_url, lang, expected
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    response = _declared(client, answer_url(lang), 52 * MB)
    assert response.status_code == 413
    assert expected in response.content.decode()


def test_every_other_route_keeps_the_small_limit_even_signed_in(resident):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    response = _declared(client, app_url("cases:lookup"), 3 * MB)
    assert response.status_code == 413


def test_the_api_answers_413_as_json():
    response = Client().post(
        "/api/v1/case-lookup/",
        content_type="application/json",
        **{"CONTENT_LENGTH": str(10 * MB), "wsgi.input": Untouchable()},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


def test_a_file_over_the_small_limit_reaches_a_signed_in_residents_upload_route(
    resident, answer_url
):
    # 3 MB: over REQUEST_MAX_BYTES, within the answer route's limit for a signed-in resident.
    noise = random.Random(12).randbytes(3 * MB)
    padded = files.ooxml("docx", extra={"word/media/kuva.bin": noise})
    assert len(padded) > 3 * MB
    client = Client()
    client.force_login(resident)
    upload = SimpleUploadedFile("liite.docx", padded, "application/octet-stream")
    response = client.post(answer_url(), {"text": "Liite.", "documents": upload})
    assert response.status_code == 302

    anonymous = Client()
    upload.seek(0)
    response = anonymous.post(answer_url(), {"text": "Liite.", "documents": upload})
    assert response.status_code == 413
