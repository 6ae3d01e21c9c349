"""The open JSON document of a published round: export, schema validation and reading back.

The document (format "digital-maturity-round", version 1) is described by the JSON Schema in
maturity/schema/round-v1.schema.json, served at /api/v1/maturity/schema/ and documented in
docs/maturity.md. Every other municipality running the portal exports the same document, so
rounds can be compared side by side; scores are always recomputed from the inputs with
maturity.scoring, never taken on trust.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import jsonschema
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from maturity.models import LEVEL_BY_CODE, LEVEL_CODES, Round
from maturity.scoring import RoundFigures, ServiceFigures, round_figures, savings
from portal.translation import translation_values

SCHEMA_PATH = Path(__file__).parent / "schema" / "round-v1.schema.json"
FORMAT = "digital-maturity-round"
VERSION = 1
# Bounds of what an import reads: bytes before parsing, nesting depth after.
MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 8


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _texts(instance, field: str) -> dict[str, str]:
    return {code: text for code, text in translation_values(instance, field).items() if text}


def _amount(value: Decimal) -> str:
    return format(Decimal(value).quantize(Decimal("0.01")), "f")


def export_document(round: Round, *, municipality: dict, schema_url: str, source: str) -> dict:
    """The published round as the open exchange document."""
    from maturity.selectors import figures_from, phases_ordered, round_assessments, sectors_ordered

    sectors = sectors_ordered()
    figures = figures_from(round_assessments(round, with_phases=True), sectors)
    services = []
    used_sectors = {sector.code for sector in figures.sectors}
    for sector in figures.sectors:
        for service in sector.services:
            assessment = service.source
            entry = {
                "code": service.code,
                "sector": service.sector,
                "name": _texts(assessment.service, "name"),
                "phases": [phase.code for phase in assessment.service.phases.all()],
                "adopted": service.adopted,
                "reason": _texts(assessment, "reason"),
                "next_steps": _texts(assessment, "next_steps"),
                "electronic_share": service.electronic_share,
                "levels": {code: LEVEL_CODES[level] for code, level in service.levels.items()},
                "score": float(service.score),
                "savings": {
                    "transactions_per_year": assessment.transactions_per_year,
                    "minutes_saved": _amount(assessment.minutes_saved),
                    "cost_per_hour": _amount(assessment.cost_per_hour),
                    "investment": _amount(assessment.investment),
                    "yearly_cost": _amount(assessment.yearly_cost),
                    "yearly_net_saving": _amount(service.savings.net),
                    "payback_years": _payback(service.savings.payback_years),
                },
            }
            services.append(entry)
    document = {
        "$schema": schema_url,
        "format": FORMAT,
        "version": VERSION,
        "municipality": municipality,
        "year": round.year,
        "published_at": round.published_at.isoformat(),
        "source": source,
        "phases": [{"code": p.code, "name": _texts(p, "name")} for p in phases_ordered()],
        "sectors": [
            {
                "code": sector.code,
                "name": _texts(sector, "name"),
                "score": _float(figures.sector(sector.code).score),
            }
            for sector in sectors
            if sector.code in used_sectors
        ],
        "services": services,
        "score": _float(figures.score),
    }
    return document


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _payback(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _depth(value, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max([_depth(v, level + 1) for v in value.values()] or [level + 1])
    if isinstance(value, list):
        return max([_depth(v, level + 1) for v in value] or [level + 1])
    return level


def _where(path) -> str:
    parts = [str(part) for part in path]
    return "/".join(parts) or _("the document")


def parse_document(content: bytes) -> dict:
    """Read and validate an exchange document; ValidationError names the first wrong field."""
    if len(content) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)}
        )
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValidationError(
            _("The file is not a JSON document: %(error)s") % {"error": exc}
        ) from None
    if _depth(document) > MAX_DEPTH:
        raise ValidationError(_("The document is nested too deeply."))
    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=lambda e: (list(e.path), e.message))
    if errors:
        error = errors[0]
        raise ValidationError(
            _("The field %(field)s is not valid: %(error)s")
            % {"field": _where(error.absolute_path), "error": error.message[:300]}
        )
    _check_references(document)
    return document


def _check_references(document: dict) -> None:
    """What a schema cannot say: a real time, codes that refer to the document's own phases
    and sectors."""
    try:
        published = datetime.datetime.fromisoformat(document["published_at"])
    except ValueError:
        published = None
    if published is None or published.tzinfo is None:
        raise ValidationError(
            _("The field %(field)s is not valid: %(error)s")
            % {"field": "published_at", "error": "date-time"}
        )
    phases = {phase["code"] for phase in document["phases"]}
    sectors = {sector["code"] for sector in document["sectors"]}
    seen = set()
    for index, service in enumerate(document["services"]):
        where = f"services/{index}"
        if service["code"] in seen:
            raise ValidationError(
                _("The field %(field)s repeats the service %(code)s.")
                % {"field": f"{where}/code", "code": service["code"]}
            )
        seen.add(service["code"])
        if service["sector"] not in sectors:
            raise ValidationError(
                _("The field %(field)s names a sector that the document does not list.")
                % {"field": f"{where}/sector"}
            )
        for phase in [*service["phases"], *service["levels"]]:
            if phase not in phases or phase not in service["phases"]:
                raise ValidationError(
                    _("The field %(field)s names a phase that the document does not list.")
                    % {"field": f"{where}/levels/{phase}"}
                )
        if service["adopted"] and set(service["levels"]) != set(service["phases"]):
            raise ValidationError(
                _("The field %(field)s lacks the level of a phase.") % {"field": f"{where}/levels"}
            )


def document_figures(document: dict) -> RoundFigures:
    """The figures of an imported document, computed with the portal's own formula."""
    phase_order = [phase["code"] for phase in document["phases"]]
    services = []
    for entry in document["services"]:
        levels = {
            code: LEVEL_BY_CODE[entry["levels"][code]]
            for code in sorted(entry["levels"], key=phase_order.index)
        }
        money = entry["savings"]
        services.append(
            ServiceFigures(
                code=entry["code"],
                sector=entry["sector"],
                adopted=entry["adopted"],
                levels=levels if entry["adopted"] else {},
                electronic_share=entry["electronic_share"] if entry["adopted"] else 0,
                savings=savings(
                    transactions_per_year=money["transactions_per_year"],
                    minutes_saved=Decimal(money["minutes_saved"]),
                    cost_per_hour=Decimal(money["cost_per_hour"]),
                    investment=Decimal(money["investment"]),
                    yearly_cost=Decimal(money["yearly_cost"]),
                ),
                source=entry,
            )
        )
    return round_figures(services, [(s["code"], s) for s in document["sectors"]])


def published_on(document: dict) -> datetime.datetime:
    return datetime.datetime.fromisoformat(document["published_at"])
