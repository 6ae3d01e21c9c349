"""Grow the demo municipality to a data set of QUALITY.md (Performance) for the benchmark.

    python manage.py load_demo
    python manage.py generate_scale --size small      # or city

Each app generates its own rows (<app>/scale.py). A step commits its rows a chunk at a time and
counts what is already there, so running the command again continues where it stopped and
never adds a second copy. Needs PostgreSQL (the rows are written with COPY).

Loading is bulk loading (portal.scale): the large tables' plain indexes are built after their
rows are in (and by the next run if one stops half-way), the session does not wait for the disk
at each commit, and, run as a superuser, skips the foreign-key checks of rows whose references
the generators made themselves.
"""

from __future__ import annotations

import gc
import importlib
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal import pagecache
from portal.scale import SIZES, Plan, bulk_session

# (app, what it generates) in the order of their dependencies: the apps' generators need the
# demo's records (case types, bodies, indicators, news index) and nothing of each other.
STEPS = [
    ("cases", "cases and their events"),
    ("decisions", "meetings, agenda items and officeholder decisions"),
    ("participation", "survey responses"),
    ("finance", "budget rows"),
    ("indicators", "key-figure values"),
    ("maturity", "other municipalities' maturity rounds"),
    ("cms", "news pages"),
]


class Command(BaseCommand):
    help = "Generate the benchmark's data set (small or city) on top of the demo; resumable."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument(
            "--only", default="", help="Comma-separated apps to generate (default: all)."
        )

    def handle(self, *args, size: str, only: str, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_scale writes with PostgreSQL's COPY: use PostgreSQL.")
        wanted = {name.strip() for name in only.split(",") if name.strip()}
        unknown = wanted - {app for app, _label in STEPS}
        if unknown:
            raise CommandError(f"Unknown apps: {', '.join(sorted(unknown))}")
        plan = Plan(size=size, counts=SIZES[size])
        started = time.monotonic()
        self.stdout.write(f"Generating the {size!r} data set:")
        threshold = gc.get_threshold()
        gc.set_threshold(100_000, 50, 1_000)
        try:
            with bulk_session():
                self._generate(plan, wanted)
        finally:
            gc.set_threshold(*threshold)
            gc.unfreeze()
        # The rows went in around the services, which drop the anonymous pages' cache on
        # every publication: drop it once for all of them.
        pagecache.invalidate()
        self.stdout.write(
            self.style.SUCCESS(
                f"The {size!r} data set is ready ({time.monotonic() - started:.0f} s)."
            )
        )

    def _generate(self, plan: Plan, wanted: set[str]) -> None:
        for app, label in STEPS:
            if wanted and app not in wanted:
                continue
            self.stdout.write(f"{label}…")
            step_started = time.monotonic()
            module = importlib.import_module(f"{app}.scale")
            # The generators make millions of short-lived rows and no reference cycles: the
            # collector's full passes over every object of the loaded application would cost
            # a third of the time. What is loaded so far is left out of them.
            gc.collect()
            gc.freeze()
            try:
                module.generate(plan, self.stdout)
            except RuntimeError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"  done in {time.monotonic() - step_started:.1f} s")
