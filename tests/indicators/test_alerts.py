"""Alerts to the leadership group: new figures and thresholds crossed, once per event, in each
member's language, through the notification outbox."""

from decimal import Decimal

import pytest

from indicators.models import Indicator
from indicators.services import csv_import, selection_create
from notifications.models import Notification


@pytest.fixture
def leaders(demo_definitions, django_user_model):
    fi = django_user_model.objects.create(
        username="johtaja", email="johtaja@example.fi", language="fi", is_staff=True
    )
    sv = django_user_model.objects.create(
        username="chef", email="chef@example.fi", language="sv", is_staff=True
    )
    selection_create(
        name="Johtoryhmä",
        members=[fi, sv],
        items=[(Indicator.objects.get(code="unemployment-rate"), Decimal("9.0"), None)],
    )
    return fi, sv


def _rows(*rows):
    lines = ["indicator;area;period;breakdown;value", *(";".join(row) for row in rows)]
    return "\n".join(lines).encode()


def test_alerts__new_figures_once_per_member_in_their_language(leaders):
    csv_import(data=_rows(("unemployment-rate", "KU999", "2024", "", "8,1")), file_name="a.csv")

    notifications = Notification.objects.filter(kind="indicators.new")
    assert notifications.count() == 2
    by_language = {n.language: n for n in notifications}
    assert by_language["fi"].subject == "Uusia lukuja: Työttömyysaste"
    assert by_language["sv"].subject == "Nya siffror: Arbetslöshetsgrad"
    assert by_language["sv"].url == "/sv/nyckeltal/unemployment-rate/"

    # The same figures again are no news.
    csv_import(data=_rows(("unemployment-rate", "KU999", "2024", "", "8,1")), file_name="a.csv")
    assert Notification.objects.filter(kind="indicators.new").count() == 2


def test_alerts__threshold_crossed_once(leaders):
    csv_import(data=_rows(("unemployment-rate", "KU999", "2024", "", "8,1")), file_name="a.csv")
    csv_import(data=_rows(("unemployment-rate", "KU999", "2025", "", "9,4")), file_name="b.csv")

    crossed = Notification.objects.filter(kind="indicators.above")
    assert crossed.count() == 2
    finnish = crossed.get(language="fi")
    assert finnish.subject == "Työttömyysaste nousi yli 9,0"
    assert "9,4" in finnish.body
    # The period as the sentence needs it, not the statistics code.
    assert "oli vuonna 2025 9,4" in finnish.body
    assert "9,4 % år 2025" in crossed.get(language="sv").body.replace("\xa0", " ")

    # A correction of the same period does not cross it again.
    csv_import(data=_rows(("unemployment-rate", "KU999", "2025", "", "9,6")), file_name="c.csv")
    assert Notification.objects.filter(kind="indicators.above").count() == 2


def test_alerts__other_areas_do_not_cross_the_home_threshold(leaders):
    csv_import(data=_rows(("unemployment-rate", "SSS", "2025", "", "12,0")), file_name="a.csv")

    assert not Notification.objects.filter(kind="indicators.above").exists()


def test_csv_import__a_wrong_row_writes_nothing_and_names_the_row(leaders):
    from indicators.models import ImportRun, Value
    from indicators.services import ImportInvalid

    data = _rows(
        ("unemployment-rate", "KU999", "2024", "", "8,1"),
        ("unemployment-rate", "KU999", "20x5", "", "abc"),
    )
    with pytest.raises(ImportInvalid) as error:
        csv_import(data=data, file_name="bad.csv")

    assert error.value.errors[0].startswith("Rivi 3:")
    assert not Value.objects.exists()
    assert ImportRun.objects.get().status == "refused"
