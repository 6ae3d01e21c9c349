"""Reads of the CMS that have a rule in them."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from django.http import Http404
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


def page_of(items, *, number: str | None, per_page: int) -> Page:
    """The numbered page of `items`; a number that is no page of them is "not found"."""
    try:
        return Paginator(items, per_page).page(number or 1)
    except InvalidPage as exc:
        raise Http404(str(exc)) from exc
