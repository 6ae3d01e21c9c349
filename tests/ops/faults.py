"""The pieces of the fault tests: a Redis server, a mail server, Celery workers and gunicorn, each
the test's own (free ports, the current test database), started and stopped by the test.

The shared Redis on 6379 is never touched. Subprocesses see committed data only: the tests that
use these run with `transaction=True`.
"""

from __future__ import annotations

import email
import os
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.05):
    """Poll `condition` until it returns something true; fail with `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The database the tests run in (pytest-django's test database, per xdist worker)."""
    db = connection.settings_dict
    auth = quote(db.get("USER") or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


def require_postgresql():
    import pytest

    if connection.vendor != "postgresql":
        pytest.skip("the fault tests run a worker against PostgreSQL: set DATABASE_URL")


class Process:
    """A subprocess in its own process group, with its output in a log file."""

    def __init__(self, name: str, args: list[str], *, env: dict, log_dir: Path, pass_fds=()):
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self._log = self.log_path.open("ab")
        self.proc = subprocess.Popen(  # noqa: S603 - the test's own command line
            args,
            cwd=BASE_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            pass_fds=pass_fds,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self, sig=signal.SIGKILL) -> None:
        """Signal the whole group (a worker's embedded beat and pool children die with it)."""
        if self.alive():
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=20)
        self._log.close()

    def stop(self) -> None:
        self.kill(signal.SIGTERM)


class RedisServer:
    """A redis-server of the test's own, without persistence: a restart comes back empty."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.port = free_port()
        self.process: Process | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--appendonly", "no", "--dir", str(self.log_dir)]
        self.process = Process("redis", args, env=dict(os.environ), log_dir=self.log_dir)
        wait_for(lambda: self.ping() or not self.process.alive(), timeout=20, what="redis-server")
        assert self.process.alive(), self.process.log()

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None


@dataclass
class Received:
    at: float
    data: bytes

    @property
    def message_id(self) -> str:
        return " ".join(email.message_from_bytes(self.data)["Message-ID"].split())


@dataclass
class SmtpSink:
    """A mail server on a free port that keeps what it accepts.

    `mode`: "accept"; "refuse" (451 to every recipient, the attempt's time kept in `refused`);
    "stall_after_data" (the message is received and kept, the reply never comes: the moment a
    worker cannot know that the server has it); "stall_before_data" (hangs at RCPT: the server
    has nothing). A stall sets `stalled` and waits for `release`.
    """

    mode: str = "accept"
    messages: list[Received] = field(default_factory=list)
    refused: list[float] = field(default_factory=list)
    stalled: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self):
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(line.encode() + b"\r\n")
                self.wfile.flush()

            def handle(self):
                self.reply("220 sink.example ESMTP")
                while line := self.rfile.readline():
                    command = line[:4].upper()
                    if command == b"EHLO":
                        self.reply("250-sink.example")
                        self.reply("250 8BITMIME")
                    elif command == b"RCPT":
                        if sink.mode == "stall_before_data":
                            sink.stalled.set()
                            sink.release.wait(60)
                            return
                        if sink.mode == "refuse":
                            sink.refused.append(time.monotonic())
                            self.reply("451 4.3.0 Mailbox temporarily unavailable")
                        else:
                            self.reply("250 OK")
                    elif command == b"DATA":
                        self.reply("354 End data with <CR><LF>.<CR><LF>")
                        lines = []
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            lines.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                        sink.messages.append(Received(time.monotonic(), b"".join(lines)))
                        if sink.mode == "stall_after_data":
                            sink.stalled.set()
                            sink.release.wait(60)
                            return
                        self.reply("250 OK queued")
                    elif command == b"QUIT":
                        self.reply("221 Bye")
                        return
                    else:
                        self.reply("250 OK")

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def portal_env(*, redis: RedisServer, smtp: SmtpSink, **extra: str) -> dict:
    """The environment of a worker or web process: this test's database, Redis and mail server."""
    env = dict(os.environ)
    env.pop("DEBUG", None)
    env.update(
        DATABASE_URL=database_url(),
        DATABASE_CONN_MAX_AGE="0",
        REDIS_URL=redis.url,
        SECRET_KEY=settings.SECRET_KEY,
        PORTAL_BASE_URL=settings.PORTAL_BASE_URL,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),
        EMAIL_USE_TLS="0",
        EMAIL_TIMEOUT="10",
        # The outbox's clocks, short enough for a test: the sweep every second, for any age.
        NOTIFICATIONS_SWEEP_SECONDS="1",
        NOTIFICATIONS_SWEEP_AGE_SECONDS="0",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def start_worker(name: str, *, env: dict, log_dir: Path) -> Process:
    """A Celery worker with its embedded beat (the outbox sweep), ready to take tasks."""
    args = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "-B"]
    args += ["-s", str(log_dir / f"{name}-beat-schedule"), "--loglevel=INFO"]
    args += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{name}@%h"]
    worker = Process(name, args, env=env, log_dir=log_dir)
    wait_for(
        lambda: " ready." in worker.log() or not worker.alive(),
        timeout=120,
        what=f"Celery worker {name}",
        interval=0.2,
    )
    assert worker.alive(), worker.log()
    return worker


def start_gunicorn(*, env: dict, log_dir: Path, workers: int = 2) -> tuple[Process, int]:
    """gunicorn on a socket the test binds (no port race); returns it and the port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    fd = sock.fileno()
    os.set_inheritable(fd, True)
    args = [sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", str(workers)]
    args += ["--bind", f"fd://{fd}", "--timeout", "60"]
    server = Process("gunicorn", args, env=env, log_dir=log_dir, pass_fds=(fd,))
    sock.close()

    def answers():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
                conn.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                return conn.recv(16).startswith(b"HTTP/1")
        except OSError:
            return not server.alive()

    wait_for(answers, timeout=120, what="gunicorn", interval=0.2)
    assert server.alive(), server.log()
    return server, port


def publish(redis: RedisServer, task_name: str, *args) -> None:
    """Send a task to this test's Redis (the test process's own Celery runs tasks in-process)."""
    from portal.celery import app

    with app.connection_for_write(redis.url) as conn, warnings.catch_warnings():
        # The in-process default does not apply to a task sent by name; that is the point.
        warnings.simplefilter("ignore")
        app.send_task(task_name, args=list(args), connection=conn)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def report(request, line: str) -> None:
    """Print a measured figure where `pytest` shows it even without -s."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    sys.stdout.write(line + "\n")
    if reporter is not None:
        reporter.write_line(line)
