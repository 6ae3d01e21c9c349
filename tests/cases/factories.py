"""Factories of the cases app; they write through its services like the portal does."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from cases import services
from cases.models import Status

_counter = itertools.count(1)

PHASES = [
    services.PhaseSpec(
        "received",
        {"fi": "Vastaanotettu", "sv": "Mottagen", "en": "Received"},
        {
            "fi": "Hakemuksesi on saapunut. Seuraavaksi käsittelijä tarkistaa sen.",
            "sv": "Din ansökan har kommit in. Härnäst granskar handläggaren den.",
            "en": "Your application has arrived. Next a handler checks it.",
        },
        Status.RECEIVED,
    ),
    services.PhaseSpec(
        "in-review",
        {"fi": "Käsittelyssä", "sv": "Under behandling", "en": "In review"},
        {
            "fi": "Käsittelijä arvioi hakemustasi. Seuraavaksi tehdään päätös.",
            "sv": "Handläggaren bedömer din ansökan. Härnäst fattas beslut.",
            "en": "A handler reviews your application. Next comes the decision.",
        },
    ),
    services.PhaseSpec(
        "decided",
        {"fi": "Päätetty", "sv": "Beslutad", "en": "Decided"},
        {
            "fi": "Päätös on tehty. Voit hakea siihen muutosta.",
            "sv": "Beslut har fattats. Du kan söka ändring i det.",
            "en": "The decision has been made. You may appeal against it.",
        },
        Status.DECIDED,
    ),
]


def make_unit(code: str | None = None, handlers=()):
    n = next(_counter)
    code = code or f"unit-{n}"
    return services.unit_save(
        code=code,
        name={"fi": f"Yksikkö {n}", "sv": f"Enhet {n}", "en": f"Unit {n}"},
        handlers=list(handlers),
    )


def make_case_type(unit=None, code: str | None = None, **kwargs):
    n = next(_counter)
    return services.case_type_save(
        code=code or f"permit-{n}",
        unit=unit or make_unit(),
        name={"fi": f"Lupa {n}", "sv": f"Tillstånd {n}", "en": f"Permit {n}"},
        description={"fi": "Lupa kunnalta.", "sv": "Tillstånd av kommunen."},
        phases=PHASES,
        **{"legal_deadline_days": 30, "declared_days": 21, **kwargs},
    )


def make_case(case_type=None, *, parties=(), language="fi", days_ago=10, **kwargs):
    n = next(_counter)
    case_type = case_type or make_case_type()
    case, code = services.case_save(
        case_type=case_type,
        reference=kwargs.pop("reference", f"LOV/{n}/02.05.01/2026"),
        title={"fi": f"Hakemus {n}", "sv": f"Ansökan {n}"},
        language=language,
        submitted_at=timezone.now() - timedelta(days=days_ago),
        parties=[services.PartySpec(role="applicant", email=email) for email in parties],
        actor="test",
        **kwargs,
    )
    case.tracking_code = code
    return case
