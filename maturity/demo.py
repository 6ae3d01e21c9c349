"""Demo digital maturity: last year's and this year's rounds of the demo town, and the open
exports of two (fictional) neighbouring towns imported for comparison."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from maturity.models import ImportedRound, Round, Service
from maturity.services import assessment_save, round_create, round_import, round_publish

DATA = Path(__file__).parent / "data"
TOWNS = ("koivuranta-2026.json", "lahdekyla-2026.json")
NEXT_STEPS = {
    "fi": "Sähköinen hakemus ja päätöksen tiedoksianto verkossa otetaan käyttöön ensi vuonna.",
    "sv": "Elektronisk ansökan och delgivning av beslutet på nätet införs nästa år.",
    "en": "An electronic application and the decision delivered online are introduced next year.",
}
NOT_IN_USE = {
    "fi": "Palvelulle ei ole vielä hankittu sähköistä järjestelmää.",
    "sv": "Något elektroniskt system har ännu inte upphandlats för tjänsten.",
    "en": "No electronic system has been procured for the service yet.",
}


def _link_case_types(stdout) -> None:
    from cases.models import CaseType

    catalogue = json.loads((DATA / "catalogue.json").read_text(encoding="utf-8"))
    for entry in catalogue["services"]:
        if not entry.get("case_type"):
            continue
        case_type = CaseType.objects.filter(code=entry["case_type"]).first()
        if case_type is not None:
            Service.objects.filter(code=entry["code"], case_type__isnull=True).update(
                case_type=case_type
            )


def _fill(round: Round, rnd: random.Random, progress: int) -> None:
    for service in Service.objects.filter(is_active=True).prefetch_related("phases"):
        phases = list(service.phases.all())
        adopted = rnd.random() < 0.7 + progress * 0.1
        levels = {
            phase.code: min(3, max(0, round_level(rnd.gauss(1.3 + progress * 0.5, 0.8))))
            for phase in phases
        }
        assessment_save(
            round=round,
            service=service,
            adopted=adopted,
            levels=levels if adopted else {},
            electronic_share=min(100, rnd.randrange(20, 80, 5) + progress * 10) if adopted else 0,
            reason={} if adopted else NOT_IN_USE,
            next_steps=NEXT_STEPS if progress and rnd.random() < 0.15 else {},
            transactions_per_year=rnd.randrange(100, 4000, 50),
            minutes_saved=Decimal(rnd.randrange(3, 25)),
            cost_per_hour=Decimal("46.00"),
            investment=Decimal(rnd.randrange(0, 25000, 1000)),
            yearly_cost=Decimal(rnd.randrange(0, 2500, 100)),
        )


def round_level(value: float) -> int:
    return int(value + 0.5)


def load(*, stdout) -> None:
    """Create the demo rounds and imports once; running again changes nothing."""
    _link_case_types(stdout)
    this_year = timezone.localdate().year
    # Repeatable demo figures, not secrets.
    rnd = random.Random(2026)  # noqa: S311  # nosec B311
    for progress, year in enumerate((this_year - 1, this_year)):
        if Round.objects.filter(year=year).exists():
            continue
        round = round_create(
            year=year,
            summary={
                "fi": "Digitaalisen kypsyyden itsearviointi, jonka digikehittämisen ryhmä teki.",
                "sv": "Självvärdering av den digitala mognaden, gjord av gruppen för digital "
                "utveckling.",
                "en": "Self-assessment of digital maturity by the digital development group.",
            },
        )
        _fill(round, rnd, progress)
        round_publish(round=round)
        stdout.write(f"  digital maturity round {year}")
    for name in TOWNS:
        content = (DATA / "towns" / name).read_bytes()
        document = json.loads(content)
        if not ImportedRound.objects.filter(
            municipality=document["municipality"]["name"]["fi"], year=document["year"]
        ).exists():
            round_import(content=content, source=document["source"])
            stdout.write(f"  imported {document['municipality']['name']['fi']}")
