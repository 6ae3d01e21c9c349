"""Median and 95th percentile server time of the finance overview and a drill-down page, on the
current data (e.g. the demo, after `load_demo`) and on a data set 50 times as large.

    DATABASE_URL=postgres://… python manage.py bench_finance --runs 50

The large set (2 000 cost centres × 12 periods × 5 years) is built inside a transaction that is
rolled back at the end: the database is left as it was. Times are measured in-process through
the whole middleware stack (no network, no gunicorn), as bench_decisions does.
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils.translation import override


class Rollback(Exception):
    pass


def _url(language: str, name: str, *args) -> str:
    with override(language):
        return reverse(name, args=args)


class Command(BaseCommand):
    help = "Print the median and p95 server time of the finance pages on this data and on 50×."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--skip-large", action="store_true")

    def handle(self, *args, runs: int, skip_large: bool, **options):
        from finance import selectors
        from finance.bench import build_large
        from finance.models import Figure

        self.stdout.write(f"database: {connection.vendor}, runs per route: {runs}")
        if selectors.current_year() is None:
            raise CommandError("No published budget: run load_demo first.")
        self._measure("current data", runs, Figure.objects.count())
        if skip_large:
            return
        try:
            with transaction.atomic():
                self.stdout.write("Building the 50× data set (rolled back afterwards)…")
                rows = build_large(stdout=self.stdout)
                self._measure("50× data", runs, rows)
                raise Rollback
        except Rollback:
            pass

    def _measure(self, label: str, runs: int, rows: int) -> None:
        from finance import selectors
        from finance.models import Level, Node

        year = selectors.current_year()
        sector = (
            Node.objects.filter(level=Level.SECTOR, is_binding=True).order_by("sort_order").first()
        )
        routes = [
            ("overview (fi)", _url("fi", "finance:index")),
            ("drill-down: a sector (fi)", _url("fi", "finance:node", year.year, sector.code)),
            ("drill-down: a sector (sv)", _url("sv", "finance:node", year.year, sector.code)),
            ("API figures", f"/api/v1/finance/figures/?year={year.year}&node={sector.code}"),
        ]
        self.stdout.write(f"{label}: {rows} rows of the export")
        with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False):
            client = Client()
            for name, url in routes:
                for _warm in range(3):
                    client.get(url, secure=True)
                timings = []
                for _run in range(runs):
                    start = time.perf_counter()
                    response = client.get(url, secure=True)
                    timings.append((time.perf_counter() - start) * 1000)
                timings.sort()
                p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
                with override_settings(DEBUG=True):
                    reset_queries()
                    client.get(url, secure=True)
                    queries = len(connection.queries)
                median = statistics.median(timings)
                self.stdout.write(
                    f"  {name:<28} {response.status_code}  median {median:6.1f} ms"
                    f"  p95 {p95:6.1f} ms  queries {queries}"
                )
