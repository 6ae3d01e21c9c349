"""`make bench`: serve the portal with gunicorn and measure its routes.

For each route: median and 95th percentile of the response time (the server is on 127.0.0.1, so
this is server time plus a loopback round trip), requests per second at a fixed concurrency, that
throughput as a fraction of a bare Django view served by the same server, and the number of SQL
queries of one request. Run it against PostgreSQL (DATABASE_URL) with the data set loaded.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
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
    # Extra request headers; a callable makes new ones per request (e.g. another client
    # address in X-Forwarded-For, which the benchmark's server trusts from 127.0.0.1).
    headers: object = None


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
        routes.append(BenchRoute("API: my case", f"/api/v1/me/cases/{case.pk}/", signed_in=True))
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


# QUALITY.md (Performance): per kind of route, the p95 server time (ms) and the throughput as a
# fraction of the bare Django view that the `city` data set must meet.
TARGETS: list[tuple[re.Pattern, float, float]] = [
    (re.compile(r"^home page"), 10.0, 0.8),
    (re.compile(r"^(my cases|a resident's case page)"), 25.0, 0.4),
    (re.compile(r"^meeting page"), 40.0, 0.3),
    (re.compile(r"^decision search"), 80.0, 0.2),
    (re.compile(r"^survey (answer )?submission"), 30.0, 0.4),
    (re.compile(r"^API: "), 40.0, 0.3),
]
MAX_QUERIES = 15
MAX_P95_GROWTH = 1.3
MAX_WORKER_RSS_MB = 250.0
SAVED_RUNS = Path("var") / "bench"


def target_for(name: str) -> tuple[float, float] | None:
    """(p95 ms, throughput ratio) that QUALITY.md sets for a route, None if it sets none."""
    for pattern, p95, ratio in TARGETS:
        if pattern.search(name):
            return p95, ratio
    return None


def route_key(name: str) -> str:
    """The route's name without the counts that differ between data sets ("meeting page with
    40 items", "survey results page (312 responses)"), to match routes of two runs."""
    return re.sub(r"\d[\d\s]*", "#", name).strip()


def run_record(results: list[Result], *, options: dict, dataset: str, memory: dict) -> dict:
    """The run as JSON: settings, each route's figures, and the workers' memory (RSS, PSS)."""
    bare = next((r for r in results if r.route.name == "bare Django view"), None)
    routes = []
    for result in results:
        ratio = result.rps / bare.rps if bare and bare.rps else None
        routes.append(
            {
                "name": result.route.name,
                "key": route_key(result.route.name),
                "path": result.route.path,
                "method": result.route.method,
                "requests": len(result.latencies),
                "errors": result.errors,
                "p50_ms": _number(result.percentile(50)),
                "p95_ms": _number(result.percentile(95)),
                "rps": round(result.rps, 2),
                "ratio_to_bare": round(ratio, 4) if ratio is not None else None,
                "queries": result.queries,
            }
        )
    return {
        "dataset": dataset,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "workers": options["workers"],
        "concurrency": options["concurrency"],
        "seconds": options["seconds"],
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "worker_rss_mb": {pid: sizes["rss"] for pid, sizes in memory.items()},
        "worker_pss_mb": {pid: sizes["pss"] for pid, sizes in memory.items()},
        "routes": routes,
    }


def _number(value: float) -> float | None:
    return None if value != value else round(value, 2)  # NaN: no successful request


@dataclass
class Comparison:
    """One route of two runs: B's p95 as a multiple of A's, and B against QUALITY.md."""

    key: str
    name: str
    p95_a: float | None
    p95_b: float | None
    ratio_b: float | None
    queries_a: int | None
    queries_b: int | None
    target: tuple[float, float] | None

    @property
    def growth(self) -> float | None:
        if not self.p95_a or self.p95_b is None:
            return None
        return self.p95_b / self.p95_a

    def verdicts(self) -> dict[str, bool | None]:
        """Each bar the route has: True met, False missed, None not measurable here."""
        growth = self.growth
        found: dict[str, bool | None] = {
            "p95 growth": None if growth is None else growth <= MAX_P95_GROWTH,
            "queries": None
            if self.queries_b is None
            else self.queries_b <= MAX_QUERIES
            and (self.queries_a is None or self.queries_a == self.queries_b),
        }
        if self.target is not None:
            p95, ratio = self.target
            found["p95 target"] = None if self.p95_b is None else self.p95_b <= p95
            found["throughput target"] = None if self.ratio_b is None else self.ratio_b >= ratio
        return found


def compare_runs(a: dict, b: dict) -> list[Comparison]:
    """The routes of run B matched with run A's by their key, in B's order."""
    earlier = {route["key"]: route for route in a["routes"]}
    rows = []
    for route in b["routes"]:
        if route["name"] == "bare Django view":
            continue
        before = earlier.get(route["key"], {})
        rows.append(
            Comparison(
                key=route["key"],
                name=route["name"],
                p95_a=before.get("p95_ms"),
                p95_b=route["p95_ms"],
                ratio_b=route["ratio_to_bare"],
                queries_a=before.get("queries"),
                queries_b=route["queries"],
                target=target_for(route["name"]),
            )
        )
    return rows


def _mark(value: bool | None) -> str:
    return {True: "met", False: "MISSED", None: "-"}[value]


