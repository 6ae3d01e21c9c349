"""Peak memory of a gunicorn worker while hostile uploads are posted to it over HTTP.

Serves the portal with production settings (DEBUG off) and one gunicorn worker on a free port
against a scratch PostgreSQL database, signs a resident in, and posts the upload fuzz corpus
(valid files of every type, truncated and mutated ones, zip bombs inflating to 1 GiB, a
10-gigapixel PNG, polyglots, 11 MB files and an anonymous request declaring 300 MB) to the
resident's answer form. Prints the worker's resident memory before and its peak (VmHWM) after.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_upload_memory \
    SECRET_KEY=... .venv/bin/python scripts/measure_upload_memory.py [--mutations 200]

The database is created if missing and migrated; what the run writes stays there (a scratch
database: drop it afterwards).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _status(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _corpus(mutations: int) -> list[tuple[str, bytes]]:
    from tests import files

    corpus = [(f"ok.{kind}", make()) for kind, make in files.VALID.items()]
    corpus += [
        ("bomb.docx", files.zip_bomb("docx")),
        ("bomb.odt", files.zip_bomb("odt")),
        ("bomb.xlsx", files.zip_bomb("xlsx")),
        ("lie.docx", files.zip_bomb("docx", lie=True)),
        ("many.docx", files.many_entries()),
        ("huge.png", files.pixel_bomb()),
        ("poly.cmd", files.polyglot_pdf_html()),
        ("poly.jpg", files.polyglot_jpeg_zip()),
        ("padded.odt", files.odf("odt", mimetype=b"application/vnd.oasis.opendocument.text  ")),
        ("big.pdf", files.pdf() + bytes(11 * 1024 * 1024)),
        ("big.png", random.Random(1).randbytes(11 * 1024 * 1024)),  # noqa: S311 - a fixed corpus
    ]
    rng = random.Random(2026)  # noqa: S311 - the same corpus every run
    kinds = sorted(files.VALID)
    for number in range(mutations):
        data = bytearray(files.VALID[rng.choice(kinds)]())
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data) + 1)
            how = rng.choice(["truncate", "flip", "insert", "append"])
            chunk = rng.randbytes(rng.randint(1, 64))
            if how == "truncate":
                del data[at:]
            elif how == "flip":
                data[at : at + len(chunk)] = chunk
            elif how == "insert":
                data[at:at] = chunk
            else:
                data += chunk
        corpus.append((f"fuzz{number}.{rng.choice(kinds)}", bytes(data)))
    return corpus


def _multipart(fields: dict[str, str], name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="documents"; '
        f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mutations", type=int, default=200)
    parser.add_argument("--log", default=os.devnull, help="Where the server's output goes.")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ["DEBUG"] = "0"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    os.environ.setdefault("PORTAL_BASE_URL", "https://portal.example.fi")
    database_url = os.environ["DATABASE_URL"]

    import psycopg

    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')

    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import translation

    call_command("migrate", verbosity=0)
    from cases import services
    from tests.cases.factories import make_case

    corpus = _corpus(args.mutations)
    email = f"upload-memory-{secrets.token_hex(4)}@example.fi"
    user = get_user_model().objects.create_user(username=email, email=email, password=None)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    case = make_case(parties=[email])
    requests = [
        services.case_record_event(
            case=case, kind="info_request", actor_name="t", note={"fi": "Liite?"}
        )[0]
        for _ in corpus
    ]
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "allauth.account.auth_backends.AuthenticationBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    csrf = secrets.token_hex(16)
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    )

    port = _free_port()
    env = {**os.environ}
    log = open(args.log, "w")
    server = subprocess.Popen(  # noqa: S603 - this repository's gunicorn, fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/healthz")
                connection.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        (worker,) = _children(server.pid)

        statuses: Counter = Counter()
        with translation.override("fi"):
            paths = [
                reverse("cases:info_request_answer", args=[case.pk, request.pk])
                for request in requests
            ]
        # Warm up with one valid answer so that the baseline includes the code paths.
        baseline = None
        started = time.monotonic()
        for index, ((filename, data), path) in enumerate(zip(corpus, paths, strict=True)):
            body, content_type = _multipart(
                {"csrfmiddlewaretoken": csrf, "text": "Liite."}, filename, data
            )
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request(
                "POST",
                path,
                body=body,
                headers={"Content-Type": content_type, "Cookie": cookie},
            )
            response = connection.getresponse()
            response.read()
            statuses[response.status] += 1
            if index == 0:
                baseline = _status(worker, "VmRSS")
        # An anonymous request declaring 300 MB: headers only, answered before any body.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.putrequest("POST", paths[0])
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(300 * 1024 * 1024))
        connection.endheaders()
        response = connection.getresponse()
        statuses[f"anonymous 300 MB: {response.status}"] += 1
        elapsed = time.monotonic() - started
        peak = _status(worker, "VmHWM")
        sys.stdout.write(
            f"files posted: {len(corpus)} in {elapsed:.0f} s; responses: {dict(statuses)}\n"
            f"worker RSS after the first upload: {baseline / 2**20:.1f} MB\n"
            f"worker peak RSS (VmHWM) over the run: {peak / 2**20:.1f} MB\n"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    main()
