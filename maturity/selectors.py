"""Reads of the digital maturity app: round figures, changes between rounds, suggestions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from maturity.models import Assessment, PhaseLevel, ProcessPhase, Round, Sector, Service
from maturity.policies import public_rounds
from maturity.scoring import RoundFigures, ServiceFigures, round_figures, savings

SUGGESTION_WINDOW_DAYS = 365


def sectors_ordered() -> list[Sector]:
    return list(Sector.objects.order_by("sort_order", "code"))


def phases_ordered() -> list[ProcessPhase]:
    return list(ProcessPhase.objects.order_by("sort_order", "code"))


def catalogue() -> list[Service]:
    """Active services of the catalogue with their sector and phases, in display order."""
    return list(
        Service.objects.filter(is_active=True)
        .select_related("sector", "case_type")
        .prefetch_related(Prefetch("phases", queryset=ProcessPhase.objects.order_by("sort_order")))
        .order_by("sector__sort_order", "sector__code", "sort_order", "code")
    )


def assessment_figures(assessment: Assessment) -> ServiceFigures:
    """The figures of one assessment (its phase levels prefetched, in phase order)."""
    levels = sorted(
        assessment.phase_levels.all(), key=lambda pl: (pl.phase.sort_order, pl.phase.code)
    )
    return ServiceFigures(
        code=assessment.service.code,
        sector=assessment.service.sector.code,
        adopted=assessment.adopted,
        levels={pl.phase.code: pl.level for pl in levels},
        electronic_share=assessment.electronic_share,
        savings=savings(
            transactions_per_year=assessment.transactions_per_year,
            minutes_saved=assessment.minutes_saved,
            cost_per_hour=assessment.cost_per_hour,
            investment=assessment.investment,
            yearly_cost=assessment.yearly_cost,
        ),
        source=assessment,
    )


def round_assessments(rounds, *, with_phases: bool = False) -> list[Assessment]:
    """The assessments of one round or several, with what their figures need, in two queries
    (three with the services' phases)."""
    ids = [r.pk for r in rounds] if isinstance(rounds, list | tuple) else [rounds.pk]
    prefetches = [Prefetch("phase_levels", queryset=PhaseLevel.objects.select_related("phase"))]
    if with_phases:
        prefetches.append(
            Prefetch("service__phases", queryset=ProcessPhase.objects.order_by("sort_order"))
        )
    return list(
        Assessment.objects.filter(round_id__in=ids)
        .select_related("service__sector")
        .prefetch_related(*prefetches)
        .order_by("service__sector__sort_order", "service__sort_order", "service__code")
    )


def figures_from(assessments: list[Assessment], sectors: list[Sector]) -> RoundFigures:
    return round_figures(
        (assessment_figures(a) for a in assessments),
        [(sector.code, sector) for sector in sectors],
    )


def figures_of(round: Round, sectors: list[Sector] | None = None) -> RoundFigures:
    """Every score and saving of a round, grouped by sector."""
    sectors = sectors if sectors is not None else sectors_ordered()
    return figures_from(round_assessments(round), sectors)


def figures_by_round(rounds: list[Round], sectors: list[Sector]) -> dict[int, RoundFigures]:
    """The figures of several rounds, with the same few queries however many rounds."""
    by_round: dict[int, list[Assessment]] = {r.pk: [] for r in rounds}
    for assessment in round_assessments(list(rounds)) if rounds else []:
        by_round[assessment.round_id].append(assessment)
    return {pk: figures_from(items, sectors) for pk, items in by_round.items()}


def latest_public_round() -> Round | None:
    return public_rounds().first()


def public_round(year: int) -> Round | None:
    return public_rounds().filter(year=year).first()


def previous_public_round(round: Round) -> Round | None:
    return public_rounds().filter(year__lt=round.year).first()


@dataclass
class SectorChange:
    """A sector's score in a round beside the previous round's."""

    sector: Sector
    score: Decimal | None
    previous: Decimal | None
    savings: object

    @property
    def change(self) -> Decimal | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


def sector_changes(figures: RoundFigures, previous: RoundFigures | None) -> list[SectorChange]:
    changes = []
    for sector in figures.sectors:
        before = previous.sector(sector.code) if previous is not None else None
        changes.append(
            SectorChange(
                sector=sector.source,
                score=sector.score,
                previous=before.score if before is not None else None,
                savings=sector.savings,
            )
        )
    return changes


@dataclass(frozen=True)
class Suggestion:
    """What the portal's own cases tell about a service, over the last year."""

    cases: int
    # Percent of the cases that arrived through the integration API from the case system.
    integration_share: int | None
    # Percent of the cases that a resident follows online (a party linked to an account).
    followed_share: int | None


def suggestion_for(service: Service, now: datetime.datetime | None = None) -> Suggestion | None:
    """Suggested values from the cases of the service's case type, or None without a mapping."""
    from cases.models import Case

    if service.case_type_id is None:
        return None
    since = (now or timezone.now()) - datetime.timedelta(days=SUGGESTION_WINDOW_DAYS)
    counts = Case.objects.filter(
        case_type_id=service.case_type_id, submitted_at__gte=since
    ).aggregate(
        total=Count("id", distinct=True),
        integration=Count("id", filter=Q(external_id__isnull=False), distinct=True),
        followed=Count("id", filter=Q(parties__user__isnull=False), distinct=True),
    )
    total = counts["total"]
    if not total:
        return Suggestion(cases=0, integration_share=None, followed_share=None)
    return Suggestion(
        cases=total,
        integration_share=round(100 * counts["integration"] / total),
        followed_share=round(100 * counts["followed"] / total),
    )


def public_rounds_list() -> list[Round]:
    return list(public_rounds())
