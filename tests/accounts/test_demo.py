"""The demo accounts: idempotent, verified, with passwords that work."""

import pytest
from allauth.account.models import EmailAddress

from accounts import demo
from accounts.models import User

from .conftest import is_signed_in, sign_in

ROLES = [
    "resident",
    "resident (Swedish)",
    "case handler",
    "case handler (education)",
    "meeting secretary",
    "editor",
    "finance staff",
    "admin",
]


@pytest.mark.django_db
def test_demo_load__twice_gives_the_same_accounts():
    first = demo.load(password=None)
    second = demo.load(password=None)

    assert [a.role for a in first] == ROLES
    assert [a.email for a in first] == [a.email for a in second]
    assert User.objects.count() == len(ROLES)
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == len(ROLES)
    # A fresh password on each run, and the printed one is the one that works.
    for old, new in zip(first, second, strict=True):
        assert old.password != new.password
        user = User.objects.get(email=new.email)
        assert user.check_password(new.password)
        assert not user.check_password(old.password)


@pytest.mark.django_db
def test_demo_load__uses_the_given_password(client):
    accounts = demo.load(password="Demo-salasana-2026")

    assert {a.password for a in accounts} == {"Demo-salasana-2026"}
    resident = accounts[0]
    assert sign_in(client, resident.email, "Demo-salasana-2026").status_code == 302
    assert is_signed_in(client)


@pytest.mark.django_db
def test_demo_load__roles_languages_and_groups():
    demo.load(password="Demo-salasana-2026")
    by_email = {user.email: user for user in User.objects.prefetch_related("groups")}

    assert by_email["aino.asukas@example.fi"].language == "fi"
    assert by_email["erik.invanare@example.fi"].language == "sv"
    assert not by_email["aino.asukas@example.fi"].is_staff
    assert [g.name for g in by_email["kaisa.kasittelija@example.fi"].groups.all()] == [
        "Case handlers"
    ]
    assert [g.name for g in by_email["sofia.handlaggare@example.fi"].groups.all()] == [
        "Case handlers"
    ]
    assert by_email["sofia.handlaggare@example.fi"].language == "sv"
    assert [g.name for g in by_email["sanna.sihteeri@example.fi"].groups.all()] == [
        "Meeting secretaries"
    ]
    assert [g.name for g in by_email["toni.toimittaja@example.fi"].groups.all()] == ["Editors"]
    assert [g.name for g in by_email["tuula.talous@example.fi"].groups.all()] == ["Finance staff"]
    admin = by_email["paula.paakayttaja@example.fi"]
    assert admin.is_superuser and admin.is_staff
