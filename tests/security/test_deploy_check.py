"""Secure defaults: with only a secret key and host names set, Django's deploy check passes."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_deploy_check__passes_with_only_secret_key_allowed_hosts_and_address():
    # Only what any deployment must set: no DEBUG, no database, no other security setting.
    result = _run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.fi",
        PORTAL_BASE_URL="https://portal.example.fi",
    )

    assert result.returncode == 0, f"check --deploy failed:\n{result.stdout}\n{result.stderr}"


def _run(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(Path.home()), **extra_env}
    return subprocess.run(  # noqa: S603 - runs only this repository's own code
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_deploy_check__fails_without_a_secret_key():
    result = _run(
        "manage.py",
        "check",
        "--deploy",
        ALLOWED_HOSTS="portal.example.fi",
        PORTAL_BASE_URL="https://portal.example.fi",
    )

    assert result.returncode != 0
    assert "portal.E001" in result.stderr + result.stdout


def test_web_process__refuses_to_start_without_a_secret_key():
    result = _run(
        "-c",
        "import portal.wsgi",
        ALLOWED_HOSTS="portal.example.fi",
        PORTAL_BASE_URL="https://portal.example.fi",
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_maintenance_commands__run_without_a_secret_key():
    result = _run("manage.py", "makemigrations", "--check", "--dry-run")

    assert result.returncode == 0, result.stderr


def test_deploy_check__fails_without_the_public_address():
    result = _run(
        "manage.py",
        "check",
        "--deploy",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.fi",
    )

    assert result.returncode != 0
    assert "portal.E002" in result.stderr + result.stdout
    assert "PORTAL_BASE_URL" in result.stderr + result.stdout


def test_deploy_check__fails_with_an_address_without_a_scheme():
    result = _run(
        "manage.py",
        "check",
        "--deploy",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.fi",
        PORTAL_BASE_URL="portal.example.fi",
    )

    assert result.returncode != 0
    assert "portal.E003" in result.stderr + result.stdout


def test_web_process__refuses_to_start_without_the_public_address():
    result = _run(
        "-c",
        "import portal.wsgi",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.fi",
    )

    assert result.returncode != 0
    assert "PORTAL_BASE_URL must be set" in result.stderr


def test_development_server__needs_no_address_in_debug_mode():
    result = _run("manage.py", "check", DEBUG="1")

    assert result.returncode == 0, result.stderr
