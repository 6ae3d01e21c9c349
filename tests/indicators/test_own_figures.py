"""The portal's own figures: the realisation of the operating expenses' budget, computed from the
finances the portal has published."""

import datetime
from decimal import Decimal

import pytest

from finance.accounts import Line
from finance.models import FiscalYear, Node
from finance.services import amendment_save, report_publish, report_save
from indicators.models import Value
from indicators.services import OWN_BUDGET_REALISATION, own_figures_compute
from tests.finance.exports import import_sample
from tests.paths import app_url

pytestmark = pytest.mark.django_db

# The sample export's operating expenses (accounts 4xxx) in every period: budget 10 000 +
# 50 000 + 20 000 = 80 000 €, actual 9 500 + 52 000.50 + 19 000 = 80 500.50 €.
BUDGET_PER_PERIOD = Decimal("80000.00")
ACTUAL_PER_PERIOD = Decimal("80500.50")


@pytest.fixture
def published_2025(demo_definitions):
    """2025 with its budget, an amendment before and one after the interim report of
    January–April, the interim report and the financial statements published, and a draft
    interim report of January–August."""
    import_sample(year=2025, periods=range(1, 13))
    year = FiscalYear.objects.get(year=2025)
    school = Node.objects.get(code="2100")
    report_publish(
        report=report_save(year=year, kind="budget"), published_on=datetime.date(2024, 12, 10)
    )
    for amount, approved_on in ((40000, (2025, 3, 1)), (-20000, (2025, 9, 1))):
        amendment_save(
            year=year,
            node=school,
            line=Line.OPERATING_EXPENSES,
            amount=Decimal(amount),
            approved_on=datetime.date(*approved_on),
        )
    for through, published_on in ((4, (2025, 5, 20)), (12, (2026, 3, 20))):
        report_publish(
            report=report_save(
                year=year,
                kind="interim" if through < 12 else "statements",
                through_period=through,
            ),
            published_on=datetime.date(*published_on),
        )
    report_save(year=year, kind="interim", through_period=8)


def _values() -> dict[str, Decimal]:
    return dict(
        Value.objects.filter(
            indicator__code=OWN_BUDGET_REALISATION, area__code="KU999", breakdown=""
        ).values_list("period", "value")
    )


def test_budget_realisation__actual_against_the_amended_budget_of_each_published_report(
    published_2025,
):
    own_figures_compute(years=[2025])

    # January–April: 4 × 80 500.50 € against 12 × 80 000 € + 40 000 € (the March amendment).
    april = Decimal("322002.00") / Decimal("1000000.00") * 100
    # The whole year: 12 × 80 500.50 € against 960 000 € + 40 000 € − 20 000 €.
    year = Decimal("966006.00") / Decimal("980000.00") * 100
    assert 4 * ACTUAL_PER_PERIOD == Decimal("322002.00")
    assert 12 * BUDGET_PER_PERIOD + 40000 - 20000 == Decimal("980000.00")
    # The draft January–August report is not public: no value for 2025M08.
    assert _values() == {
        "2025M04": Decimal("32.2002"),
        "2025M12": Decimal("98.5720"),
    }
    assert round(april, 4) == Decimal("32.2002") and round(year, 4) == Decimal("98.5720")


def test_budget_realisation__a_report_published_later_is_added_on_the_next_computation(
    published_2025,
):
    own_figures_compute(years=[2025])
    august = FiscalYear.objects.get(year=2025).reports.get(kind="interim", through_period=8)
    # A later interim report cannot be published after the statements; a new year's can.
    import_sample(year=2026, periods=range(1, 13))
    year_2026 = FiscalYear.objects.get(year=2026)
    report_publish(
        report=report_save(year=year_2026, kind="budget"), published_on=datetime.date(2025, 12, 9)
    )
    report_publish(
        report=report_save(year=year_2026, kind="interim", through_period=4),
        published_on=datetime.date(2026, 5, 19),
    )

    own_figures_compute(years=[2025, 2026])

    # 4 × 80 500.50 € against 12 × 80 000 € (no amendments in 2026).
    assert _values()["2026M04"] == (Decimal("322002.00") / Decimal("960000.00") * 100).quantize(
        Decimal("0.0001")
    )
    assert "2025M08" not in _values() and not august.is_published


def test_budget_realisation__publishing_a_report_updates_the_figure(published_2025):
    # No computation run: publishing each report recomputed its year's figure.
    assert _values() == {"2025M04": Decimal("32.2002"), "2025M12": Decimal("98.5720")}


@pytest.mark.parametrize(
    ("lang", "name", "value", "change", "months"),
    [
        (
            "fi",
            "Toimintakulujen toteutumaprosentti",
            "98,6\xa0%",
            "enemmän kuin huhtikuussa 2025",
            ("huhtikuu 2025", "joulukuu 2025"),
        ),
        (
            "sv",
            "Verksamhetskostnadernas utfallsprocent",
            "98,6\xa0%",
            "mer än i april 2025",
            ("april 2025", "december 2025"),
        ),
        (
            "en",
            "Realisation of operating expenses",
            "98.6\xa0%",
            "from April 2025",
            ("April 2025", "December 2025"),
        ),
    ],
)
def test_budget_realisation__on_the_economy_dashboard_and_its_page(
    client, published_2025, lang, name, value, change, months
):
    own_figures_compute(years=[2025])

    dashboard = client.get(app_url("indicators:theme", "economy", lang=lang)).content.decode()
    # 98.5720 % rounded (not cut) to the indicator's one decimal.
    assert name in dashboard and value in dashboard
    # Months in words and in the form the sentence needs, never the statistics code 2025M04.
    assert change in dashboard and "2025M" not in dashboard
    page = client.get(app_url("indicators:detail", OWN_BUDGET_REALISATION, lang=lang))
    assert page.status_code == 200
    body = page.content.decode()
    assert all(month in body for month in months)


def test_followed_share__counts_cases_a_party_follows_and_claims_no_channel(demo_definitions):
    from django.utils import timezone

    from indicators.models import Indicator
    from indicators.services import OWN_FOLLOWED_SHARE
    from tests.cases.factories import make_case
    from tests.fixtures.roles import ROLE_SPECS, create_user

    create_user(ROLE_SPECS["resident_a"])
    make_case(parties=["resident.a@example.fi"], days_ago=1)
    make_case(parties=["someone.else@example.fi"], days_ago=1)
    year = timezone.localdate().year

    own_figures_compute(years=[year])

    # One of the two cases is followed with an account: 1 / 2.
    value = Value.objects.get(indicator__code=OWN_FOLLOWED_SHARE, period=str(year))
    assert value.value == Decimal("50.0000")
    # Every case arrives through the integration: the figure says what it measures, no more.
    indicator = Indicator.objects.get(code=OWN_FOLLOWED_SHARE)
    assert indicator.name_fi == "Portaalissa seuratut asiat"
    assert "electronically" not in indicator.name_en
    assert "does not report the channel" in indicator.definition_en
    assert "ei ilmoita vireillepanon kanavaa" in indicator.definition_fi
    assert "inte uppger genom vilken kanal" in indicator.definition_sv
