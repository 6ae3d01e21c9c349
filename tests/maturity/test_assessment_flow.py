"""A round filled in through the staff screens, published, and shown on the public page and in
the API with the scores of the documented formula, computed here independently."""

import json
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import translation

from maturity.models import Assessment, Correction, Round, Service
from tests.paths import app_url

# Levels: manual 0, electronic form 1, electronic end to end 2, automated 3.
BUILDING = {
    "code": "building-permit",
    "adopted": True,
    "levels": {
        "information": 3,
        "application": 3,
        "handling": 2,
        "decision": 1,
        "payment": 1,
        "notification": 0,
    },
    "share": 45,
    "savings": {
        "transactions_per_year": "400",
        "minutes_saved": "25",
        "cost_per_hour": "48",
        "investment": "12000",
        "yearly_cost": "2000",
    },
}
FEEDBACK = {
    "code": "feedback",
    "adopted": True,
    "levels": {"information": 3, "application": 2, "handling": 2, "notification": 1},
    "share": 70,
    "savings": {
        "transactions_per_year": "1200",
        "minutes_saved": "6.5",
        "cost_per_hour": "42.5",
        "investment": "0",
        "yearly_cost": "900",
    },
}
TRANSPORT = {
    "code": "school-transport",
    "adopted": False,
    "reason": "Kuljetukset tilataan vielä puhelimitse.",
    "levels": {},
    "share": 0,
    "savings": {
        "transactions_per_year": "300",
        "minutes_saved": "10",
        "cost_per_hour": "40",
        "investment": "20000",
        "yearly_cost": "3000",
    },
}
SERVICES = (BUILDING, FEEDBACK, TRANSPORT)


def expected_score(entry) -> Fraction:
    """The formula of docs/maturity.md, written out again with exact fractions."""
    if not entry["adopted"]:
        return Fraction(0)
    levels = list(entry["levels"].values())
    process = Fraction(sum(levels), len(levels) * 3) * 100
    return (process + entry["share"]) / 2


def one_decimal(value: Fraction) -> Decimal:
    return Decimal(str(round(float(value) + 1e-9, 1))).quantize(Decimal("0.1"))


def assess_form(entry, **extra) -> dict:
    data = {
        "electronic_share": str(entry["share"]),
        "reason_fi": entry.get("reason", ""),
        "reason_sv": "",
        "reason_en": "",
        "next_steps_fi": "Sähköinen allekirjoitus käyttöön." if entry["adopted"] else "",
        "next_steps_sv": "",
        "next_steps_en": "",
        **entry["savings"],
        **{f"level_{code}": str(level) for code, level in entry["levels"].items()},
        **extra,
    }
    if entry["adopted"]:
        data["adopted"] = "on"
    return data


def fill_in_round(client, year=2026) -> Round:
    response = client.post(
        reverse("maturity_rounds:add"),
        {"year": str(year), "summary_fi": "Kierros", "summary_sv": "", "summary_en": ""},
    )
    assert response.status_code == 302, response.content[:2000]
    round = Round.objects.get(year=year)
    for entry in SERVICES:
        service = Service.objects.get(code=entry["code"])
        url = reverse("maturity_admin:assess", args=[round.pk, service.pk])
        assert client.get(url).status_code == 200
        response = client.post(url, assess_form(entry))
        assert response.status_code == 302, response.content.decode()[-3000:]
    response = client.post(reverse("maturity_admin:publish", args=[round.pk]))
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.is_published
    return round


@pytest.mark.django_db
def test_round__filled_in_and_published_shows_the_formula_scores(developer_client, client):
    round = fill_in_round(developer_client)
    scores = {entry["code"]: expected_score(entry) for entry in SERVICES}
    municipality = one_decimal(sum(scores.values()) / 3)

    api = client.get(f"/api/v1/maturity/rounds/{round.year}/").json()
    assert Decimal(api["score"]) == municipality
    by_code = {
        service["code"]: service for sector in api["sectors"] for service in sector["services"]
    }
    for code, score in scores.items():
        assert Decimal(by_code[code]["score"]) == one_decimal(score), code
    sectors = {sector["code"]: Decimal(sector["score"]) for sector in api["sectors"]}
    assert sectors == {
        "housing-environment": one_decimal(scores["building-permit"]),
        "administration": one_decimal(scores["feedback"]),
        "education": Decimal("0.0"),
    }

    page = client.get(app_url("maturity:round", round.year, lang="fi")).content.decode()
    with translation.override("fi"):
        assert f"<strong>{str(municipality).replace('.', ',')}</strong>" in page
        for score in scores.values():
            assert str(one_decimal(score)).replace(".", ",") in page
    index = client.get(app_url("maturity:index", lang="sv")).content.decode()
    assert f"<strong>{str(municipality).replace('.', ',')}</strong>" in index


