"""Reading and validating the finance system's export (CSV or XLSX) before anything is saved.

The export has the columns year, period, account, cost_centre, budget and actual (one row per
cost centre, account and period); a structure table maps cost centres to the budget's tree
(cost_centre, parent, level, name_fi, name_sv, name_en, binding, total_cost). In an XLSX file
they are the sheets "figures" and "structure"; as CSV they are two files, the structure optional
when the tree is already known. Every problem is collected with its row and column, so that the
whole file can be corrected at once; finance.services.finance_import saves nothing unless there
are none.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from finance.accounts import line_of
from finance.models import PERIODS, Level

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 300_000
# An XLSX file is a ZIP: bound what it unpacks to, not only what was uploaded.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_CELL = 400
MAX_AMOUNT = Decimal("99999999999999")

FIGURE_COLUMNS = ("year", "period", "account", "cost_centre", "budget", "actual")
STRUCTURE_COLUMNS = ("cost_centre", "parent", "level", "name_fi", "name_sv", "name_en")
STRUCTURE_OPTIONAL = ("binding", "total_cost")
# Finnish and Swedish headers of the finance systems' exports mean the same columns.
HEADER_ALIASES = {
    "vuosi": "year",
    "år": "year",
    "kausi": "period",
    "jakso": "period",
    "period": "period",
    "tili": "account",
    "konto": "account",
    "kustannuspaikka": "cost_centre",
    "kostnadsställe": "cost_centre",
    "cost centre": "cost_centre",
    "talousarvio": "budget",
    "budget": "budget",
    "toteutuma": "actual",
    "utfall": "actual",
}
PERIOD_FORMAT = re.compile(r"(\d{4})-(\d{1,2})")
TRUE_WORDS = {"1", "x", "true", "yes", "kyllä", "k", "ja", "j"}


@dataclass(frozen=True)
class RowError:
    """A problem of one cell: `row` is the row number in the file (the header is row 1)."""

    sheet: str
    row: int
    column: str
    message: object  # a lazy translation, rendered in the reader's language

    def __str__(self) -> str:
        return str(
            _("%(sheet)s, row %(row)d, column “%(column)s”: %(message)s")
            % {
                "sheet": self.sheet,
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        )


class Problem:
    """A lazily translated message with its parameters, formatted when shown."""

    def __init__(self, text, **params):
        self.text = text
        self.params = params

    def __str__(self) -> str:
        return str(self.text) % self.params if self.params else str(self.text)


@dataclass
class FigureRow:
    row: int
    year: int
    period: int
    account: str
    line: str
    cost_centre: str
    budget: Decimal
    actual: Decimal


@dataclass
class StructureRow:
    row: int
    code: str
    parent: str
    level: str
    names: dict[str, str]
    is_binding: bool
    total_cost: Decimal | None


@dataclass
class ParsedExport:
    figures: list[FigureRow] = field(default_factory=list)
    structure: list[StructureRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    checksum: str = ""

    @property
    def budget_total(self) -> Decimal:
        return sum((row.budget for row in self.figures), Decimal(0))

    @property
    def actual_total(self) -> Decimal:
        return sum((row.actual for row in self.figures), Decimal(0))


class FileRejected(ValueError):
    """The file as a whole cannot be read (size, type, encoding)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _sniff_kind(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if b"\x00" in data[:4096]:
        raise FileRejected(_("The file is neither CSV nor XLSX."))
    return "csv"


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise FileRejected(_("The file is not in UTF-8 or Windows-1252 encoding.")) from exc
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = []
    for row in reader:
        rows.append(row)
        if len(rows) > MAX_ROWS + 1:
            raise FileRejected(_("The file has too many rows."))
    return rows


def _xlsx_sheets(data: bytes) -> dict[str, list[list]]:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise FileRejected(_("The file is too large."))
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except FileRejected:
        raise
    except Exception as exc:
        raise FileRejected(_("The file is neither CSV nor XLSX.")) from exc
    sheets = {}
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                raise FileRejected(_("The file has too many rows."))
        sheets[sheet.title.strip().lower()] = rows
    book.close()
    return sheets


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m")
    return str(value).strip()[:MAX_CELL]


def _header(row: list) -> list[str]:
    names = []
    for cell in row:
        name = _cell_text(cell).lower().replace("-", "_")
        names.append(HEADER_ALIASES.get(name, name.replace(" ", "_")))
    return names


def _amount(text: str) -> Decimal | None:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if abs(value) > MAX_AMOUNT:
        return None
    return value.quantize(Decimal("0.01"))


def _table(rows, sheet: str, required, errors: list[RowError]):
    """Rows as dictionaries keyed by column name, with the file's row numbers."""
    rows = list(rows)
    if not rows:
        errors.append(RowError(sheet, 1, required[0], _("The table is empty.")))
        return []
    header = _header(rows[0])
    missing = [name for name in required if name not in header]
    for name in missing:
        errors.append(RowError(sheet, 1, name, _("The column is missing.")))
    if missing:
        return []
    out = []
    for number, row in enumerate(rows[1:], start=2):
        values = {name: _cell_text(row[i]) if i < len(row) else "" for i, name in enumerate(header)}
        if not any(values.values()):
            continue
        out.append((number, values))
    return out


def _parse_structure(rows, errors: list[RowError]) -> list[StructureRow]:
    sheet = _("structure")
    out = []
    seen: dict[str, int] = {}
    levels = {choice.value for choice in Level}
    for number, values in _table(rows, sheet, STRUCTURE_COLUMNS, errors):
        code = values["cost_centre"]
        if not code:
            errors.append(RowError(sheet, number, "cost_centre", _("The value is missing.")))
            continue
        if code in seen:
            errors.append(
                RowError(
                    sheet,
                    number,
                    "cost_centre",
                    Problem(_("The same cost centre is already on row %(row)d."), row=seen[code]),
                )
            )
            continue
        seen[code] = number
        level = values["level"].lower()
        if level not in levels:
            errors.append(
                RowError(
                    sheet,
                    number,
                    "level",
                    Problem(
                        _("Unknown level “%(value)s”: use sector, area, unit or project."),
                        value=values["level"],
                    ),
                )
            )
            continue
        if not values["name_fi"]:
            errors.append(RowError(sheet, number, "name_fi", _("The value is missing.")))
            continue
        total_cost = None
        if values.get("total_cost"):
            total_cost = _amount(values["total_cost"])
            if total_cost is None:
                errors.append(RowError(sheet, number, "total_cost", _("This is not a number.")))
                continue
        out.append(
            StructureRow(
                row=number,
                code=code,
                parent=values["parent"],
                level=level,
                names={lang: values.get(f"name_{lang}", "") for lang in ("fi", "sv", "en")},
                is_binding=values.get("binding", "").lower() in TRUE_WORDS,
                total_cost=total_cost,
            )
        )
    return out


def _parse_period(text: str, year: int | None) -> tuple[int | None, object | None]:
    """The period number 1–12, or an error message."""
    match = PERIOD_FORMAT.fullmatch(text)
    if match:
        if year is not None and int(match.group(1)) != year:
            return None, Problem(
                _("The period %(value)s is outside the year %(year)d."), value=text, year=year
            )
        text = match.group(2)
    if not text.isdigit():
        return None, _("Enter the period as a month number 1–12 or as YYYY-MM.")
    period = int(text)
    if not 1 <= period <= PERIODS:
        return None, Problem(
            _("The period %(value)s is outside the year: periods are 1–12."), value=text
        )
    return period, None


def _parse_figures(rows, known_codes: set[str], errors: list[RowError]) -> list[FigureRow]:
    sheet = _("figures")
    out = []
    seen: dict[tuple, int] = {}
    for number, values in _table(rows, sheet, FIGURE_COLUMNS, errors):
        row_errors: list[RowError] = []

        def fail(column, message, number=number, row_errors=row_errors):
            row_errors.append(RowError(sheet, number, column, message))

        year = None
        if not values["year"].isdigit() or not 2000 <= int(values["year"]) <= 2100:
            fail("year", Problem(_("“%(value)s” is not a year."), value=values["year"]))
        else:
            year = int(values["year"])
        period, problem = _parse_period(values["period"], year)
        if problem is not None:
            fail("period", problem)
        account = values["account"]
        line = line_of(account) if account.isdigit() else None
        if line is None:
            fail("account", Problem(_("Unknown account “%(value)s”."), value=account))
        code = values["cost_centre"]
        if code not in known_codes:
            fail("cost_centre", Problem(_("Unknown cost centre “%(value)s”."), value=code))
        amounts = {}
        for column in ("budget", "actual"):
            text = values[column]
            amount = Decimal(0) if text == "" else _amount(text)
            if amount is None:
                fail(column, Problem(_("“%(value)s” is not a number."), value=text))
            amounts[column] = amount
        if not row_errors:
            key = (year, period, code, account)
            if key in seen:
                fail(
                    "account",
                    Problem(
                        _(
                            "The same year, period, cost centre and account are already on row %(row)d."  # noqa: E501
                        ),
                        row=seen[key],
                    ),
                )
            else:
                seen[key] = number
        if row_errors:
            errors.extend(row_errors)
            continue
        out.append(
            FigureRow(
                row=number,
                year=year,
                period=period,
                account=account,
                line=line,
                cost_centre=code,
                budget=amounts["budget"],
                actual=amounts["actual"],
            )
        )
    return out


def _read(data: bytes, name: str) -> dict[str, list]:
    if len(data) > MAX_BYTES:
        raise FileRejected(_("The file is too large."))
    if _sniff_kind(data) == "xlsx":
        return _xlsx_sheets(data)
    return {"csv": _csv_rows(data)}


def parse_export(
    data: bytes,
    *,
    name: str = "",
    structure: bytes | None = None,
    known_codes: set[str] | None = None,
) -> ParsedExport:
    """The export's rows and every problem found in them; raises FileRejected for an unreadable
    file. `known_codes` are the cost centres already in the budget structure."""
    parsed = ParsedExport()
    digest = hashlib.sha256(data)
    sheets = _read(data, name)
    if "csv" in sheets:
        figure_rows = sheets["csv"]
        structure_rows = None
    else:
        figure_rows = sheets.get("figures") or sheets.get("luvut") or next(iter(sheets.values()))
        structure_rows = sheets.get("structure") or sheets.get("rakenne")
    if structure is not None:
        digest.update(structure)
        structure_sheets = _read(structure, "")
        structure_rows = (
            structure_sheets.get("csv")
            or structure_sheets.get("structure")
            or next(iter(structure_sheets.values()))
        )
    parsed.checksum = digest.hexdigest()
    codes = set(known_codes or ())
    if structure_rows is not None:
        parsed.structure = _parse_structure(structure_rows, parsed.errors)
        codes |= {row.code for row in parsed.structure}
        _check_tree(parsed.structure, codes, parsed.errors)
    parsed.figures = _parse_figures(figure_rows, codes, parsed.errors)
    return parsed


def _check_tree(rows: list[StructureRow], codes: set[str], errors: list[RowError]) -> None:
    sheet = _("structure")
    for row in rows:
        if row.parent and row.parent not in codes:
            errors.append(
                RowError(
                    sheet,
                    row.row,
                    "parent",
                    Problem(_("Unknown cost centre “%(value)s”."), value=row.parent),
                )
            )
        elif not row.parent and row.level != Level.SECTOR:
            errors.append(RowError(sheet, row.row, "parent", _("Only a sector has no parent.")))
