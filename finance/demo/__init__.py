"""The demo town's finances: five years of the finance system's export (figures-<year>.csv,
structure.csv), imported through finance.services.finance_import like a real upload, and the
reports, forecasts, targets and amendment of texts.toml.

The files are written for BASE_YEAR (see generate.py); the loader moves every year by the
distance to the current year, so the demo always shows this year's budget with two interim
reports, the two previous years with their financial statements and the next two plan years.
"""

from __future__ import annotations

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from finance.demo.generate import BASE_YEAR, YEARS

HERE = Path(__file__).parent
LANGUAGES = ("fi", "sv", "en")


def _texts(values: list[str], **slots) -> dict[str, str]:
    return {
        code: (value or "").format(**slots) for code, value in zip(LANGUAGES, values, strict=False)
    }


def shifted_export(year: int, offset: int) -> bytes:
    """The export file of BASE_YEAR + offset with its years moved to `year`."""
    source = HERE / f"figures-{BASE_YEAR + offset}.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        _year, rest = line.split(";", 1)
        out.append(f"{year};{rest}")
    return ("\n".join(out) + "\n").encode("utf-8")


def _council_item(today: datetime.date):
    """A decided agenda item of the council this year (an interim report's item if any)."""
    from django.utils import timezone

    from decisions.models import AgendaItem

    items = AgendaItem.objects.filter(
        meeting__body__slug="kunnanvaltuusto", meeting__minutes_publish_at__lte=timezone.now()
    ).order_by("-meeting__starts_at")
    this_year = items.filter(meeting__starts_at__year=today.year)
    return (
        this_year.filter(title_fi__startswith="Osavuosikatsaus").first()
        or this_year.first()
        or items.first()
    )


def _attach_document(report) -> None:
    """The report as the PDF document a finance office publishes: its title and narrative in
    Finnish and in Swedish."""
    from django.utils import translation

    from finance import services
    from finance.views import report_title
    from portal.pdf import pdf_document

    titles = {}
    for language in ("fi", "sv"):
        with translation.override(language):
            titles[language] = report_title(report)
    paragraphs = [text for text in (report.narrative_fi, report.narrative_sv) if text]
    data = pdf_document(
        title=f"{titles['fi']} – {titles['sv']}",
        heading="Rantalan kunta – Strandby kommun",
        paragraphs=paragraphs,
        language="fi",
        author="Rantalan kunta – Strandby kommun",
    )
    services.report_document_attach(
        report=report,
        title=f"{titles['fi']} – {titles['sv']}",
        name=f"{report.kind}-{report.year.year}-{report.through_period}.pdf",
        data=data,
    )


@transaction.atomic
def load(*, stdout, today: datetime.date | None = None) -> int:
    """Import and publish the demo town's finances; keep them if the current year is there."""
    from finance import services
    from finance.models import FiscalYear, Node, Report

    today = today or datetime.date.today()  # noqa: DTZ011 - the calendar year
    current = today.year
    if FiscalYear.objects.filter(year=current, budget_published_on__isnull=False).exists():
        stdout.write("  The finances are already there.\n")
        return 0
    texts = tomllib.loads((HERE / "texts.toml").read_text(encoding="utf-8"))
    structure = (HERE / "structure.csv").read_bytes()
    for offset in sorted(YEARS):
        result = services.finance_import(
            data=shifted_export(current + offset, offset),
            name=f"demo-{current + offset}.csv",
            structure=structure,
        )
        if not result.ok:
            raise RuntimeError("; ".join(str(error) for error in result.errors))
        structure = None
        stdout.write(f"  [{current + offset}] {result.record.rows} rows imported.\n")
    for entry in texts["year"]:
        services.fiscal_year_save(
            year=current + entry["offset"],
            population=entry["population"],
            tax_rate=Decimal(entry["tax_rate"]),
            loan_stock=Decimal(entry["loan_stock"]),
        )
    years = {y.year: y for y in FiscalYear.objects.all()}
    nodes = {n.code: n for n in Node.objects.all()}
    reports: dict[tuple[int, int], Report] = {}
    for entry in texts["report"]:
        year = current + entry["offset"]
        reports[(year, entry["through"])] = services.report_save(
            year=years[year],
            kind=entry["kind"],
            through_period=entry["through"],
            narrative=_texts(entry["narrative"], year=year),
        )
    for report in reports.values():
        _attach_document(report)
    for entry in texts["forecast"]:
        services.forecast_save(
            report=reports[(current, entry["through"])],
            node=nodes[entry["node"]],
            amount=Decimal(entry["amount"]),
            explanation=_texts(entry["explanation"]),
        )
    interim = [reports[(current, 4)], reports[(current, 8)]]
    for index, entry in enumerate(texts["target"]):
        target = services.target_save(
            year=years[current],
            node=nodes[entry["node"]],
            title=_texts(entry["title"]),
            indicator=_texts(entry["indicator"]),
            target_value=_texts(entry["value"]),
            sort_order=index,
        )
        for report, (status, *explanation) in zip(interim, entry["status"], strict=True):
            services.target_status_save(
                target=target, report=report, status=status, explanation=_texts(explanation)
            )
    item = _council_item(today)
    for entry in texts["amendment"]:
        services.amendment_save(
            year=years[current],
            node=nodes[entry["node"]],
            line=entry["line"],
            amount=Decimal(entry["amount"]),
            approved_on=datetime.date(current, *entry["approved"]),
            agenda_item=item,
            description=_texts(entry["description"]),
        )
    # Published in date order, as a finance office would; reports dated after today stay drafts.
    order = sorted(
        texts["report"],
        key=lambda e: (current + e["offset"] + e["published"][0], e["published"][1:]),
    )
    for entry in order:
        year = current + entry["offset"]
        published = datetime.date(current + entry["published"][0], *entry["published"][1:])
        if published > today:
            continue
        services.report_publish(report=reports[(year, entry["through"])], published_on=published)
    stdout.write(f"  {len(reports)} reports, {len(texts['target'])} binding targets.\n")
    return len(reports)
