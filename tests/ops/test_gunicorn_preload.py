"""gunicorn loads the application and the Swedish dictionary once, in the master, so that its
workers share those pages instead of each holding a copy (gunicorn.conf.py)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from portal import textsearch

ROOT = Path(__file__).resolve().parents[2]
# What a worker shares with the master: the application and the Swedish dictionary (some 39 MB
# of Python objects) are well over this, the interpreter's libraries alone (no preloading) about
# 36 MB.
DICTIONARY_MB = 80


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.append(int(entry.name))
    return found


def _shared_mb(pid: int) -> float:
    """Memory of the process that is shared with others (its parent, its siblings), in MB."""
    sizes = {}
    for line in (Path("/proc") / str(pid) / "smaps_rollup").read_text().splitlines():
        name, _, value = line.partition(":")
        if value.strip().endswith("kB"):
            sizes[name] = int(value.split()[0])
    return (sizes["Shared_Clean"] + sizes["Shared_Dirty"]) / 1024


def test_gunicorn__workers_share_the_dictionary_the_master_preloaded(tmp_path):
    assert textsearch.missing_analysers() == [], "install voikko-fi and hunspell-sv"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DEBUG": ""}
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn with the project's config file
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "2", "--timeout", "120"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        workers = []
        while len(workers) < 2 and time.monotonic() < deadline:
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()[-3000:]
            time.sleep(0.5)
            workers = _children(server.pid)
        assert len(workers) == 2, "gunicorn started no workers within 120 s"
        time.sleep(1)  # the workers finish their own start-up

        shared = [_shared_mb(pid) for pid in workers]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    # Without preloading, a worker shares only the interpreter's libraries with the master.
    assert min(shared) > DICTIONARY_MB, shared
