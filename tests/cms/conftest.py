"""Fixtures of the CMS tests: the demo municipality's page tree in fi, sv and en."""

import io

import pytest
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page

from cms import demo
from tests.fixtures.roles import fire_deferred_constraint_checks


class DemoTree:
    """Lookups into the demo tree by Finnish slug and language."""

    def page(self, slug_fi: str, language: str = "fi") -> Page:
        source = Page.objects.get(slug=slug_fi, locale__language_code="fi")
        if language == "fi":
            return source.specific
        return source.get_translations().get(locale__language_code=language).specific

    def url(self, slug_fi: str, language: str = "fi") -> str:
        return self.page(slug_fi, language).url


@pytest.fixture(scope="module")
def _demo_tree_in_module(django_db_setup, django_db_blocker):
    # Loading the tree takes seconds, so each module loads it once inside a transaction that is
    # rolled back afterwards; every test still runs in its own savepoint through `db`.
    with django_db_blocker.unblock():
        cache.clear()  # Wagtail caches the site root paths, which change with the tree
        with transaction.atomic():
            demo.load(stdout=io.StringIO())
            fire_deferred_constraint_checks()
            yield
            transaction.set_rollback(True)
        cache.clear()


@pytest.fixture
def demo_tree(_demo_tree_in_module, db) -> DemoTree:
    return DemoTree()
