"""Demo accounts of the demo municipality."""

import secrets
from dataclasses import dataclass

from accounts import groups
from accounts.services import user_upsert_verified


@dataclass
class DemoAccount:
    role: str
    email: str
    password: str


@dataclass(frozen=True)
class _Spec:
    role: str
    email: str
    first_name: str
    last_name: str
    language: str
    groups: tuple[str, ...] = ()
    is_staff: bool = False
    is_superuser: bool = False


SPECS = (
    _Spec("resident", "aino.asukas@example.fi", "Aino", "Asukas", "fi"),
    _Spec("resident (Swedish)", "erik.invanare@example.fi", "Erik", "Invånare", "sv"),
    _Spec(
        "case handler",
        "kaisa.kasittelija@example.fi",
        "Kaisa",
        "Käsittelijä",
        "fi",
        groups=(groups.CASE_HANDLERS,),
        is_staff=True,
    ),
    _Spec(
        "case handler (education)",
        "sofia.handlaggare@example.fi",
        "Sofia",
        "Handläggare",
        "sv",
        groups=(groups.CASE_HANDLERS,),
        is_staff=True,
    ),
    _Spec(
        "meeting secretary",
        "sanna.sihteeri@example.fi",
        "Sanna",
        "Sihteeri",
        "fi",
        groups=(groups.MEETING_SECRETARIES,),
        is_staff=True,
    ),
    _Spec(
        "editor",
        "toni.toimittaja@example.fi",
        "Toni",
        "Toimittaja",
        "fi",
        groups=(groups.EDITORS,),
        is_staff=True,
    ),
    _Spec(
        "finance staff",
        "tuula.talous@example.fi",
        "Tuula",
        "Talous",
        "fi",
        groups=(groups.FINANCE_STAFF,),
        is_staff=True,
    ),
    _Spec(
        "admin",
        "paula.paakayttaja@example.fi",
        "Paula",
        "Pääkäyttäjä",
        "fi",
        is_staff=True,
        is_superuser=True,
    ),
)


def load(*, password: str | None) -> list[DemoAccount]:
    """Create or refresh the demo accounts and return them with their passwords."""
    accounts = []
    for spec in SPECS:
        # A fresh password on every run without DEMO_PASSWORD, so that what is printed works.
        account_password = password or secrets.token_urlsafe(12)
        user_upsert_verified(
            email=spec.email,
            password=account_password,
            language=spec.language,
            first_name=spec.first_name,
            last_name=spec.last_name,
            is_staff=spec.is_staff,
            is_superuser=spec.is_superuser,
            groups=spec.groups,
        )
        accounts.append(DemoAccount(spec.role, spec.email, account_password))
    return accounts
