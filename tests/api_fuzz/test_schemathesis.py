"""The OpenAPI schema, fuzzed: every operation answers without a server error and as documented.

Schemathesis generates valid and invalid requests from /api/v1/schema/ and sends them in-process
to the WSGI application on the test database, as an anonymous client and as a signed-in admin
(who also sees inactive bodies). A new API operation is fuzzed as soon as it is in the schema.
"""

import gzip

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.decisions.factories import BodyFactory
from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 25


class DecodingClient:
    """The WSGI application as an HTTP client sees it: schemathesis asks for gzip, as `requests`
    does, but its in-process transport hands the compressed bytes on undecoded."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = b"".join(self.application(environ, capture))
        headers = captured["headers"]
        if any(k.lower() == "content-encoding" and v == "gzip" for k, v in headers):
            body = gzip.decompress(body)
            headers = [
                (k, str(len(body)) if k.lower() == "content-length" else v)
                for k, v in headers
                if k.lower() != "content-encoding"
            ]
        start_response(captured["status"], headers)
        return [body]


# The schema as the application serves it (generating it reads no data).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", DecodingClient(WSGIHandler()))


@pytest.fixture
def bodies(db):
    """Active and inactive bodies, so that lists and details have something to show."""
    return [*BodyFactory.create_batch(3), BodyFactory(kind="council", is_active=False)]


@pytest.fixture
def admin_cookies(db):
    """The session cookie of an admin who signed in with two factors."""
    client = Client()
    sign_in(client, create_user(ROLE_SPECS["admin"]), mfa=True)
    name = django_settings.SESSION_COOKIE_NAME
    return {name: client.cookies[name].value}


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_schema__every_operation_answers_anonymous_clients_as_documented(case, bodies):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_schema__every_operation_answers_a_signed_in_admin_as_documented(
    case, bodies, admin_cookies
):
    # Staff see inactive bodies too: other objects, the same documented shapes.
    case.call_and_validate(cookies=admin_cookies, checks=CHECKS)


@pytest.mark.parametrize("lang", ["fi", "sv", "en", "all"])
def test_api_schema__stored_bodies_match_the_documented_shapes(bodies, admin_cookies, lang):
    # Generated ids rarely hit a stored body: every body's detail and the list, in every language.
    active = [body for body in bodies if body.is_active]
    listing = schema["/api/v1/bodies/"]["GET"]
    detail = schema["/api/v1/bodies/{id}/"]["GET"]
    for cookies, visible in (({}, active), (admin_cookies, bodies)):
        response = listing.Case(query={"lang": lang, "page_size": 2}).call_and_validate(
            cookies=cookies, checks=CHECKS
        )
        assert response.status_code == 200
        assert len(response.json()["results"]) == 2
        for body in visible:
            case = detail.Case(path_parameters={"id": body.pk}, query={"lang": lang})
            response = case.call_and_validate(cookies=cookies, checks=CHECKS)
            assert response.status_code == 200, (body.slug, cookies)
