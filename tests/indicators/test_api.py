"""The key figures as open data: filters, JSON-stat 2 (checked with a validator of the format)
and CSV."""

import io

import pytest
from jsonstat_validator import validate_jsonstat

from indicators.jsonstat import parse


@pytest.fixture
def demo(db):
    from indicators import demo

    demo.load(stdout=io.StringIO())


def test_api_indicators__list_filter_and_detail(client, demo):
    response = client.get("/api/v1/indicators/?theme=employment&lang=sv")

    body = response.json()
    codes = [item["code"] for item in body["results"]]
    assert "unemployment-rate" in codes and "population" not in codes
    item = next(i for i in body["results"] if i["code"] == "unemployment-rate")
    assert item["name"] == "Arbetslöshetsgrad"
    assert item["source"] == "Statistikcentralen" and item["licence"] == "CC BY 4.0"
    assert item["url"].endswith("/api/v1/indicators/unemployment-rate/")
    assert client.get(item["url"]).json()["direction"] == "lower"


def test_api_values__filters(client, demo):
    response = client.get(
        "/api/v1/indicators/values/?indicator=unemployment-rate&area=KU999&from=2020&to=2025"
        "&breakdown=total&page_size=200"
    )

    results = response.json()["results"]
    assert sorted(r["period"] for r in results) == [str(y) for y in range(2020, 2026)]
    assert {r["area"] for r in results} == {"KU999"}
    assert all(isinstance(r["value"], float) for r in results)


@pytest.mark.parametrize(
    "query",
    [
        "?indicator=unemployment-rate",
        "?theme=economy&area=KU999",
        "?indicator=unemployment-rate&area=KU999&breakdown=gender:female&lang=sv",
        "?period=2025",
        "?indicator=nothing",
    ],
)
def test_api_dataset__is_valid_json_stat_2(client, demo, query):
    response = client.get("/api/v1/indicators/dataset/" + query)

    assert response.status_code == 200
    document = response.json()
    assert validate_jsonstat(document) is True
    if "nothing" not in query:
        # The portal's own reader gives back what was selected.
        dataset = parse(document)
        assert sum(1 for _cell, value in dataset.cells() if value is not None) > 0


def test_api_dataset__values_in_their_cells(client, demo):
    from indicators.models import Value

    document = client.get(
        "/api/v1/indicators/dataset/?indicator=unemployment-rate&area=MK15&breakdown=total"
    ).json()

    assert document["id"] == ["indicator", "area", "period", "breakdown"]
    assert document["role"] == {"time": ["period"], "geo": ["area"], "metric": ["indicator"]}
    cells = {tuple(cell.values()): value for cell, value in parse(document).cells()}
    stored = Value.objects.get(
        indicator__code="unemployment-rate", area__code="MK15", period="2021", breakdown=""
    )
    assert cells[("unemployment-rate", "MK15", "2021", "total")] == stored.value


def test_api_csv__filtered(client, demo):
    response = client.get("/api/v1/indicators/csv/?indicator=population&area=KU999&lang=sv")

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("indicator,area,area_name,period")
    assert len(lines) == 11
    assert "Strandby" in lines[1]


@pytest.mark.parametrize(
    "query", ["?from=20x4", "?theme=weather", "?breakdown=gender", "?indicator=a%00b"]
)
def test_api_values__bad_filters_are_400_with_json(client, demo, query):
    for path in ("values/", "dataset/", "csv/"):
        response = client.get(f"/api/v1/indicators/{path}{query}")
        assert response.status_code == 400, path
        assert "code" in response.json()
