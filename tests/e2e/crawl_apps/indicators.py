"""What the accessibility crawl visits of the key figures: the dashboard of every theme, a theme
page, an indicator with its comparison chart and table, and one compared per resident."""

from __future__ import annotations

from tests.e2e.crawl import LANGUAGES, Target
from tests.paths import app_url


def inventory() -> dict:
    """Runs inside Django: the indicators the demo publishes, as JSON-able data."""
    from indicators.models import Indicator

    codes = set(Indicator.objects.filter(is_published=True).values_list("code", flat=True))
    if "unemployment-rate" not in codes:
        return {}
    return {
        "indicator": "unemployment-rate",
        "per_resident": "jobs" if "jobs" in codes else None,
        "own": "case-processing-days" if "case-processing-days" in codes else None,
    }


def targets(data: dict, *, resident_password: str) -> list[Target]:
    if not data:
        return []
    out: list[Target] = []
    for lang in LANGUAGES:

        def url(name: str, *args, lang: str = lang) -> str:
            return app_url(f"indicators:{name}", *args, lang=lang)

        out += [
            Target(f"key figures ({lang})", url("index"), must_contain='class="indicator-card"'),
            Target(f"key figures, employment ({lang})", url("theme", "employment")),
            Target(
                f"key figure with comparison ({lang})",
                url("detail", data["indicator"]),
                must_contain='class="line-chart__svg"',
            ),
        ]
        if data.get("per_resident"):
            out.append(
                Target(f"key figure per resident ({lang})", url("detail", data["per_resident"]))
            )
        if data.get("own"):
            out.append(Target(f"the portal's own key figure ({lang})", url("detail", data["own"])))
    return out
