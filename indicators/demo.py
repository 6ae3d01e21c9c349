"""The demo municipality's key figures, loaded through the importer.

Rantala (Strandby), a bilingual town in Ostrobothnia, is added to Statistics Finland's
classification; its figures and those of its neighbours, the region and the whole country come
from the JSON-stat 2 tables in data/pxweb/, fetched by the real PxWeb client from a local server
started for the load. The portal's own figures are computed from the demo's cases and surveys.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model

from indicators import services
from indicators.models import Area, AreaKind, Indicator, Selection
from indicators.pxweb_server import LocalPxWebServer

DATA = Path(__file__).parent / "demo_indicators.toml"
HOME = {"code": "KU999", "fi": "Rantala", "sv": "Strandby", "en": "Rantala", "region": "MK15"}
REFERENCES = ("KU905", "KU499", "KU946", "KU475")
SOURCE = {"fi": "Tilastokeskus", "sv": "Statistikcentralen", "en": "Statistics Finland"}
OWN_SOURCE = {"fi": "Kunnan portaali", "sv": "Kommunens portal", "en": "The municipality's portal"}
STATFIN = "https://stat.fi/"


def spec() -> dict:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def _query(area_codes: list[str]) -> dict:
    return {
        "query": [
            {"code": "Alue", "selection": {"filter": "item", "values": area_codes}},
        ],
        "response": {"format": "json-stat2"},
    }


def load_definitions(data: dict | None = None) -> dict[str, object]:
    """The areas, indicators, sources, targets and comparison of the demo (no values)."""
    data = data or spec()
    services.areas_load_classification()
    region = Area.objects.get(code=HOME["region"])
    home = services.area_upsert(
        code=HOME["code"],
        kind=AreaKind.MUNICIPALITY,
        name_fi=HOME["fi"],
        name_sv=HOME["sv"],
        name_en=HOME["en"],
        parent=region,
    )
    services.comparison_set(home=home, references=Area.objects.filter(code__in=REFERENCES))
    for item in data["indicators"]:
        own = item.get("source_kind") == "portal"
        texts = OWN_SOURCE if own else SOURCE
        fields = {
            "theme": item["theme"],
            "direction": item["direction"],
            "decimals": item["decimals"],
            "order": item["order"],
            "per_resident": item.get("per_resident", False),
            "source_url": "" if own else STATFIN,
            "licence": "CC BY 4.0",
        }
        for language in ("fi", "sv", "en"):
            fields[f"name_{language}"] = item["name"][language]
            fields[f"definition_{language}"] = item["definition"][language]
            fields[f"unit_{language}"] = item["unit"][language]
            fields[f"source_{language}"] = texts[language]
        services.indicator_upsert(code=item["code"], **fields)
    areas = [HOME["region"], "SSS", *REFERENCES, HOME["code"]]
    sources = []
    for source in data["sources"].values():
        sources.append(
            services.source_upsert(
                name=source["name"],
                table_path=source["table_path"],
                query=_query(areas),
                indicators=source["indicators"],
                breakdown_dimensions=source.get("breakdown_dimensions", {}),
            )
        )
    indicators = {i.code: i for i in Indicator.objects.all()}
    for target in data["targets"]:
        services.target_set(
            indicator=indicators[target["indicator"]],
            period=target["period"],
            value=Decimal(target["value"]),
            decision=target["decision"],
        )
    return {"home": home, "sources": sources, "indicators": indicators}


def load(*, stdout) -> None:
    data = spec()
    loaded = load_definitions(data)
    with LocalPxWebServer() as server:
        for source in loaded["sources"]:
            run = services.source_import(source=source, base_url=server.url)
            stdout.write(
                f"  {source.name}: {run.get_status_display()}, {run.created_count} new, "
                f"{run.changed_count} changed {run.message}\n"
            )
    selection = data["selection"]
    if not Selection.objects.filter(name=selection["name"]).exists():
        members = get_user_model().objects.filter(email__in=selection["members"])
        services.selection_create(
            name=selection["name"],
            members=members,
            items=[
                (
                    loaded["indicators"][item["indicator"]],
                    Decimal(item["alert_above"]) if "alert_above" in item else None,
                    Decimal(item["alert_below"]) if "alert_below" in item else None,
                )
                for item in selection["items"]
            ],
        )


def load_own_figures(*, stdout) -> None:
    """The portal's own figures, after the demo's cases and surveys exist."""
    run = services.own_figures_compute()
    if run is not None:
        stdout.write(f"  the portal's own figures: {run.created_count} new\n")
