"""Every write of the key figures: areas, indicators, targets, imports and their alerts.

An import validates the whole input first and writes nothing unless all of it is valid; it then
writes in one transaction, never deletes a value, records each value it created or changed
(ValueChange) and queues the leadership group's alerts in the same transaction (the outbox).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators import jsonstat, pxweb
from indicators.models import (
    AREA_CODE,
    BREAKDOWN,
    PERIOD,
    Area,
    AreaKind,
    ComparisonSettings,
    ImportRun,
    Indicator,
    RunStatus,
    Selection,
    SelectionItem,
    Source,
    SourceKind,
    Target,
    Value,
    ValueChange,
    period_start,
)

CLASSIFICATION = Path(__file__).parent / "data" / "areas.csv"
PLACES = Decimal("0.0001")
# A CSV file of the municipality's own figures: at most this many bytes and rows.
CSV_MAX_BYTES = 5 * 1024 * 1024
CSV_MAX_ROWS = 100_000
CSV_COLUMNS = ("indicator", "area", "period", "breakdown", "value")
# The portal's own figures (computed from its cases, surveys and published finances).
OWN_PROCESSING_DAYS = "case-processing-days"
# Cases that a party follows in the portal with their own account. Every case arrives from the
# case management through the integration API, which does not report the channel a case was
# started through: the figure does not tell how many cases were started electronically.
OWN_FOLLOWED_SHARE = "cases-handled-electronically"
OWN_SURVEY_RESPONSES = "survey-responses"
OWN_BUDGET_REALISATION = "operating-expenses-realisation"
OWN_FIGURES = (
    OWN_PROCESSING_DAYS,
    OWN_FOLLOWED_SHARE,
    OWN_SURVEY_RESPONSES,
    OWN_BUDGET_REALISATION,
)


class ImportInvalid(Exception):
    """The input cannot be imported; `errors` say where and why, in the reader's language."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Row:
    indicator_id: int
    area_id: int
    period: str
    breakdown: str
    value: Decimal

    @property
    def key(self) -> tuple[int, int, str, str]:
        return (self.indicator_id, self.area_id, self.period, self.breakdown)


# --- Areas, indicators, targets, comparison -------------------------------------------------


@transaction.atomic
def areas_load_classification(*, path: Path = CLASSIFICATION) -> int:
    """Create or update the areas of Statistics Finland's classification from its data file."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = {area.code: area for area in Area.objects.all()}
    count = 0
    for kind in (AreaKind.COUNTRY, AreaKind.REGION, AreaKind.MUNICIPALITY):
        for row in (r for r in rows if r["kind"] == kind):
            parent = existing.get(row["parent"]) if row["parent"] else None
            area = area_upsert(
                code=row["code"],
                kind=kind,
                name_fi=row["name_fi"],
                name_sv=row["name_sv"],
                name_en=row["name_en"],
                parent=parent,
                existing=existing.get(row["code"]),
            )
            existing[area.code] = area
            count += 1
    return count


def area_upsert(
    *,
    code: str,
    kind: str,
    name_fi: str,
    name_sv: str = "",
    name_en: str = "",
    parent: Area | None = None,
    existing: Area | None = None,
) -> Area:
    """Create an area or bring its names and place in the classification up to date."""
    if AREA_CODE.fullmatch(code) is None:
        raise ValueError(f"not a Statistics Finland area code: {code!r}")
    area = existing or Area.objects.filter(code=code).first() or Area(code=code)
    fields = {
        "kind": kind,
        "name_fi": name_fi,
        "name_sv": name_sv or name_fi,
        "name_en": name_en or name_fi,
        "parent": parent,
    }
    if area.pk and all(getattr(area, name) == value for name, value in fields.items()):
        return area
    for name, value in fields.items():
        setattr(area, name, value)
    area.save()
    return area


@transaction.atomic
def indicator_upsert(*, code: str, **fields) -> Indicator:
    """Create an indicator or update its texts and settings (the code stays)."""
    indicator = Indicator.objects.filter(code=code).first() or Indicator(code=code)
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def target_set(*, indicator: Indicator, period: str, value: Decimal, decision: str = "") -> Target:
    """Set the council's target of an indicator for a period."""
    target, _created = Target.objects.update_or_create(
        indicator=indicator, period=period, defaults={"value": value, "decision": decision}
    )
    return target


