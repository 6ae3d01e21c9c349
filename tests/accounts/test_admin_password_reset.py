"""Wagtail's own password reset is off: it mails nobody; staff reset through allauth's form."""

import pytest
from django.core import mail
from django.test import Client

from .conftest import PASSWORD


@pytest.mark.django_db
@pytest.mark.parametrize("account", ["resident", "editor"])
def test_admin_password_reset__is_gone_and_mails_nobody(request, account):
    user = request.getfixturevalue(account)
    client = Client()

    assert client.get("/admin/password_reset/").status_code == 404
    response = client.post("/admin/password_reset/", {"email": user.email})

    assert response.status_code == 404
    assert mail.outbox == []


@pytest.mark.django_db
def test_admin_password_reset__staff_reset_through_the_limited_form(editor, settings):
    client = Client()
    statuses = [
        client.post("/en/accounts/password/reset/", {"email": editor.email}).status_code
        for _ in range(6)
    ]
    # ACCOUNT_RATE_LIMITS["reset_password"]: five per hour per e-mail address.
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
    assert len(mail.outbox) == 5
    assert all(message.to == [editor.email] for message in mail.outbox)
    assert PASSWORD not in mail.outbox[0].body
