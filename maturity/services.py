"""Every write of the digital maturity app: catalogue, rounds, assessments, imports."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maturity.models import (
    Assessment,
    Correction,
    ImportedRound,
    Level,
    PhaseLevel,
    ProcessPhase,
    Round,
    RoundStatus,
    Sector,
    Service,
)

TEXT_LANGUAGES = ("fi", "sv", "en")


class RoundPublished(ValidationError):
    """A published round changes only with a correction note, which the public page shows."""


def _texts(prefix: str, texts: dict[str, str] | None) -> dict[str, str]:
    texts = texts or {}
    return {f"{prefix}_{code}": (texts.get(code) or "").strip() for code in TEXT_LANGUAGES}


@transaction.atomic
def sector_create(*, code: str, name: dict[str, str], sort_order: int = 0) -> Sector:
    """Add a sector to the catalogue."""
    sector = Sector(code=code, sort_order=sort_order, **_texts("name", name))
    sector.full_clean()
    sector.save()
    return sector


@transaction.atomic
def service_create(
    *,
    sector: Sector,
    code: str,
    name: dict[str, str],
    phases: list[ProcessPhase],
    description: dict[str, str] | None = None,
    case_type=None,
    sort_order: int = 0,
) -> Service:
    """Add a service to the catalogue with the process phases it goes through."""
    service = Service(
        sector=sector,
        code=code,
        case_type=case_type,
        sort_order=sort_order,
        **_texts("name", name),
        **_texts("description", description),
    )
    service.full_clean()
    service.save()
    service.phases.set(phases)
    return service


@transaction.atomic
def round_create(*, year: int, summary: dict[str, str] | None = None) -> Round:
    """Open a new assessment round as a draft."""
    round_ = Round(year=year, **_texts("summary", summary))
    round_.full_clean()
    round_.save()
    return round_


@transaction.atomic
def round_save_from_admin(*, form) -> Round:
    """Save the round form of the staff screens; a published round's texts stay as published."""
    round_ = form.instance
    if round_.pk and Round.objects.filter(pk=round_.pk, status=RoundStatus.PUBLISHED).exists():
        raise RoundPublished(_("A published round cannot be edited."))
    return form.save()


@transaction.atomic
def assessment_save(
    *,
    round: Round,
    service: Service,
    adopted: bool,
    levels: dict[str, int],
    electronic_share: int,
    reason: dict[str, str] | None = None,
    next_steps: dict[str, str] | None = None,
    transactions_per_year: int = 0,
    minutes_saved: Decimal = Decimal(0),
    cost_per_hour: Decimal = Decimal(0),
    investment: Decimal = Decimal(0),
    yearly_cost: Decimal = Decimal(0),
    actor=None,
    correction_note: str = "",
) -> Assessment:
    """Record a service's assessment in a round, replacing the previous one of the same round.

    In a published round this is a correction: it needs a note, which is kept with the round
    and shown on its public page.
    """
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.is_published and not correction_note.strip():
        raise RoundPublished(
            {"correction_note": _("The round is published: say what you correct and why.")}
        )
    phases = list(service.phases.all())
    codes = {phase.code for phase in phases}
    unknown = set(levels) - codes
    if unknown:
        raise ValidationError(_("The service has no phase %(phase)s.") % {"phase": min(unknown)})
    if adopted:
        missing = codes - set(levels)
        if missing:
            raise ValidationError(
                _("Give the level of the phase %(phase)s.") % {"phase": min(missing)}
            )
    valid_levels = set(Level.values)
    if any(level not in valid_levels for level in levels.values()):
        raise ValidationError(_("A phase has an unknown level."))
    assessment = Assessment.objects.filter(round=round, service=service).first() or Assessment(
        round=round, service=service
    )
    assessment.adopted = adopted
    assessment.electronic_share = electronic_share if adopted else 0
    assessment.transactions_per_year = transactions_per_year
    assessment.minutes_saved = minutes_saved
    assessment.cost_per_hour = cost_per_hour
    assessment.investment = investment
    assessment.yearly_cost = yearly_cost
    for field, value in {**_texts("reason", reason), **_texts("next_steps", next_steps)}.items():
        setattr(assessment, field, value)
    assessment.full_clean(exclude=["round", "service"])
    assessment.save()
    assessment.phase_levels.all().delete()
    if adopted:
        PhaseLevel.objects.bulk_create(
            PhaseLevel(assessment=assessment, phase=phase, level=levels[phase.code])
            for phase in phases
        )
    if round.is_published:
        Correction.objects.create(
            round=round, service=service, note=correction_note.strip(), actor=actor
        )
        Round.objects.filter(pk=round.pk).update(modified=timezone.now())
    return assessment


@transaction.atomic
def round_publish(*, round: Round) -> Round:
    """Publish a draft round: its scores become public and it changes only by corrections."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.is_published:
        return round
    if not round.assessments.exists():
        raise ValidationError(_("Assess at least one service before publishing."))
    round.status = RoundStatus.PUBLISHED
    round.published_at = timezone.now()
    round.save(update_fields=["status", "published_at", "modified"])
    return round


@transaction.atomic
def round_import(*, content: bytes, source: str, actor=None) -> ImportedRound:
    """Import another municipality's exported round; nothing is stored unless all of it is valid.

    The same municipality's same year imported again replaces the earlier import.
    """
    from maturity.exchange import parse_document

    document = parse_document(content)
    municipality = document["municipality"]["name"]
    name = municipality.get("fi") or municipality.get("sv") or municipality.get("en")
    ImportedRound.objects.filter(municipality=name, year=document["year"]).delete()
    imported = ImportedRound(
        municipality=name,
        municipality_code=document["municipality"].get("code", ""),
        year=document["year"],
        published_at=document["published_at"],
        source=source[:500],
        document=document,
        checksum=hashlib.sha256(content).hexdigest(),
        imported_by=actor,
    )
    try:
        imported.full_clean(exclude=["imported_by"])
    except ValidationError as exc:
        # Name the document's field, not the model's, and never a form field that is not there.
        field, errors = next(iter(exc.message_dict.items()))
        raise ValidationError(
            _("The field %(field)s is not valid: %(error)s")
            % {"field": field, "error": " ".join(errors)}
        ) from None
    imported.save()
    return imported
