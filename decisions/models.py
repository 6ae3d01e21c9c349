"""Bodies of the municipality; meetings, agenda items and officeholder decisions follow."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Council")
    EXECUTIVE_BOARD = "executive_board", _("Executive board")
    COMMITTEE = "committee", _("Committee")
    YOUTH_COUNCIL = "youth_council", _("Youth council")
    OFFICEHOLDER = "officeholder", _("Officeholder")


class Body(models.Model):
    """A body (toimielin / organ) that decides: council, board, committee or officeholder."""

    kind = models.CharField(_("kind"), max_length=32, choices=BodyKind.choices)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Short name used in addresses, for example “council”."),
    )
    # Translated per language by modeltranslation (decisions/translation.py).
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive bodies are hidden from residents and from the open data API."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"), default=0, help_text=_("Bodies with a smaller number are listed first.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ("sort_order", "slug")
        # Harvesters page through bodies by (modified, id).
        indexes = [models.Index(fields=["modified", "id"], name="decisions_body_sync_idx")]

    def __str__(self) -> str:
        return self.name or self.slug
