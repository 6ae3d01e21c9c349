"""Only the digital development group (and administrators) assess, publish and import."""

import pytest
from django.test import Client
from django.urls import reverse

from maturity.models import Round, Service
from maturity.services import round_create
from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in


@pytest.fixture
def draft(db):
    return round_create(year=2026)


def _urls(round: Round) -> list[str]:
    service = Service.objects.order_by("pk").first()
    return [
        reverse("maturity_admin:round", args=[round.pk]),
        reverse("maturity_admin:assess", args=[round.pk, service.pk]),
        reverse("maturity_admin:import"),
        reverse("maturity_rounds:add"),
        reverse("maturity_services:add"),
    ]


@pytest.mark.django_db
def test_access__the_digital_development_group_reaches_every_screen(developer_client, draft):
    for url in _urls(draft):
        assert developer_client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["handler_x", "secretary"])
def test_access__other_staff_are_refused(role, draft):
    client = Client()
    sign_in(client, create_user(ROLE_SPECS[role]), mfa=True)
    for url in _urls(draft):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/"), url
    service = Service.objects.order_by("pk").first()
    response = client.post(
        reverse("maturity_admin:assess", args=[draft.pk, service.pk]),
        {"adopted": "on", "electronic_share": "50"},
    )
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    response = client.post(reverse("maturity_admin:publish", args=[draft.pk]))
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    draft.refresh_from_db()
    assert not draft.is_published and not draft.assessments.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "resident_a"])
def test_access__residents_are_sent_to_sign_in(role, draft):
    client = Client()
    spec = ROLE_SPECS[role]
    if spec.email:
        sign_in(client, create_user(spec), mfa=False)
    response = client.post(reverse("maturity_admin:publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.is_published


@pytest.mark.django_db
def test_access__administrators_may_assess(draft):
    client = Client()
    sign_in(client, create_user(ROLE_SPECS["admin"]), mfa=True)
    assert client.get(_urls(draft)[1]).status_code == 200
