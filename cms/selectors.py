"""Reads of the CMS that have a rule in them."""

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def pages_public(pages: QuerySet) -> QuerySet:
    """Live pages that no view restriction (on themselves or an ancestor) hides.

    Wagtail's `.public()` runs a separate query for the restrictions; this is one subquery, so
    that lists cost the same number of queries however the tree is restricted.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.live().filter(~Exists(restricted))
