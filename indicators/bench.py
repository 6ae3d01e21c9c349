"""Routes of the key figures that `make bench` measures (portal/management/commands/bench.py)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import override


def _url(language: str, name: str, *args) -> str:
    with override(language):
        return reverse(name, args=args)


def bench_routes(resident_email: str) -> list:
    from indicators import selectors
    from indicators.models import Theme
    from portal.management.commands.bench import BenchRoute

    routes = [
        BenchRoute("key figures: economy dashboard", _url("fi", "indicators:theme", Theme.ECONOMY))
    ]
    # The published indicator with the longest series (most periods), first by code: a heavy
    # indicator page, and the same indicator in every data set, so that runs compare.
    indicator = (
        selectors.indicators_published()
        .annotate(period_count=Count("values__period", distinct=True), value_count=Count("values"))
        .order_by("-period_count", "code")
        .first()
    )
    if indicator is not None:
        routes.append(
            BenchRoute(
                f"key figure page with {indicator.value_count} values",
                _url("fi", "indicators:detail", indicator.code),
            )
        )
    return routes
