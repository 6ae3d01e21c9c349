"""The scoring formula and the savings estimate, on plain figures.

The same functions score the portal's own rounds and the documents imported from other
municipalities, so that a round and its export always give the same figures. The formula is
documented in docs/maturity.md and on the public methodology page; change both together.

Score of a service, 0–100:
  - not adopted: 0;
  - adopted: the mean of (a) its process score, the mean of its phases' levels divided by the
    highest level (3) × 100, and (b) the share of its transactions done electronically (0–100).
Score of a sector: the mean of its assessed services' scores.
Score of the municipality: the mean of all assessed services' scores (each service weighs the same).
Scores are rounded to one decimal at the end only.

Savings estimate of a service, in euros a year:
  gross = transactions per year × minutes saved per transaction / 60 × cost per hour
  net   = gross − yearly cost
  payback time in years = one-off investment / net (none when net ≤ 0; 0 without investment)
Sector and municipality totals sum these; their payback time is the summed investment divided
by the summed net saving.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

MAX_LEVEL = 3
CENTS = Decimal("0.01")
TENTH = Decimal("0.1")


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def process_score(levels: Sequence[int]) -> Decimal:
    """The mean phase level as a share of the highest level, 0–100 (unrounded)."""
    if not levels:
        return Decimal(0)
    return Decimal(sum(levels)) * 100 / (Decimal(len(levels)) * MAX_LEVEL)


def service_score(*, adopted: bool, levels: Sequence[int], electronic_share: int) -> Decimal:
    """A service's score 0–100, unrounded: 0 when not adopted."""
    if not adopted:
        return Decimal(0)
    return (process_score(levels) + Decimal(electronic_share)) / 2


def mean(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


@dataclass(frozen=True)
class Savings:
    """The savings estimate of one service, or a total of several."""

    transactions: int
    gross: Decimal
    yearly_cost: Decimal
    investment: Decimal

    @property
    def net(self) -> Decimal:
        return self.gross - self.yearly_cost

    @property
    def payback_years(self) -> Decimal | None:
        """Years until the net saving has paid the investment back; None if it never does."""
        if self.investment == 0:
            return Decimal(0)
        if self.net <= 0:
            return None
        return (self.investment / self.net).quantize(TENTH, rounding=ROUND_HALF_UP)

    @property
    def is_empty(self) -> bool:
        return self.transactions == 0 and self.investment == 0 and self.yearly_cost == 0

    def __add__(self, other: Savings) -> Savings:
        return Savings(
            transactions=self.transactions + other.transactions,
            gross=self.gross + other.gross,
            yearly_cost=self.yearly_cost + other.yearly_cost,
            investment=self.investment + other.investment,
        )


NO_SAVINGS = Savings(
    transactions=0, gross=Decimal(0), yearly_cost=Decimal(0), investment=Decimal(0)
)


def savings(
    *,
    transactions_per_year: int,
    minutes_saved: Decimal,
    cost_per_hour: Decimal,
    investment: Decimal,
    yearly_cost: Decimal,
) -> Savings:
    """The savings estimate of one service, the gross saving rounded to cents."""
    gross = (
        Decimal(transactions_per_year) * Decimal(minutes_saved) / 60 * Decimal(cost_per_hour)
    ).quantize(CENTS, rounding=ROUND_HALF_UP)
    return Savings(
        transactions=transactions_per_year,
        gross=gross,
        yearly_cost=Decimal(yearly_cost),
        investment=Decimal(investment),
    )


@dataclass
class ServiceFigures:
    """One assessed service with its inputs and figures, for pages, API, CSV and export."""

    code: str
    sector: str
    adopted: bool
    # Phase code → level (0–3), in the service's phase order.
    levels: dict[str, int]
    electronic_share: int
    savings: Savings
    # Anything the caller wants to carry along (the Assessment, texts).
    source: object = None

    @property
    def score(self) -> Decimal:
        return _tenth(
            service_score(
                adopted=self.adopted,
                levels=list(self.levels.values()),
                electronic_share=self.electronic_share,
            )
        )

    @property
    def process(self) -> Decimal:
        return _tenth(process_score(list(self.levels.values())))


@dataclass
class SectorFigures:
    code: str
    services: list[ServiceFigures] = field(default_factory=list)
    source: object = None

    @property
    def score(self) -> Decimal | None:
        value = mean(
            service_score(
                adopted=s.adopted,
                levels=list(s.levels.values()),
                electronic_share=s.electronic_share,
            )
            for s in self.services
        )
        return None if value is None else _tenth(value)

    @property
    def savings(self) -> Savings:
        return sum((s.savings for s in self.services), NO_SAVINGS)


@dataclass
class RoundFigures:
    """Every figure of a round: per service, per sector and for the whole municipality."""

    sectors: list[SectorFigures]

    @property
    def services(self) -> list[ServiceFigures]:
        return [service for sector in self.sectors for service in sector.services]

    @property
    def score(self) -> Decimal | None:
        value = mean(
            service_score(
                adopted=s.adopted,
                levels=list(s.levels.values()),
                electronic_share=s.electronic_share,
            )
            for s in self.services
        )
        return None if value is None else _tenth(value)

    @property
    def savings(self) -> Savings:
        return sum((s.savings for s in self.services), NO_SAVINGS)

    def sector(self, code: str) -> SectorFigures | None:
        return next((sector for sector in self.sectors if sector.code == code), None)


def round_figures(services: Iterable[ServiceFigures], sector_order: Sequence) -> RoundFigures:
    """Group service figures by sector, sectors in `sector_order` (codes or (code, source))."""
    by_code: dict[str, SectorFigures] = {}
    for entry in sector_order:
        code, source = entry if isinstance(entry, tuple) else (entry, None)
        by_code[code] = SectorFigures(code=code, source=source)
    for service in services:
        by_code.setdefault(service.sector, SectorFigures(code=service.sector)).services.append(
            service
        )
    return RoundFigures(sectors=[sector for sector in by_code.values() if sector.services])
