"""Median server time of the case handlers' admin screens on the demo data, and the time the
processing-time statistics take over a million decided cases (PostgreSQL).

Run on a database with the demo loaded (`manage.py load_demo`):

    DATABASE_URL=postgres://... SECRET_KEY=... ALLOWED_HOSTS=testserver \
        .venv/bin/python scripts/measure_cases_staff.py [--cases 1000000] [--runs 15]

Everything it writes (a TOTP device for the demo handler, the synthetic cases) is rolled back.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from cases import demo  # noqa: E402
from cases.models import Case, CaseType  # noqa: E402
from cases.policies import cases_of_handler  # noqa: E402
from cases.statistics import processing_times_compute  # noqa: E402
from tests.fixtures.roles import TOTP_SECRET, sign_in  # noqa: E402


def median_ms(client: Client, url: str, runs: int) -> float:
    timings = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
    return statistics.median(timings[1:])  # the first run warms the caches


def synthetic_cases(count: int) -> None:
    """`count` decided cases spread over the last year, inserted by PostgreSQL itself."""
    types = list(CaseType.objects.values_list("pk", "unit_id"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {Case._meta.db_table}
              (id, reference, case_type_id, unit_id, language, title, title_fi, publicity,
               status, submitted_at, decided_at, paused_seconds, processing_days,
               tracking_code_hash, created, modified)
            SELECT gen_random_uuid(), 'SYN/' || n, t.case_type_id, t.unit_id, 'fi', 'Synteettinen',
                   'Synteettinen', 'public', 'decided', now() - (n %% 365 + 30) * interval '1 day',
                   now() - (n %% 365) * interval '1 day', 0, (n * 37) %% 90, '', now(), now()
            FROM generate_series(1, %s) AS n
            JOIN (SELECT * FROM unnest(%s::bigint[], %s::bigint[])
                  WITH ORDINALITY AS x(case_type_id, unit_id, i)) t
              ON t.i = n %% %s + 1
            """,  # noqa: S608 (the table name comes from the model, not from input)
            [count, [t for t, _ in types], [u for _, u in types], len(types)],
        )
        cursor.execute(f"ANALYZE {Case._meta.db_table}")


def out(line: str) -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cases", type=int, default=1_000_000)
    args = parser.parse_args()
    handler = get_user_model().objects.get(email=demo.BUILDING_HANDLER)
    with transaction.atomic():
        TOTP.activate(handler, TOTP_SECRET)
        client = Client()
        sign_in(client, handler, mfa=True)
        case = cases_of_handler(handler).order_by("-submitted_at").first()
        out(f"{cases_of_handler(handler).count()} cases of the handler's unit")
        for url in (
            "/admin/unit_cases/",
            "/admin/unit_cases/?waiting=yes",
            "/admin/unit_cases/?overdue=yes",
            "/admin/unit_cases/?q=RAVA",
            f"/admin/unit_cases/edit/{case.pk}/",
            "/admin/case_types/",
        ):
            out(f"{median_ms(client, url, args.runs):8.1f} ms  GET {url}")
        started = time.perf_counter()
        processing_times_compute()
        out(f"{(time.perf_counter() - started) * 1000:8.1f} ms  statistics on the demo data")
        if connection.vendor == "postgresql" and args.cases:
            started = time.perf_counter()
            synthetic_cases(args.cases)
            out(f"{time.perf_counter() - started:8.1f} s   inserting {args.cases} decided cases")
            timings = []
            for _ in range(3):
                started = time.perf_counter()
                processing_times_compute()
                timings.append((time.perf_counter() - started) * 1000)
            out(
                f"{statistics.median(timings):8.1f} ms  statistics over "
                f"{Case.objects.count()} cases (median of 3)"
            )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
