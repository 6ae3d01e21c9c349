"""What the accessibility crawl visits of the finance app: the current year's overview, a
sector and a responsibility area, the targets, the investments, each published report, a
previous year, in every language."""

from __future__ import annotations

from tests.e2e.crawl import LANGUAGES, Target
from tests.paths import app_url


def inventory() -> dict:
    """Runs inside Django: the demo's finance years, nodes and reports, as JSON-able data."""
    from finance import policies, selectors
    from finance.models import Level, Node

    year = selectors.current_year()
    if year is None:
        return {}
    sector = Node.objects.filter(level=Level.SECTOR, is_binding=True).order_by("sort_order").first()
    area = sector.children.filter(level=Level.AREA).order_by("sort_order").first()
    previous = policies.years_published().filter(year__lt=year.year).first()
    return {
        "year": year.year,
        "previous": previous.year if previous else None,
        "sector": sector.code,
        "area": area.code if area else None,
        "reports": list(
            policies.reports_published().filter(year=year).values_list("pk", flat=True)
        ),
    }


def targets(data: dict, *, resident_password: str) -> list[Target]:
    if not data:
        return []
    out: list[Target] = []
    year = data["year"]
    for lang in LANGUAGES:

        def url(name: str, *args, lang: str = lang) -> str:
            return app_url(f"finance:{name}", *args, lang=lang)

        out += [
            Target(f"finances ({lang})", url("index"), must_contain='class="finance-chart__svg"'),
            Target(f"finances of a year ({lang})", url("year", year)),
            Target(
                f"finances: a sector ({lang})",
                url("node", year, data["sector"]),
                must_contain='class="finance-chart__svg"',
            ),
            Target(f"finances: binding targets ({lang})", url("targets", year)),
            Target(f"finances: investments ({lang})", url("investments", year)),
            *[
                Target(f"finances: report {pk} ({lang})", url("report", year, pk))
                for pk in data["reports"]
            ],
        ]
        if data.get("area"):
            out.append(Target(f"finances: an area ({lang})", url("node", year, data["area"])))
        if data.get("previous"):
            out.append(Target(f"finances: previous year ({lang})", url("year", data["previous"])))
    return out
