"""Who may see which cases: pages, API, lookup, downloads and the staff screens ask this module.

A resident sees the cases they are a party of; a handler sees the cases of their own units. For
anyone else a case does not exist (404), so that nobody learns that it does.
"""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.powers import has_staff_powers
from cases.models import Case, CaseDocument, CaseEvent


def cases_of_resident(user) -> QuerySet[Case]:
    """The cases the user is a party of (resident pages and the resident API)."""
    if user is None or not user.is_authenticated:
        return Case.objects.none()
    return Case.objects.filter(parties__user=user).distinct()


def cases_of_handler(user) -> QuerySet[Case]:
    """The cases of the units the user handles (the staff screens).

    Being one of a unit's handlers is the grant: nothing else, not even being a superuser, gives
    a member of staff residents' cases and documents; and only in a session signed in with the
    second factor.
    """
    if not has_staff_powers(user):
        return Case.objects.none()
    return Case.objects.filter(unit__handlers=user)


def can_read_case(user, case: Case) -> bool:
    return (
        cases_of_resident(user).filter(pk=case.pk).exists()
        or cases_of_handler(user).filter(pk=case.pk).exists()
    )


def events_visible_to_resident(case: Case) -> QuerySet[CaseEvent]:
    return case.events.filter(visible_to_resident=True)


def documents_downloadable_by(user) -> QuerySet[CaseDocument]:
    """Documents of the user's own cases, and of their units' cases for handlers."""
    if user is None or not user.is_authenticated:
        return CaseDocument.objects.none()
    own = CaseDocument.objects.filter(
        case__in=cases_of_resident(user).values("pk"), event__visible_to_resident=True
    )
    handled = CaseDocument.objects.filter(case__in=cases_of_handler(user).values("pk"))
    return (own | handled).distinct()
