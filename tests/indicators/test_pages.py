"""The key figures' pages in Finnish, Swedish and English, on the demo's figures imported through
the PxWeb client from the local server."""

import io

import pytest

from indicators.models import ImportRun, SourceKind, Value
from tests.paths import app_url


@pytest.fixture
def demo(db):
    from indicators import demo

    demo.load(stdout=io.StringIO())


def test_demo__imports_through_the_client_from_a_local_pxweb_server(demo):
    runs = ImportRun.objects.filter(kind=SourceKind.PXWEB)
    assert runs.count() == 3
    assert all(run.status == "changed" and len(run.checksum) == 64 for run in runs)
    # Ten years for the town, its four neighbours, the region and the country.
    assert Value.objects.filter(indicator__code="unemployment-rate", breakdown="").count() == 70
    assert Value.objects.filter(area__code="KU999").values("indicator").distinct().count() >= 23


@pytest.mark.parametrize(
    ("lang", "title", "card", "region"),
    [
        ("fi", "Tunnusluvut", "Työttömyysaste", "Pohjanmaa"),
        ("sv", "Nyckeltal", "Arbetslöshetsgrad", "Österbotten"),
        ("en", "Key figures", "Unemployment rate", "Ostrobothnia"),
    ],
)
def test_dashboard__cards_with_value_change_trend_target_and_source(
    client, demo, lang, title, card, region
):
    response = client.get(app_url("indicators:index", lang=lang))

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert card in html
    assert html.count('class="indicator-card"') >= 25
    assert 'class="sparkline"' in html
    assert "indicator-card__target" in html
    assert "CC BY 4.0" in html
    assert region in html


@pytest.mark.parametrize(
    ("lang", "path_word", "town", "summary_word"),
    [
        ("fi", "/fi/tunnusluvut/", "Rantala", "Pohjanmaa"),
        ("sv", "/sv/nyckeltal/", "Strandby", "Österbotten"),
        ("en", "/en/key-figures/", "Rantala", "Ostrobothnia"),
    ],
)
def test_indicator_page__chart_table_summary_and_comparison(
    client, demo, lang, path_word, town, summary_word
):
    url = app_url("indicators:detail", "unemployment-rate", lang=lang)
    assert url.startswith(path_word)

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="line-chart__svg"' in html and "<desc" in html
    assert html.count("<polyline") == 7
    assert '<table class="indicator-table">' in html
    assert 'class="indicators__summary"' in html
    summary = html.split('class="indicators__summary" id="summary">', 1)[1].split("</p>", 1)[0]
    assert town in summary and summary_word in summary and "2025" in summary
    neighbours = (
        ("Vasa", "Korsholm", "Vörå", "Malax")
        if lang == "sv"
        else ("Vaasa", "Mustasaari", "Vöyri", "Maalahti")
    )
    for neighbour in neighbours:
        assert f'<th scope="col">{neighbour}</th>' in html


def test_indicator_page__totals_compared_per_resident(client, demo):
    response = client.get(app_url("indicators:detail", "jobs", lang="en"))

    html = response.content.decode()
    assert "jobs per resident" in html
    assert "divided by the population" in html


def test_indicator_page__breakdown_by_gender(client, demo):
    response = client.get(app_url("indicators:detail", "unemployment-rate", lang="fi"))

    html = response.content.decode()
    assert "naiset" in html and "miehet" in html


def test_theme_page__translated_address_and_only_its_cards(client, demo):
    fi = app_url("indicators:theme", "employment", lang="fi")
    sv = app_url("indicators:theme", "employment", lang="sv")
    assert fi == "/fi/tunnusluvut/teemat/tyollisyys/"
    assert sv == "/sv/nyckeltal/teman/sysselsattning/"

    html = client.get(sv).content.decode()

    assert "Arbetslöshetsgrad" in html and "Folkmängd" not in html


def test_csv_download__every_area_and_year(client, demo):
    response = client.get(app_url("indicators:csv", "unemployment-rate", lang="fi"))

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "indicator,area,area_name,period,breakdown,value,unit"
    assert len(lines) == 1 + 70 * 3


def test_missing_indicator__404(client, demo):
    assert client.get(app_url("indicators:detail", "nothing", lang="fi")).status_code == 404
