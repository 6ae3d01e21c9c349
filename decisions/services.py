"""Every write of the decisions app."""

from django.db import transaction

from decisions.models import Body


@transaction.atomic
def body_save(
    *,
    body: Body | None = None,
    kind: str,
    slug: str,
    name_fi: str,
    name_sv: str = "",
    name_en: str = "",
    description_fi: str = "",
    description_sv: str = "",
    description_en: str = "",
    is_active: bool = True,
    sort_order: int = 0,
) -> Body:
    """Create a body, or update the given one, after checking its invariants."""
    if body is None:
        body = Body()
    body.kind = kind
    body.slug = slug
    body.name_fi = name_fi
    # An empty translation is stored as NULL so that it falls back to another language.
    body.name_sv = name_sv or None
    body.name_en = name_en or None
    body.description_fi = description_fi or None
    body.description_sv = description_sv or None
    body.description_en = description_en or None
    body.is_active = is_active
    body.sort_order = sort_order
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def body_delete(*, body: Body) -> None:
    """Delete a body that was created by mistake; a dissolved body is made inactive instead."""
    body.delete()
