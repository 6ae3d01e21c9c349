"""Other municipalities' digital-maturity rounds for the benchmark (`manage.py generate_scale`).

A country's worth of comparison data: rounds of other municipalities, imported through
`round_import` (validated and scored as any import) from the demo's exported documents with
another municipality's name and code and that municipality's own levels and shares.
"""

from __future__ import annotations

import json

from maturity.demo import DATA, TOWNS
from maturity.models import ImportedRound
from maturity.services import round_import
from portal.scale import Plan, chunks

SOURCE = "https://scale.example.fi/{code}/maturity/{year}.json"
# Name parts of invented municipalities: "Koivu" + "lahti" → Koivulahti / Björkvik.
FIRST = [("Koivu", "Björk"), ("Mänty", "Tall"), ("Kuusi", "Gran"), ("Leppä", "Al"),
         ("Paju", "Vide"), ("Tammi", "Ek"), ("Vaahtera", "Lönn"), ("Haapa", "Asp"),
         ("Saarni", "Ask"), ("Pihlaja", "Rönn"), ("Kivi", "Sten"), ("Hiekka", "Sand"),
         ("Kallio", "Berg"), ("Niitty", "Äng"), ("Pelto", "Åker")]  # fmt: skip
SECOND = [("lahti", "vik"), ("niemi", "näs"), ("saari", "holm"), ("joki", "å"),
          ("järvi", "sjö"), ("mäki", "backa"), ("ranta", "strand"), ("kylä", "by"),
          ("vaara", "berga"), ("salmi", "sund")]  # fmt: skip


def done() -> int:
    return ImportedRound.objects.filter(source__startswith="https://scale.example.fi/").count()


def _municipality(index: int) -> dict:
    first = FIRST[index % len(FIRST)]
    second = SECOND[(index // len(FIRST)) % len(SECOND)]
    number = index // (len(FIRST) * len(SECOND))
    suffix = f" {number + 1}" if number else ""
    return {
        "name": {"fi": f"{first[0]}{second[0]}{suffix}", "sv": f"{first[1]}{second[1]}{suffix}"},
        "code": f"{500 + index}",
    }


def _document(template: dict, index: int, rng) -> dict:
    document = json.loads(json.dumps(template))
    document["municipality"] = _municipality(index)
    document["source"] = SOURCE.format(code=document["municipality"]["code"], year=document["year"])
    for service in document.get("services", []):
        if "electronic_share" in service and isinstance(service["electronic_share"], int):
            service["electronic_share"] = rng.randint(0, 100)
        if isinstance(service.get("transactions_per_year"), int):
            service["transactions_per_year"] = rng.randint(0, 20_000)
    return document


def generate(plan: Plan, stdout) -> None:
    templates = [json.loads((DATA / "towns" / name).read_text("utf-8")) for name in TOWNS]

    def write(start: int, end: int) -> int:
        rng = plan.rng("maturity", start)
        for index in range(start, end):
            document = _document(templates[index % len(templates)], index, rng)
            content = json.dumps(document, ensure_ascii=False).encode()
            round_import(content=content, source=document["source"])
        return end - start

    chunks(
        stdout,
        "maturity rounds",
        total=plan.counts["maturity_rounds"],
        done=done(),
        size=50,
        write=write,
    )
