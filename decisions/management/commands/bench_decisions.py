"""Median and 95th percentile server time of the decisions' heaviest routes on this database.

Run on the demo data (`load_demo`), ideally on PostgreSQL:
    DATABASE_URL=postgres://… python manage.py bench_decisions --runs 50
Times are measured in-process through the whole middleware stack (no network, no gunicorn).
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils.translation import override

from decisions import policies


def _url(language: str, name: str, *args, query: str = "") -> str:
    with override(language):
        return reverse(name, args=args) + query


class Command(BaseCommand):
    help = "Print the median and p95 server time of the meeting page, item page, search and API."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50)

    def handle(self, *args, runs: int, **options):
        meeting = (
            policies.meetings_visible()
            .annotate(n=Count("items"))
            .filter(n__gte=40)
            .order_by("-n")
            .first()
        )
        if meeting is None:
            raise CommandError("No published meeting with 40 items: run load_demo first.")
        item = policies.agenda_items_visible().filter(meeting=meeting).order_by("order")[20]
        routes = [
            (f"meeting page with {meeting.n} items", _url("fi", "decisions:meeting", meeting.pk)),
            ("agenda item page", _url("fi", "decisions:item", item.pk)),
            (
                "search fi “päätöksestä”",
                _url("fi", "decisions:search", query="?q=p%C3%A4%C3%A4t%C3%B6ksest%C3%A4"),
            ),
            (
                "search fi “koulukeskuksen”",
                _url("fi", "decisions:search", query="?q=koulukeskuksen"),
            ),
            ("search sv “skolcentret”", _url("sv", "decisions:search", query="?q=skolcentret")),
            (
                "search fi “talousarvion”",
                _url("fi", "decisions:search", query="?q=talousarvion"),
            ),
            ("search sv “föreslås”", _url("sv", "decisions:search", query="?q=f%C3%B6resl%C3%A5s")),
            (
                "search sv “föreslås”, page 5",
                _url("sv", "decisions:search", query="?q=f%C3%B6resl%C3%A5s&page=5"),
            ),
            (
                "search sv, body and dates",
                _url(
                    "sv",
                    "decisions:search",
                    query="?q=f%C3%B6resl%C3%A5s&body=kunnanhallitus&date_from=2020-01-01",
                ),
            ),
            (
                "search with filters",
                _url("fi", "decisions:search", query="?q=talousarvion&body=kunnanhallitus"),
            ),
            ("API agenda items ?q=", "/api/v1/agenda-items/?q=koulu"),
            ("API meetings", "/api/v1/meetings/"),
        ]
        self.stdout.write(f"database: {connection.vendor}, runs per route: {runs}")
        with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False):
            client = Client()
            for label, url in routes:
                for _warm in range(3):
                    client.get(url, secure=True)
                timings = []
                for _run in range(runs):
                    start = time.perf_counter()
                    response = client.get(url, secure=True)
                    timings.append((time.perf_counter() - start) * 1000)
                queries = self._queries(client, url)
                timings.sort()
                p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
                median = statistics.median(timings)
                self.stdout.write(
                    f"{label:<32} {response.status_code}  median {median:6.1f} ms"
                    f"  p95 {p95:6.1f} ms  queries {queries}"
                )

    def _queries(self, client, url: str) -> int:
        with override_settings(DEBUG=True):
            reset_queries()
            client.get(url, secure=True)
            return len(connection.queries)