def compare_report(a: dict, b: dict) -> str:
    """A table of B/A per route with each QUALITY.md bar marked met or missed."""
    rows = compare_runs(a, b)
    lines = [
        f"A: {a.get('dataset', '?')} ({a.get('created', '?')}), "
        f"B: {b.get('dataset', '?')} ({b.get('created', '?')})",
        f"{'route':40} {'p95 A':>8} {'p95 B':>8} {'B/A':>6} {'≤1.3':>6} {'target':>12} "
        f"{'p95':>6} {'vs bare':>8} {'thruput':>7} {'queries':>9}",
    ]
    lines.append("-" * len(lines[1]))
    for row in rows:
        verdicts = row.verdicts()
        growth = row.growth
        target = f"{row.target[0]:.0f}ms/{row.target[1]:.1f}" if row.target else "-"
        queries = f"{row.queries_a if row.queries_a is not None else '-'}/{row.queries_b}"
        lines.append(
            f"{row.name[:40]:40} {_ms(row.p95_a):>8} {_ms(row.p95_b):>8} "
            f"{(f'{growth:.2f}' if growth is not None else '-'):>6} "
            f"{_mark(verdicts['p95 growth']):>6} {target:>12} "
            f"{_mark(verdicts.get('p95 target')):>6} "
            f"{(f'{row.ratio_b:.2f}' if row.ratio_b is not None else '-'):>8} "
            f"{_mark(verdicts.get('throughput target')):>7} "
            f"{queries:>6} {_mark(verdicts['queries']):>2}"
        )
    missed = sum(1 for row in rows for verdict in row.verdicts().values() if verdict is False)
    rss = b.get("worker_rss_mb") or {}
    if rss:
        largest = max(rss.values())
        pss = [mb for mb in (b.get("worker_pss_mb") or {}).values() if mb is not None]
        shared = f"; proportional share (PSS) at most {max(pss):.0f} MB" if pss else ""
        lines.append(
            f"largest worker resident memory in B: {largest:.0f} MB "
            f"(≤ {MAX_WORKER_RSS_MB:.0f} MB: {_mark(largest <= MAX_WORKER_RSS_MB)}){shared}"
        )
        missed += largest > MAX_WORKER_RSS_MB
    if missed:
        lines.append(f"{missed} bar{'s' if missed > 1 else ''} missed")
    else:
        lines.append("every measured bar met")
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def load_run(name: str) -> dict:
    """A saved run: a JSON file, or a data set's latest run under var/bench/."""
    path = Path(name)
    if not path.suffix:
        path = SAVED_RUNS / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"No saved run {path}: run the benchmark on that data set.") from None


def workers_memory_mb(master_pid: int) -> dict[str, dict[str, float]]:
    """Each child process of the gunicorn master: its resident memory (RSS, MB) and its
    proportional share of it (PSS, MB: a page shared with n processes counts 1/n), Linux /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            rollup = (entry / "smaps_rollup").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() != str(master_pid):
            continue
        sizes = dict(line.split(":", 1) for line in rollup.splitlines() if ":" in line)
        rss, pss = fields.get("VmRSS", "").split(), sizes.get("Pss", "").split()
        if rss:
            found[entry.name] = {
                "rss": round(int(rss[0]) / 1024, 1),
                "pss": round(int(pss[0]) / 1024, 1) if pss else None,
            }
    return found


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
        parser.add_argument(
            "--dataset",
            default=os.environ.get("BENCH_DATASET") or "demo",
            help="Name of the loaded data set; the run is saved as var/bench/<dataset>.json.",
        )
        parser.add_argument("--json", default="", help="Also write the run to this file.")
        parser.add_argument(
            "--compare",
            nargs=2,
            metavar=("A", "B"),
            help="Print B's p95 per route as a multiple of A's, with QUALITY.md's bars marked "
            "(saved runs: data set names or JSON files); measures nothing.",
        )

    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model

        if options["compare"]:
            first, second = (load_run(name) for name in options["compare"])
            self.stdout.write(compare_report(first, second))
            return

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
            memory = workers_memory_mb(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        self._report(results, options)
        if memory:
            self.stdout.write(
                "gunicorn workers' memory after the run (resident / proportional share): "
                + ", ".join(
                    f"{sizes['rss']:.0f} MB / "
                    + (f"{sizes['pss']:.0f} MB" if sizes["pss"] is not None else "-")
                    for sizes in memory.values()
                )
            )
        record = run_record(results, options=options, dataset=options["dataset"], memory=memory)
        targets = [SAVED_RUNS / f"{options['dataset']}.json"]
        if options["json"]:
            targets.append(Path(options["json"]))
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
            self.stdout.write(f"Saved {target}")

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

        # The queries of rendering the route: with the page cache on, a repeated anonymous
        # request would make none, and the count would say nothing of the route's work.
        with override_settings(
            ROOT_URLCONF="portal.bench_urls",
            ALLOWED_HOSTS=["*"],
            TRUSTED_PROXIES=["127.0.0.1"],
            PAGE_CACHE_SECONDS=0,
        ):
            client = Client(raise_request_exception=False)
            if route.signed_in:
                client.force_login(user)
            send = getattr(client, route.method.lower())

            def request():
                if not route.signed_in:
                    # A new visitor each time: e.g. no respondent pass from the last answer.
                    client.cookies.clear()
                headers = route.headers() if callable(route.headers) else route.headers
                return send(route.path, secure=True, headers=headers, **self._body(route))

            request()
            with CaptureQueriesContext(connection) as captured:
                response = request()
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
                # A worker's first search loads the Swedish dictionary: seconds on a busy host.
                "--timeout=120",
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
                if route.headers is not None:
                    extra = route.headers() if callable(route.headers) else route.headers
                    request_headers.update(extra)
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