@transaction.atomic
def comparison_set(*, home: Area, references: Iterable[Area]) -> ComparisonSettings:
    """Say which municipality the key figures are about and whom it is compared with."""
    comparison = ComparisonSettings.load()
    comparison.home_area = home
    comparison.save()
    comparison.reference_areas.set(list(references))
    return comparison


@transaction.atomic
def source_upsert(*, name: str, table_path: str, **fields) -> Source:
    """Create or update a statistics source, found by its table path."""
    source = Source.objects.filter(table_path=table_path).first() or Source(table_path=table_path)
    source.name = name
    for field, value in fields.items():
        setattr(source, field, value)
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def selection_create(
    *,
    name: str,
    members: Iterable,
    items: Iterable[tuple[Indicator, Decimal | None, Decimal | None]],
    alert_on_new_data: bool = True,
) -> Selection:
    """Create a leadership group's selection: indicators with their alert thresholds."""
    selection = Selection.objects.create(name=name, alert_on_new_data=alert_on_new_data)
    selection.members.set(list(members))
    for order, (indicator, above, below) in enumerate(items):
        SelectionItem.objects.create(
            selection=selection,
            indicator=indicator,
            alert_above=above,
            alert_below=below,
            sort_order=order,
        )
    return selection


# --- Import from Statistics Finland ---------------------------------------------------------


def sources_import_due() -> list[ImportRun]:
    """Import every active PxWeb source (the daily task); a failing source stops no other."""
    return [source_import(source=source) for source in Source.objects.filter(is_active=True)]


def source_import(*, source: Source, user=None, base_url: str = "") -> ImportRun:
    """Fetch a PxWeb table and import its values; a failure or refusal is recorded with why.

    `base_url` overrides the source's and the settings' address (the demo's local server).
    """
    started = timezone.now()
    try:
        fetched = pxweb.fetch_table(
            base_url=base_url or source.base_url,
            table_path=source.table_path,
            query=source.query,
        )
    except pxweb.SourceUnavailable as exc:
        return _record_unsuccessful(
            source, RunStatus.FAILED, str(exc), started, user, attempts=exc.attempts
        )
    except pxweb.SourceRefused as exc:
        return _record_unsuccessful(source, RunStatus.REFUSED, str(exc), started, user)
    checksum = hashlib.sha256(fetched.body).hexdigest()
    try:
        rows, dimensions = _rows_from_table(source, fetched.document)
    except (jsonstat.StructureError, ImportInvalid) as exc:
        return _record_unsuccessful(
            source, RunStatus.REFUSED, str(exc), started, user, checksum=checksum
        )
    return _apply(
        rows,
        kind=SourceKind.PXWEB,
        source=source,
        user=user,
        started=started,
        checksum=checksum,
        attempts=fetched.attempts,
        dimensions=dimensions,
    )


@transaction.atomic
def _record_unsuccessful(
    source: Source | None,
    status: str,
    message: str,
    started: datetime.datetime,
    user=None,
    *,
    attempts: int = 1,
    checksum: str = "",
    kind: str = SourceKind.PXWEB,
    file_name: str = "",
) -> ImportRun:
    run = ImportRun.objects.create(
        kind=kind,
        source=source,
        user=user,
        file_name=file_name,
        started_at=started,
        finished_at=timezone.now(),
        status=status,
        message=message,
        checksum=checksum,
        attempts=attempts,
    )
    if source is not None:
        Source.objects.filter(pk=source.pk).update(last_run=run)
        source.last_run = run
    return run


def _structure_changed(expected: list[str], found: list[str]) -> str:
    return _(
        "The table's structure has changed: it had the dimensions %(expected)s, now it has "
        "%(found)s. Nothing was imported. Check the table at Statistics Finland, then correct "
        "the source's query and dimensions and clear its expected dimensions."
    ) % {"expected": ", ".join(expected), "found": ", ".join(found)}


