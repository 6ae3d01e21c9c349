"""Where each account of the finance system's export belongs: the budget's part and line.

The municipal chart of accounts (kuntien tililuettelo) groups accounts by their first digits; the
portal reads the line of an account from its longest matching prefix, so that exports from any
finance system that follows the chart import without a mapping table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Part(models.TextChoices):
    OPERATING = "operating", _("Operating economy")
    INCOME_STATEMENT = "income_statement", _("Income statement")
    INVESTMENTS = "investments", _("Investments")
    FINANCING = "financing", _("Financing")


class Line(models.TextChoices):
    OPERATING_INCOME = "operating_income", _("Operating income")
    OPERATING_EXPENSES = "operating_expenses", _("Operating expenses")
    TAX_REVENUE = "tax_revenue", _("Tax revenue")
    STATE_GRANTS = "state_grants", _("State grants")
    FINANCIAL_INCOME = "financial_income", _("Financial income")
    FINANCIAL_EXPENSES = "financial_expenses", _("Financial expenses")
    DEPRECIATION = "depreciation", _("Depreciation")
    INVESTMENTS = "investments", _("Investment expenditure")
    LOANS_DRAWN = "loans_drawn", _("Loans drawn")
    LOAN_REPAYMENTS = "loan_repayments", _("Loan repayments")


# Longest prefix first wins.
PREFIXES: dict[str, str] = {
    "3": Line.OPERATING_INCOME,
    "4": Line.OPERATING_EXPENSES,
    "50": Line.TAX_REVENUE,
    "53": Line.STATE_GRANTS,
    "54": Line.FINANCIAL_INCOME,
    "55": Line.FINANCIAL_EXPENSES,
    "6": Line.DEPRECIATION,
    "1": Line.INVESTMENTS,
    "26": Line.LOANS_DRAWN,
    "27": Line.LOAN_REPAYMENTS,
}

PART_OF_LINE: dict[str, str] = {
    Line.OPERATING_INCOME: Part.OPERATING,
    Line.OPERATING_EXPENSES: Part.OPERATING,
    Line.TAX_REVENUE: Part.INCOME_STATEMENT,
    Line.STATE_GRANTS: Part.INCOME_STATEMENT,
    Line.FINANCIAL_INCOME: Part.INCOME_STATEMENT,
    Line.FINANCIAL_EXPENSES: Part.INCOME_STATEMENT,
    Line.DEPRECIATION: Part.INCOME_STATEMENT,
    Line.INVESTMENTS: Part.INVESTMENTS,
    Line.LOANS_DRAWN: Part.FINANCING,
    Line.LOAN_REPAYMENTS: Part.FINANCING,
}

# Where the money comes from, and where it goes (the overview's two charts).
INCOME_LINES = (
    Line.TAX_REVENUE,
    Line.STATE_GRANTS,
    Line.OPERATING_INCOME,
    Line.FINANCIAL_INCOME,
    Line.LOANS_DRAWN,
)
SPENDING_LINES = (
    Line.OPERATING_EXPENSES,
    Line.INVESTMENTS,
    Line.FINANCIAL_EXPENSES,
    Line.LOAN_REPAYMENTS,
)


def line_of(account: str) -> str | None:
    """The line of an account code such as "4300", or None when the chart does not know it."""
    for length in range(len(account), 0, -1):
        line = PREFIXES.get(account[:length])
        if line is not None:
            return line
    return None
