import copy
import json
from pathlib import Path

import pytest
from django.test import Client

from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in

TABLES = Path(__file__).resolve().parents[2] / "indicators" / "data" / "pxweb"
EMPLOYMENT = "statfin_tyonv_pxt_12r5.json"
EMPLOYMENT_PATH = "StatFin/tyonv/statfin_tyonv_pxt_12r5.px"


def table(name: str = EMPLOYMENT) -> dict:
    """A JSON-stat 2 document of the repository's PxWeb tables (a fresh copy)."""
    return copy.deepcopy(json.loads((TABLES / name).read_text(encoding="utf-8")))


@pytest.fixture
def demo_definitions(db):
    """The classification of areas, the demo town, its indicators, sources and targets."""
    from indicators import demo

    return demo.load_definitions()


@pytest.fixture
def pxweb(httpserver, settings):
    """A local PxWeb server; the client's base address points at it, retries without delay."""
    settings.INDICATORS_PXWEB_BASE_URL = httpserver.url_for("/PxWeb/api/v1/fi/")
    settings.INDICATORS_PXWEB_RETRY_DELAY = 0
    settings.INDICATORS_PXWEB_ATTEMPTS = 2
    settings.INDICATORS_PXWEB_TIMEOUT = 0.5
    return httpserver


@pytest.fixture
def admin_client(db):
    client = Client()
    sign_in(client, create_user(ROLE_SPECS["admin"]), mfa=True)
    return client
