"""Small exports of a finance system for the tests, as CSV text or XLSX bytes."""

from __future__ import annotations

import io

STRUCTURE_HEADER = (
    "cost_centre",
    "parent",
    "level",
    "name_fi",
    "name_sv",
    "name_en",
    "binding",
    "total_cost",
)
STRUCTURE = [
    ("1", "", "sector", "Konsernipalvelut", "Koncerntjänster", "Group services", "x", ""),
    ("11", "1", "area", "Hallinto", "Förvaltning", "Administration", "", ""),
    ("1100", "11", "unit", "Kunnanvirasto", "Kommunkansliet", "Town hall", "", ""),
    ("2", "", "sector", "Sivistystoimi", "Bildningssektorn", "Education", "x", ""),
    ("21", "2", "area", "Perusopetus", "Grundläggande utbildning", "Basic education", "", ""),
    ("2100", "21", "unit", "Keskuskoulu", "Centralskolan", "Central school", "", ""),
    ("2110", "21", "unit", "Kirkonkylän koulu", "Kyrkbyns skola", "Village school", "", ""),
    ("9", "", "sector", "Rahoitus", "Finansiering", "Financing", "", ""),
    ("9000", "9", "unit", "Verot ja valtionosuudet", "Skatter och statsandelar", "Taxes", "", ""),
    (
        "P100",
        "2",
        "project",
        "Keskuskoulun peruskorjaus",
        "Centralskolans renovering",
        "Central school renovation",
        "",
        "5000000",
    ),
]
FIGURE_HEADER = ("year", "period", "account", "cost_centre", "budget", "actual")


def figure_rows(year: int = 2026, periods=range(1, 5)) -> list[tuple]:
    """Budget and actual per period: expenses, income, taxes, state grants and an investment."""
    rows = []
    for period in periods:
        rows += [
            (year, period, "4000", "1100", "10000.00", "9500.00"),
            (year, period, "3000", "1100", "1000.00", "1100.00"),
            (year, period, "4000", "2100", "50000.00", "52000.50"),
            (year, period, "4300", "2110", "20000.00", "19000.00"),
            (year, period, "3100", "2100", "2000.00", "2500.00"),
            (year, period, "5000", "9000", "60000.00", "61000.00"),
            (year, period, "5300", "9000", "25000.00", "25000.00"),
            (year, period, "1100", "P100", "30000.00", "12000.00"),
        ]
    return rows


def figures_total(rows, column: str) -> float:
    index = FIGURE_HEADER.index(column)
    return round(sum(float(row[index]) for row in rows), 2)


def csv_bytes(header, rows, *, delimiter: str = ";") -> bytes:
    lines = [delimiter.join(str(cell) for cell in header)]
    lines += [delimiter.join(str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def xlsx_bytes(figures: list[tuple], structure: list[tuple] | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "figures"
    sheet.append(FIGURE_HEADER)
    for row in figures:
        # Numbers as numbers, as a spreadsheet keeps them; text stays text.
        sheet.append([_cell(value) for value in row])
    if structure is not None:
        tree = book.create_sheet("structure")
        tree.append(STRUCTURE_HEADER)
        for row in structure:
            tree.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def import_sample(*, year: int = 2026, periods=range(1, 5), user=None):
    """Import the sample structure and figures through the service; returns the result."""
    from finance.services import finance_import

    result = finance_import(
        data=csv_bytes(FIGURE_HEADER, figure_rows(year, periods)),
        name=f"export-{year}.csv",
        structure=csv_bytes(STRUCTURE_HEADER, STRUCTURE),
        user=user,
    )
    assert result.ok, [str(error) for error in result.errors]
    return result
