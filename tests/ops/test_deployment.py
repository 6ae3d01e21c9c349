"""Deployment files: every setting documented, the compose file runs the production shape."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _settings_variables() -> set[str]:
    source = (ROOT / "portal" / "settings.py").read_text()
    calls = re.findall(r'(?:os\.environ\.get|env_bool|env_list)\(\s*"([A-Z][A-Z0-9_]+)"', source)
    items = re.findall(r'os\.environ\["([A-Z][A-Z0-9_]+)"\]', source)
    return set(calls) | set(items)


def test_operations_doc__documents_every_environment_variable_of_the_settings():
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", _read("docs/operations.md"), re.M))

    variables = _settings_variables()

    assert "SECRET_KEY" in variables and "REDIS_URL" in variables
    assert variables - documented == set(), "add these to docs/operations.md"


def test_compose__runs_web_worker_beat_db_and_redis_with_health_checks():
    compose = yaml.safe_load(_read("docker-compose.yml"))
    services = compose["services"]

    assert {"web", "worker", "beat", "db", "redis"} <= set(services)
    web = services["web"]
    assert web["command"][:2] == ["gunicorn", "portal.wsgi"]
    assert "--workers=2" in web["command"]
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "portal", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "portal", "beat"]
    assert services["db"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    for name in ("db", "redis"):
        assert "healthcheck" in services[name]
    environment = web["environment"]
    for variable in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        assert variable in environment
    assert "postgres" in compose["volumes"] and "media" in compose["volumes"]


def test_dockerfile__builds_assets_and_runs_as_an_unprivileged_user():
    dockerfile = _read("Dockerfile")

    assert "FROM python:3.11-slim" in dockerfile
    assert "gettext" in dockerfile
    assert "npm ci" in dockerfile
    assert "collectstatic" in dockerfile and "compilemessages" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert users and users[-1] not in ("root", "0")


def _read(name: str) -> str:
    return (ROOT / name).read_text()
