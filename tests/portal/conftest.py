"""Fixtures of the portal-wide tests: the CMS demo tree, shared with tests/cms."""

from tests.cms.conftest import _demo_tree_in_module, demo_tree  # noqa: F401 - fixtures