def _rows_from_table(source: Source, document: dict) -> tuple[list[Row], list[str]]:
    dataset = jsonstat.parse(document)
    ids = dataset.ids
    expected = list(source.expected_dimensions or [])
    if expected and ids != expected:
        raise ImportInvalid([_structure_changed(expected, ids)])
    required = (source.area_dimension, source.time_dimension, source.contents_dimension)
    missing = [dimension for dimension in required if dimension not in ids]
    if missing:
        raise ImportInvalid([_structure_changed(list(required), ids)])
    breakdowns = source.breakdown_dimensions or {}
    others = [dimension_id for dimension_id in ids if dimension_id not in required]
    for dimension_id in others:
        if dimension_id not in breakdowns and len(dataset.dimension(dimension_id).codes) > 1:
            raise ImportInvalid([_structure_changed(expected or list(required), ids)])
    contents = dataset.dimension(source.contents_dimension).codes
    mapping = {str(code): str(indicator) for code, indicator in source.indicators.items()}
    absent = [code for code in mapping if code not in contents]
    if absent:
        raise ImportInvalid(
            [
                _(
                    "The table's structure has changed: it no longer has the contents "
                    "%(codes)s. Nothing was imported."
                )
                % {"codes": ", ".join(absent)}
            ]
        )
    indicators = {i.code: i.pk for i in Indicator.objects.filter(code__in=mapping.values())}
    unknown = sorted(set(mapping.values()) - set(indicators))
    if unknown:
        raise ImportInvalid(
            [_("No indicator has the code %(codes)s.") % {"codes": ", ".join(unknown)}]
        )
    area_codes = dataset.dimension(source.area_dimension).codes
    areas = dict(Area.objects.filter(code__in=area_codes).values_list("code", "pk"))
    unknown_areas = [code for code in area_codes if code not in areas]
    if unknown_areas:
        raise ImportInvalid(
            [
                _("The areas %(codes)s are not in the classification of areas.")
                % {"codes": ", ".join(unknown_areas[:10])}
            ]
        )
    bad_periods = [p for p in dataset.dimension(source.time_dimension).codes if not _period_ok(p)]
    if bad_periods:
        raise ImportInvalid(
            [
                _("The periods %(periods)s are not years, quarters or months.")
                % {"periods": ", ".join(bad_periods[:10])}
            ]
        )
    rows = []
    for cell, number in dataset.cells():
        if number is None or cell[source.contents_dimension] not in mapping:
            continue
        parts = []
        for dimension_id in others:
            if dimension_id not in breakdowns:
                continue
            spec = breakdowns[dimension_id]
            code = cell[dimension_id]
            if code == str(spec.get("total", "")):
                continue
            part = (spec.get("codes") or {}).get(code)
            if part is None:
                raise ImportInvalid(
                    [
                        _("The category %(code)s of %(dimension)s has no breakdown.")
                        % {"code": code, "dimension": dimension_id}
                    ]
                )
            parts.append(f"{spec.get('name', dimension_id.lower())}:{part}")
        breakdown = ",".join(parts)
        if BREAKDOWN.fullmatch(breakdown) is None:
            raise ImportInvalid([_("A breakdown is malformed: %(value)s") % {"value": breakdown}])
        rows.append(
            Row(
                indicator_id=indicators[mapping[cell[source.contents_dimension]]],
                area_id=areas[cell[source.area_dimension]],
                period=cell[source.time_dimension],
                breakdown=breakdown,
                value=number.quantize(PLACES),
            )
        )
    return rows, ids


def _period_ok(period: str) -> bool:
    return PERIOD.fullmatch(period) is not None


@transaction.atomic
def _apply(
    rows: list[Row],
    *,
    kind: str,
    source: Source | None = None,
    user=None,
    started: datetime.datetime,
    checksum: str = "",
    attempts: int = 1,
    dimensions: list[str] | None = None,
    file_name: str = "",
) -> ImportRun:
    """Write the rows: new values created, changed ones updated, each change recorded."""
    if source is not None:
        # One import of a source at a time: a parallel one waits and then sees these values.
        Source.objects.select_for_update().filter(pk=source.pk).first()
    keys = {row.key for row in rows}
    if len(keys) != len(rows):
        raise ImportInvalid([_("The input has the same value twice.")])
    existing: dict[tuple, Value] = {}
    if rows:
        candidates = Value.objects.select_for_update().filter(
            indicator_id__in={row.indicator_id for row in rows},
            area_id__in={row.area_id for row in rows},
            period__in={row.period for row in rows},
        )
        for value in candidates:
            existing[(value.indicator_id, value.area_id, value.period, value.breakdown)] = value
    now = timezone.now()
    run = ImportRun.objects.create(
        kind=kind,
        source=source,
        user=user,
        file_name=file_name,
        started_at=started,
        finished_at=now,
        status=RunStatus.UNCHANGED,
        checksum=checksum,
        attempts=attempts,
    )
    created, changed, olds = [], [], []
    for row in rows:
        value = existing.get(row.key)
        if value is None:
            created.append(
                Value(
                    indicator_id=row.indicator_id,
                    area_id=row.area_id,
                    period=row.period,
                    period_start=period_start(row.period),
                    breakdown=row.breakdown,
                    value=row.value,
                    run=run,
                )
            )
        elif value.value != row.value:
            olds.append(value.value)
            value.value = row.value
            value.run = run
            value.modified = now
            changed.append(value)
    Value.objects.bulk_create(created, batch_size=2000)
    Value.objects.bulk_update(changed, ["value", "run", "modified"], batch_size=2000)
    ValueChange.objects.bulk_create(
        [ValueChange(run=run, value=v, old_value=None, new_value=v.value) for v in created]
        + [
            ValueChange(run=run, value=v, old_value=old, new_value=v.value)
            for v, old in zip(changed, olds, strict=True)
        ],
        batch_size=2000,
    )
    run.created_count = len(created)
    run.changed_count = len(changed)
    run.unchanged_count = len(rows) - len(created) - len(changed)
    run.status = RunStatus.CHANGED if created or changed else RunStatus.UNCHANGED
    run.finished_at = timezone.now()
    run.save()
    if source is not None:
        update = {"last_run": run}
        if dimensions and not source.expected_dimensions:
            update["expected_dimensions"] = dimensions
        Source.objects.filter(pk=source.pk).update(**update)
        for field, value in update.items():
            setattr(source, field, value)
    if created or changed:
        from indicators.alerts import alerts_queue

        alerts_queue(run=run)
    return run


