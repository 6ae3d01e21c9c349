"""Secure defaults: with only a secret key and host names set, Django's deploy check passes."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_deploy_check__passes_with_only_secret_key_and_allowed_hosts():
    # Only what any deployment must set: no DEBUG, no database, no other security setting.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(Path.home()),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "portal.example.fi",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, f"check --deploy failed:\n{result.stdout}\n{result.stderr}"