@pytest.mark.django_db
def test_round__savings_of_a_service_equal_the_hand_calculation(developer_client, client):
    round = fill_in_round(developer_client)
    # 400 transactions × 25 min ÷ 60 × 48 €/h = 8 000 € gross; − 2 000 € a year = 6 000 € net;
    # 12 000 € investment ÷ 6 000 € = 2.0 years.
    api = client.get(f"/api/v1/maturity/rounds/{round.year}/").json()
    building = next(
        service
        for sector in api["sectors"]
        for service in sector["services"]
        if service["code"] == "building-permit"
    )
    assert Decimal(building["savings"]["yearly_gross_saving"]) == Decimal("8000.00")
    assert Decimal(building["savings"]["yearly_net_saving"]) == Decimal("6000.00")
    assert Decimal(building["savings"]["payback_years"]) == Decimal("2.0")
    # 1 200 × 6.5 ÷ 60 × 42.50 = 5 525 € gross, − 900 € = 4 625 € net; school transport:
    # 300 × 10 ÷ 60 × 40 = 2 000 € gross − 3 000 € = −1 000 € net.
    assert Decimal(api["savings"]["yearly_net_saving"]) == Decimal("6000") + Decimal(
        "4625"
    ) + Decimal("-1000")
    assert building["assumptions"]["minutes_saved"] == "25.00"

    page = client.get(app_url("maturity:round", round.year, lang="fi")).content.decode()
    assert "6\u00a0000\u00a0€" in page or "6 000\u00a0€" in page
    csv_text = client.get(app_url("maturity:csv", round.year, lang="en")).content.decode()
    assert "building-permit" in csv_text and "6000.00" in csv_text


@pytest.mark.django_db
def test_round__published_is_changed_only_with_a_public_correction(developer_client, client):
    round = fill_in_round(developer_client)
    service = Service.objects.get(code="feedback")
    url = reverse("maturity_admin:assess", args=[round.pk, service.pk])
    changed = {**FEEDBACK, "share": 90}

    response = developer_client.post(url, assess_form(changed))

    assert response.status_code == 200
    assert Assessment.objects.get(round=round, service=service).electronic_share == 70
    assert not Correction.objects.exists()

    response = developer_client.post(
        url, assess_form(changed, correction_note="Osuus laskettiin uudelleen.")
    )

    assert response.status_code == 302
    assert Assessment.objects.get(round=round, service=service).electronic_share == 90
    page = client.get(app_url("maturity:round", round.year, lang="fi")).content.decode()
    assert "Osuus laskettiin uudelleen." in page


@pytest.mark.django_db
def test_round__not_adopted_without_a_reason_is_refused(developer_client):
    round = fill_in_round(developer_client, year=2025)
    draft = Round.objects.create(year=2027)
    service = Service.objects.get(code="plot-sales")
    url = reverse("maturity_admin:assess", args=[draft.pk, service.pk])

    response = developer_client.post(url, assess_form({**TRANSPORT, "reason": ""}))

    assert response.status_code == 200
    assert "Say why" in response.content.decode() or "reason" in response.content.decode()
    assert not Assessment.objects.filter(round=draft).exists()
    assert round.assessments.count() == 3


@pytest.mark.django_db
def test_round__export_is_valid_against_the_schema(developer_client, client):
    import jsonschema

    round = fill_in_round(developer_client)
    document = client.get(app_url("maturity:export", round.year, lang="fi")).json()
    schema = client.get("/api/v1/maturity/schema/").json()

    jsonschema.validate(document, schema)
    assert document["$schema"].endswith("/api/v1/maturity/schema/")
    assert json.dumps(document)  # plain JSON, no Decimals
