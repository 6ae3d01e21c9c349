"""Routes of the digital maturity app that `make bench` measures
(portal/management/commands/bench.py)."""

from django.urls import reverse
from django.utils.translation import override


def bench_routes(resident_email: str) -> list:
    from portal.management.commands.bench import BenchRoute

    with override("fi"):
        return [
            BenchRoute("digital maturity, latest round", reverse("maturity:index")),
            BenchRoute("digital maturity, comparison", reverse("maturity:comparison")),
        ]
