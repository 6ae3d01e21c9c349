"""Load the starting catalogue: sectors, process phases and a few dozen municipal services.

The list lives in maturity/data/catalogue.json; staff extend and edit it in the admin. Running
the migration again on a database that has the entries changes nothing. The reverse removes the
entries of the file that no assessment refers to.
"""

import json
from pathlib import Path

from django.db import migrations

CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "catalogue.json"


def _names(prefix, texts):
    return {f"{prefix}_{code}": texts.get(code, "") for code in ("fi", "sv", "en")}


def load(apps, schema_editor):
    Sector = apps.get_model("maturity", "Sector")
    ProcessPhase = apps.get_model("maturity", "ProcessPhase")
    Service = apps.get_model("maturity", "Service")
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    phases = {}
    for order, entry in enumerate(data["phases"]):
        phases[entry["code"]], _created = ProcessPhase.objects.get_or_create(
            code=entry["code"], defaults={"sort_order": order, **_names("name", entry["name"])}
        )
    sectors = {}
    for order, entry in enumerate(data["sectors"]):
        sectors[entry["code"]], _created = Sector.objects.get_or_create(
            code=entry["code"], defaults={"sort_order": order, **_names("name", entry["name"])}
        )
    for order, entry in enumerate(data["services"]):
        service, created = Service.objects.get_or_create(
            code=entry["code"],
            defaults={
                "sector": sectors[entry["sector"]],
                "sort_order": order,
                **_names("name", entry["name"]),
            },
        )
        if created:
            service.phases.set([phases[code] for code in entry["phases"]])


def unload(apps, schema_editor):
    Sector = apps.get_model("maturity", "Sector")
    ProcessPhase = apps.get_model("maturity", "ProcessPhase")
    Service = apps.get_model("maturity", "Service")
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    Service.objects.filter(
        code__in=[entry["code"] for entry in data["services"]], assessments__isnull=True
    ).delete()
    Sector.objects.filter(
        code__in=[entry["code"] for entry in data["sectors"]], services__isnull=True
    ).delete()
    ProcessPhase.objects.filter(
        code__in=[entry["code"] for entry in data["phases"]], services__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("maturity", "0001_add_catalogue_rounds_and_assessments")]

    operations = [migrations.RunPython(load, unload)]
