"""How the demo town's finance exports in this folder were made (run again to remake them).

    python -m finance.demo.generate

The figures are those of an imagined town of 18 500 residents after the health and social
services moved to the wellbeing services county: the base year is BASE_YEAR, earlier and later
years scale from it, and each month's actual deviates from the budget by a fixed, repeatable
amount (a hash, not a random draw), with early childhood education running over budget and
the Swedish-language school under it, as the interim reports explain.
"""

from __future__ import annotations

import csv
import hashlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).parent
BASE_YEAR = 2026
# Years relative to the base year: actuals for the two previous years and the first eight
# months of the base year; the two following years have only the financial plan's budget.
YEARS = {-2: 12, -1: 12, 0: 8, 1: 0, 2: 0}
SCALE = {
    -2: Decimal("0.94"),
    -1: Decimal("0.97"),
    0: Decimal(1),
    1: Decimal("1.02"),
    2: Decimal("1.04"),
}

# cost centre: [(account, annual budget in the base year)]
UNITS = {
    "1100": [("4000", 2_400_000), ("4300", 1_800_000), ("3000", 300_000)],
    "1110": [("4000", 1_100_000), ("4300", 500_000)],
    "1200": [("4300", 1_100_000), ("3200", 150_000)],
    "1210": [("4000", 1_900_000), ("4300", 1_500_000), ("3200", 900_000)],
    "2100": [("4000", 3_600_000), ("4300", 1_200_000), ("3100", 500_000)],
    "2110": [("4000", 2_900_000), ("4300", 1_000_000), ("3100", 400_000)],
    "2200": [("4000", 7_200_000), ("4300", 2_400_000), ("3000", 200_000)],
    "2210": [("4000", 2_300_000), ("4300", 800_000)],
    "2300": [("4000", 3_300_000), ("4300", 1_100_000), ("3000", 100_000)],
    "2400": [("4000", 900_000), ("4300", 400_000), ("3100", 50_000)],
    "2410": [("4000", 1_100_000), ("4300", 800_000), ("3100", 350_000)],
    "2420": [("4000", 600_000), ("4300", 300_000)],
    "3100": [("4300", 3_200_000), ("3000", 400_000)],
    "3110": [("4300", 1_400_000)],
    "3200": [("4300", 9_500_000), ("3400", 8_200_000)],
    "3210": [("4000", 2_100_000), ("4300", 1_500_000), ("3000", 3_300_000)],
    "9000": [("5000", 36_500_000), ("5020", 3_100_000), ("5030", 2_400_000), ("5300", 6_000_000)],
    "9100": [
        ("5400", 300_000),
        ("5500", 800_000),
        ("6000", 4_000_000),
        ("2600", 5_000_000),
        ("2700", 3_500_000),
    ],
}
# Investment projects: annual appropriation by year relative to the base year.
PROJECTS = {
    "P201": {-1: 1_500_000, 0: 3_000_000, 1: 4_000_000},
    "P202": {0: 1_200_000, 1: 1_200_000},
    "P301": {-2: 400_000, -1: 800_000, 0: 600_000},
    "P302": {-2: 300_000, -1: 300_000, 0: 300_000, 1: 300_000, 2: 300_000},
    "P303": {1: 900_000, 2: 2_100_000},
}
# Lasting deviations of the actual from the budget, in per cent (expenses over budget > 0).
TREND = {"2100": 6, "2110": 5, "2300": -4, "9000": 2, "P201": -35}


def _wobble(*parts) -> Decimal:
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return Decimal(digest[0] - 128) / Decimal(128) * 3  # −3 … +3 %


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rows_of(offset: int) -> list[list]:
    year = BASE_YEAR + offset
    actual_through = YEARS[offset]
    rows = []
    entries = [
        (centre, account, Decimal(amount) * SCALE[offset])
        for centre, accounts in UNITS.items()
        for account, amount in accounts
    ]
    entries += [
        (code, "1100", Decimal(by_year[offset]))
        for code, by_year in PROJECTS.items()
        if offset in by_year
    ]
    for period in range(1, 13):
        for centre, account, annual in entries:
            budget = _cents(annual / 12)
            actual = Decimal(0)
            if period <= actual_through:
                deviation = Decimal(TREND.get(centre, 0)) + _wobble(year, period, centre, account)
                actual = _cents(budget * (1 + deviation / 100))
            rows.append([year, period, account, centre, budget, actual])
    return rows


def main() -> None:
    for offset in YEARS:
        path = HERE / f"figures-{BASE_YEAR + offset}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\n")
            writer.writerow(
                ["vuosi", "kausi", "tili", "kustannuspaikka", "talousarvio", "toteutuma"]
            )
            writer.writerows(rows_of(offset))


if __name__ == "__main__":
    main()
