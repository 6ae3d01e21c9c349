"""Who may see and do what with the key figures. The figures themselves are public."""

from django.db.models import QuerySet

from indicators.models import Selection

MANAGE_PERMISSION = "indicators.change_source"
IMPORT_PERMISSION = "indicators.add_importrun"


def can_import(user) -> bool:
    """Staff who may run an import now or upload the municipality's own CSV file."""
    return bool(user is not None and user.is_authenticated and user.has_perm(IMPORT_PERMISSION))


def selections_visible_to(user) -> QuerySet[Selection]:
    """The leadership selections a user may read: their own, or every one for an admin."""
    if user is None or not user.is_authenticated or not user.is_staff:
        return Selection.objects.none()
    if user.is_superuser:
        return Selection.objects.all()
    return Selection.objects.filter(members=user)
