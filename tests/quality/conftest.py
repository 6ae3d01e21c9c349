"""Fixtures of the quality gates: the access matrix's world with one user per role."""

from tests.security.conftest import clients, world

__all__ = ["clients", "world"]
