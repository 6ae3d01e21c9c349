"""Demo accounts of the demo municipality."""

from dataclasses import dataclass


@dataclass
class DemoAccount:
    role: str
    email: str
    password: str


def load(*, password: str | None) -> list[DemoAccount]:
    """Create or refresh the demo accounts and return them with their passwords."""
    return []
