"""What the accessibility crawl visits of the digital maturity app: the latest round, every
published round in full, the method and the comparison with other municipalities."""

from __future__ import annotations

from tests.e2e.crawl import LANGUAGES, Target
from tests.paths import app_url


def inventory() -> dict:
    """Runs inside Django: the published rounds' years."""
    from maturity.policies import public_rounds

    return {"years": list(public_rounds().values_list("year", flat=True))}


def targets(data: dict, *, resident_password: str) -> list[Target]:
    out: list[Target] = []
    for language in LANGUAGES:
        out.append(
            Target(
                f"digital maturity ({language})",
                app_url("maturity:index", lang=language),
                must_contain='class="maturity-chart"' if data.get("years") else "",
            )
        )
        out.append(
            Target(
                f"digital maturity method ({language})", app_url("maturity:method", lang=language)
            )
        )
        out.append(
            Target(
                f"digital maturity comparison ({language})",
                app_url("maturity:comparison", lang=language),
            )
        )
        for year in data.get("years", []):
            out.append(
                Target(
                    f"digital maturity {year} ({language})",
                    app_url("maturity:round", year, lang=language),
                    must_contain='class="maturity-table"',
                )
            )
    return out
