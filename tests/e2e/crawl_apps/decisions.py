"""What the accessibility crawl visits of the decisions app."""

from __future__ import annotations

from tests.e2e.crawl import Target


def inventory() -> dict:
    """Runs inside Django: ids and paths of decisions objects, as JSON-able data."""
    return {}


def targets(data: dict, *, resident_password: str) -> list[Target]:
    return []
