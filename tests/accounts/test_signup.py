"""Signing up with an e-mail address: verification, sign-in and the account language."""

import re

import pytest
from django.core import mail

from accounts.models import User

from .conftest import PASSWORD, is_signed_in, sign_in


def _sign_up(client, email, language="en"):
    return client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def _confirmation_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db
def test_signup__verification_email_link_then_sign_in(client):
    response = _sign_up(client, "uusi.asukas@example.fi")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["uusi.asukas@example.fi"]

    confirm_path = _confirmation_path(mail.outbox[0])
    assert client.get(confirm_path).status_code == 200
    assert client.post(confirm_path).status_code == 302

    response = sign_in(client, "uusi.asukas@example.fi")
    assert response.status_code == 302
    assert is_signed_in(client)


@pytest.mark.django_db
def test_signup__sign_in_before_verification_is_refused(client):
    _sign_up(client, "kiireinen@example.fi")
    mail.outbox.clear()

    response = sign_in(client, "kiireinen@example.fi")

    assert response.status_code == 302
    assert "/accounts/confirm-email/" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.content.decode().count("<h1") == 1
    assert not is_signed_in(client)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_signup__stores_the_language_of_the_page(client, language):
    _sign_up(client, f"kieli-{language}@example.fi", language=language)

    assert User.objects.get(email=f"kieli-{language}@example.fi").language == language


@pytest.mark.django_db
def test_signup__verification_email_is_in_the_signup_language(client):
    _sign_up(client, "erik@example.fi", language="sv")

    assert "/sv/accounts/confirm-email/" in _confirmation_path(mail.outbox[0])


@pytest.mark.django_db
def test_signup__form_errors_are_summarised_and_linked_to_fields(client):
    response = client.post(
        "/en/accounts/signup/", {"email": "not-an-address", "password1": "a", "password2": "b"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    summary = html.index('class="error-summary"')
    # The summary comes before the sign-up form (the header's search form is above both).
    assert summary < html.index("<form", html.index('id="main"'))
    assert 'href="#id_email"' in html
    assert re.search(r'<input[^>]*aria-describedby="[^"]*id_email_error[^"]*"[^>]*>', html) or (
        re.search(r'<input[^>]*aria-invalid="true"[^>]*name="email"', html)
    )
    assert 'id="id_email_error"' in html
    assert not User.objects.filter(email="not-an-address").exists()


@pytest.mark.django_db
def test_password_reset__email_link_sets_a_new_password(client, resident):
    response = client.post("/en/accounts/password/reset/", {"email": resident.email})
    assert response.status_code == 302
    reset_link = r"https?://[^/\s]+(/\S*/accounts/password/reset/key/\S+/)"
    match = re.search(reset_link, mail.outbox[0].body)
    assert match, mail.outbox[0].body

    form_url = client.get(match.group(1))["Location"]
    new_password = "Uusi-salasana-2026-x"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302

    assert sign_in(client, resident.email, new_password).status_code == 302
    assert is_signed_in(client)
