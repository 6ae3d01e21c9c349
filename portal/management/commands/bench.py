"""`make bench`: serve the portal with gunicorn and measure its routes.

For each route: median and 95th percentile of the response time (the server is on 127.0.0.1, so
this is server time plus a loopback round trip), requests per second at a fixed concurrency, that
throughput as a fraction of a bare Django view served by the same server, and the number of SQL
queries of one request. Run it against PostgreSQL (DATABASE_URL) with the data set loaded.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import override


@dataclass
class BenchRoute:
    name: str
    path: str
    method: str = "GET"
    # Form or JSON body for POST; a callable makes a new body per request.
    body: object = None
    json: bool = False
    signed_in: bool = False
    # Statuses that count as success (a repeated survey answer is 409, and that is fine).
    ok: tuple[int, ...] = (200,)


@dataclass
class Result:
    route: BenchRoute
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    queries: int | None = None

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))
        return ordered[index] * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fi(name: str, *args) -> str:
    with override("fi"):
        return reverse(name, args=args)


def bench_routes(resident_email: str) -> list[BenchRoute]:
    """Every route the quality bars name, with objects taken from the loaded data."""
    from cases.models import Case

    routes = [
        BenchRoute("bare Django view", "/__bench__/bare"),
        BenchRoute("home page, anonymous", "/fi/"),
        BenchRoute("API: case types", "/api/v1/case-types/"),
        BenchRoute("API: bodies", "/api/v1/bodies/"),
        BenchRoute("my cases", _fi("cases:my_cases"), signed_in=True),
        BenchRoute("API: my cases", "/api/v1/me/cases/", signed_in=True),
    ]
    case = Case.objects.filter(parties__user__email=resident_email).order_by("-modified").first()
    if case is not None:
        routes.append(
            BenchRoute("a resident's case page", _fi("cases:detail", case.pk), signed_in=True)
        )
    for extra in _app_routes():
        routes.extend(extra(resident_email))
    return routes


def _app_routes():
    """Routes of other apps, from their `bench_routes(resident_email)` where they have one."""
    import importlib

    for app in ("decisions", "participation", "indicators", "maturity", "finance"):
        try:
            module = importlib.import_module(f"{app}.bench")
        except ImportError:
            continue
        yield module.bench_routes


class Command(BaseCommand):
    help = "Serve the portal with gunicorn and print the response times of its main routes."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=5.0, help="Load time per route.")
        parser.add_argument("--concurrency", type=int, default=4, help="Parallel clients.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument(
            "--resident",
            default="aino.asukas@example.fi",
            help="The resident whose session the signed-in routes use.",
        )
        parser.add_argument("--only", default="", help="Measure only routes containing this.")

    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model

        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            self.stderr.write("Note: not PostgreSQL; the figures do not describe production.")
        resident = get_user_model().objects.filter(email=options["resident"]).first()
        if resident is None:
            raise CommandError(f"No user {options['resident']}: load the data set first.")
        routes = [
            route
            for route in bench_routes(resident.email)
            if options["only"] in route.name or route.name == "bare Django view"
        ]
        cookie = self._session_cookie(resident)
        queries = {route.name: self._count_queries(route, resident) for route in routes}
        port = free_port()
        server = self._start_server(port, options["workers"])
        try:
            results = []
            for route in routes:
                self.stdout.write(f"  measuring {route.name} …")
                result = self._load(port, route, cookie, options["seconds"], options["concurrency"])
                result.queries = queries.get(route.name)
                results.append(result)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        self._report(results, options)

    # --- Setup -----------------------------------------------------------------------------

    def _session_cookie(self, user) -> str:
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore

        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    def _count_queries(self, route: BenchRoute, user) -> int | None:
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, override_settings

        with override_settings(ROOT_URLCONF="portal.bench_urls", ALLOWED_HOSTS=["*"]):
            client = Client(raise_request_exception=False)
            if route.signed_in:
                client.force_login(user)
            send = getattr(client, route.method.lower())
            kwargs = self._body(route)
            send(route.path, secure=True, **kwargs)
            with CaptureQueriesContext(connection) as captured:
                response = send(route.path, secure=True, **kwargs)
        if response.status_code not in route.ok and response.status_code != 200:
            self.stderr.write(f"{route.name}: {response.status_code} in the query count run")
        return len(captured)

    @staticmethod
    def _body(route: BenchRoute) -> dict:
        if route.body is None:
            return {}
        body = route.body() if callable(route.body) else route.body
        if route.json:
            import json

            return {"data": json.dumps(body), "content_type": "application/json"}
        return {"data": body}

    def _start_server(self, port: int, workers: int) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings_bench",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
            "SECURE_SSL_REDIRECT": "0",
            "DEBUG": "",
        }
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            [
                gunicorn,
                "portal.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                "--log-level=warning",
            ],
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/__bench__/bare")
                if connection.getresponse().status == 200:
                    return server
            except OSError:
                time.sleep(0.3)
        server.kill()
        raise CommandError("gunicorn did not start within 60 s")

    # --- Load ------------------------------------------------------------------------------

    def _load(self, port, route: BenchRoute, cookie: str, seconds: float, concurrency: int):
        result = Result(route)
        lock = threading.Lock()
        stop = time.monotonic() + seconds
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
        if route.signed_in:
            headers["Cookie"] = cookie

        def client():
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            latencies, errors = [], 0
            while time.monotonic() < stop:
                body = None
                request_headers = dict(headers)
                if route.body is not None:
                    data = route.body() if callable(route.body) else route.body
                    if route.json:
                        import json

                        body = json.dumps(data).encode()
                        request_headers["Content-Type"] = "application/json"
                    else:
                        body = urlencode(data).encode()
                        request_headers["Content-Type"] = "application/x-www-form-urlencoded"
                started = time.perf_counter()
                try:
                    connection.request(route.method, route.path, body=body, headers=request_headers)
                    response = connection.getresponse()
                    response.read()
                except OSError:
                    errors += 1
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    continue
                elapsed = time.perf_counter() - started
                if response.status in route.ok:
                    latencies.append(elapsed)
                else:
                    errors += 1
            with lock:
                result.latencies.extend(latencies)
                result.errors += errors

        started = time.monotonic()
        threads = [threading.Thread(target=client) for _ in range(concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        result.seconds = time.monotonic() - started
        return result

    # --- Report ----------------------------------------------------------------------------

    def _report(self, results: list[Result], options) -> None:
        bare = next((r for r in results if r.route.name == "bare Django view"), None)
        self.stdout.write("")
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(
            f"{options['workers']} gunicorn workers, {options['concurrency']} clients, "
            f"{options['seconds']:.0f} s per route, database {engine}"
        )
        header = (
            f"{'route':40} {'median ms':>10} {'p95 ms':>8} {'req/s':>8} {'vs bare':>8} "
            f"{'queries':>8} {'errors':>7}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for result in results:
            ratio = result.rps / bare.rps if bare and bare.rps else float("nan")
            self.stdout.write(
                f"{result.route.name[:40]:40} {result.percentile(50):10.1f} "
                f"{result.percentile(95):8.1f} {result.rps:8.1f} {ratio:8.2f} "
                f"{result.queries if result.queries is not None else '-':>8} {result.errors:7d}"
            )
