"""The participation app in the access matrix: its routes, their bad-input declarations, and the
objects the matrix tries them on.

ROUTES joins tests/security/access_matrix.py and BAD_INPUT tests/quality/test_bad_input.py;
build_objects(users, objects) runs once per world (tests/fixtures/roles.py).
"""

from __future__ import annotations

from tests.quality.inputs import Takes
from tests.security.matrix import Route

ROUTES: list[Route] = []

BAD_INPUT: dict[str, Takes] = {}


def build_objects(users: dict[str, object], objects: dict[str, object]) -> dict[str, object]:
    return {}