# --- The municipality's own CSV files -------------------------------------------------------


def _decimal(text: str) -> Decimal | None:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 16:
        return None
    return number.quantize(PLACES)


def csv_import(*, data: bytes, file_name: str, user=None) -> ImportRun:
    """Import the municipality's own figures from a CSV file (indicator, area, period,
    breakdown, value); the whole file is checked first and nothing is written if a row is wrong.
    """
    started = timezone.now()
    checksum = hashlib.sha256(data).hexdigest()
    try:
        rows = _csv_rows(data)
    except ImportInvalid as exc:
        _record_unsuccessful(
            None,
            RunStatus.REFUSED,
            "\n".join(exc.errors),
            started,
            user,
            checksum=checksum,
            kind=SourceKind.CSV,
            file_name=file_name[:200],
        )
        raise
    return _apply(
        rows,
        kind=SourceKind.CSV,
        user=user,
        started=started,
        checksum=checksum,
        file_name=file_name[:200],
    )


def _csv_rows(data: bytes) -> list[Row]:
    if len(data) > CSV_MAX_BYTES:
        raise ImportInvalid([_("The file is larger than 5 MB.")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportInvalid([_("The file is not UTF-8 text.")]) from None
    if "\x00" in text:
        raise ImportInvalid([_("The file is not a CSV file.")])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [column.strip().lower() for column in next(reader, [])]
    if header != list(CSV_COLUMNS):
        raise ImportInvalid(
            [
                _("The first row must name the columns %(columns)s.")
                % {"columns": ", ".join(CSV_COLUMNS)}
            ]
        )
    records = []
    for number, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if number > CSV_MAX_ROWS + 1:
            raise ImportInvalid(
                [_("The file has more than %(rows)d rows.") % {"rows": CSV_MAX_ROWS}]
            )
        records.append((number, record))
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    areas = dict(Area.objects.values_list("code", "pk"))
    errors, rows, seen = [], [], set()
    for number, record in records:
        if len(record) != len(CSV_COLUMNS):
            errors.append(
                _("Row %(row)d: expected %(count)d columns.")
                % {"row": number, "count": len(CSV_COLUMNS)}
            )
            continue
        code, area, period, breakdown, raw = (cell.strip() for cell in record)
        problems = []
        if code not in indicators:
            problems.append(_("no indicator has the code %(code)s") % {"code": code[:60]})
        if area not in areas:
            problems.append(_("no area has the code %(code)s") % {"code": area[:20]})
        if not _period_ok(period):
            problems.append(_("write the period as 2024, 2024Q3 or 2024M05"))
        if BREAKDOWN.fullmatch(breakdown) is None:
            problems.append(_("write the breakdown as gender:female, or leave it empty"))
        value = _decimal(raw)
        if value is None:
            problems.append(_("the value is not a number"))
        if problems:
            errors.append(
                _("Row %(row)d: %(problems)s.") % {"row": number, "problems": "; ".join(problems)}
            )
            continue
        row = Row(indicators[code], areas[area], period, breakdown, value)
        if row.key in seen:
            errors.append(_("Row %(row)d: the same value is given twice.") % {"row": number})
            continue
        seen.add(row.key)
        rows.append(row)
        if len(errors) >= 50:
            break
    if errors:
        raise ImportInvalid(errors)
    if not rows:
        raise ImportInvalid([_("The file has no values.")])
    return rows


# --- The portal's own figures ---------------------------------------------------------------


def own_figures_compute(*, years: Iterable[int] | None = None) -> ImportRun | None:
    """Compute the portal's own figures for the home municipality from its cases, surveys and
    published finances: median processing time, share of cases followed in the portal, survey
    responses, and the realisation of the operating expenses' budget."""
    from cases.models import Case, CaseParty
    from participation.models import Response

    home = ComparisonSettings.load().home_area
    if home is None:
        return None
    indicators = dict(Indicator.objects.filter(code__in=OWN_FIGURES).values_list("code", "pk"))
    if not indicators:
        return None
    this_year = timezone.localdate().year
    years = sorted(set(years or range(this_year - 4, this_year + 1)))
    rows: list[Row] = []
    tz = timezone.get_current_timezone()
    for year in years:
        start = datetime.datetime(year, 1, 1, tzinfo=tz)
        end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
        if OWN_PROCESSING_DAYS in indicators:
            days = list(
                Case.objects.filter(
                    decided_at__gte=start, decided_at__lt=end, processing_days__isnull=False
                ).values_list("processing_days", flat=True)
            )
            if days:
                rows.append(
                    Row(
                        indicators[OWN_PROCESSING_DAYS],
                        home.pk,
                        str(year),
                        "",
                        Decimal(str(statistics.median(days))).quantize(PLACES),
                    )
                )
        if OWN_FOLLOWED_SHARE in indicators:
            submitted = Case.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
            total = submitted.count()
            if total:
                followed = (
                    CaseParty.objects.filter(case__in=submitted, user__isnull=False)
                    .values("case")
                    .distinct()
                    .count()
                )
                share = Decimal(100 * followed) / Decimal(total)
                rows.append(
                    Row(
                        indicators[OWN_FOLLOWED_SHARE],
                        home.pk,
                        str(year),
                        "",
                        share.quantize(PLACES),
                    )
                )
        if OWN_SURVEY_RESPONSES in indicators:
            responses = Response.objects.filter(submitted_on__year=year).count()
            if responses:
                rows.append(
                    Row(
                        indicators[OWN_SURVEY_RESPONSES], home.pk, str(year), "", Decimal(responses)
                    )
                )
    if OWN_BUDGET_REALISATION in indicators:
        rows += [
            Row(indicators[OWN_BUDGET_REALISATION], home.pk, period, "", value)
            for period, value in budget_realisation(years)
        ]
    return _apply(rows, kind=SourceKind.PORTAL, started=timezone.now())


def budget_realisation_compute(*, year: int) -> ImportRun | None:
    """Recompute the budget realisation of one fiscal year: finance.services calls this in the
    transaction that publishes one of its reports, so the key figure never lags the report."""
    home = ComparisonSettings.load().home_area
    indicator = Indicator.objects.filter(code=OWN_BUDGET_REALISATION).first()
    if home is None or indicator is None:
        return None
    rows = [
        Row(indicator.pk, home.pk, period, "", value)
        for period, value in budget_realisation([year])
    ]
    return _apply(rows, kind=SourceKind.PORTAL, started=timezone.now())


def budget_realisation(years: Iterable[int]) -> list[tuple[str, Decimal]]:
    """The operating expenses' realisation in every published interim report and financial
    statements of `years`: the actual from the start of the year to the end of the report's last
    month as a percentage of the whole year's amended budget, as the report published them.

    The period is the report's last month: 2025M04 for January–April, 2025M12 for the year.
    """
    from finance.accounts import Line
    from finance.models import ReportLine
    from finance.policies import reports_published

    lines = (
        ReportLine.objects.filter(
            report__in=reports_published().filter(
                year__year__in=list(years), through_period__gte=1
            ),
            node__isnull=True,
            plan_year__isnull=True,
            line=Line.OPERATING_EXPENSES,
        )
        .exclude(amended=0)
        .values_list("report__year__year", "report__through_period", "actual", "amended")
    )
    return [
        (f"{year}M{through:02d}", (100 * actual / amended).quantize(PLACES))
        for year, through, actual, amended in lines
    ]
