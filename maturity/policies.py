"""Who may assess and see what in the digital maturity app; views, API and exports ask here."""

from django.db.models import QuerySet

from maturity.models import Round, RoundStatus

# Only the digital development group (and the portal's administrators) hold these.
ASSESS_PERMISSION = "maturity.change_assessment"
IMPORT_PERMISSION = "maturity.add_importedround"


def can_assess(user) -> bool:
    """Whether the user may fill in, correct and publish assessment rounds."""
    return bool(user is not None and user.is_authenticated and user.has_perm(ASSESS_PERMISSION))


def can_import(user) -> bool:
    """Whether the user may import other municipalities' exports."""
    return bool(user is not None and user.is_authenticated and user.has_perm(IMPORT_PERMISSION))


def public_rounds() -> QuerySet[Round]:
    """Published rounds, newest first: everything the public pages, API and exports show."""
    return Round.objects.filter(status=RoundStatus.PUBLISHED).order_by("-year")
