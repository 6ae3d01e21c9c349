"""Who may see which bodies; views, API, search and feeds ask this module."""

from django.db.models import QuerySet

from decisions.models import Body


def bodies_visible_to(user) -> QuerySet[Body]:
    """Everyone sees active bodies; staff who manage bodies also see inactive ones."""
    bodies = Body.objects.all()
    if user is not None and user.is_authenticated and user.has_perm("decisions.change_body"):
        return bodies
    return bodies.filter(is_active=True)
