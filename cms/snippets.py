"""Editable menus: the main menu and the footer links, one copy per language."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin

from portal import sections


class LinkFields(models.Model):
    """A link to a page of the site, an application section or an external address."""

    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_section = models.CharField(
        _("application section"),
        max_length=sections.KEY_MAX_LENGTH,
        blank=True,
        choices=sections.choices,
        help_text=_(
            "A part of the portal such as My cases or the surveys; its title and address "
            "follow the reader's language."
        ),
    )
    link_url = models.URLField(_("external address"), blank=True)
    label = models.CharField(
        _("label"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to use the page's or section's title."),
    )

    panels = [
        FieldPanel("link_page"),
        FieldPanel("link_section"),
        FieldPanel("link_url"),
        FieldPanel("label"),
    ]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        section = self.section
        return self.label or str(self.link_page or (section and section.title) or self.link_url)

    def clean(self):
        super().clean()
        targets = [bool(self.link_page_id), bool(self.link_section), bool(self.link_url)]
        if sum(targets) != 1:
            raise ValidationError(
                _("Choose one of a page, an application section or an external address.")
            )
        if self.link_url and not self.label:
            raise ValidationError({"label": _("An external link needs a label.")})

    @property
    def section(self) -> sections.Section | None:
        return sections.get(self.link_section) if self.link_section else None


class MainMenu(TranslatableMixin, ClusterableModel):
    """The main menu in the site header; each language has its own copy."""

    title = models.CharField(_("title"), max_length=100, default="Main menu")

    panels = [FieldPanel("title"), InlinePanel("items", label=_("links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self) -> str:
        return f"{self.title} ({self.locale.language_code})"


class MainMenuItem(TranslatableMixin, Orderable, LinkFields):
    menu = ParentalKey(MainMenu, on_delete=models.CASCADE, related_name="items")

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("main menu link")


class FooterLinks(TranslatableMixin, ClusterableModel):
    """The links in the site footer, e.g. the accessibility statement; one copy per language."""

    title = models.CharField(_("title"), max_length=100, default="Footer")

    panels = [FieldPanel("title"), InlinePanel("links", label=_("links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer links")
        verbose_name_plural = _("footer links")

    def __str__(self) -> str:
        return f"{self.title} ({self.locale.language_code})"


class FooterLink(TranslatableMixin, Orderable, LinkFields):
    footer = ParentalKey(FooterLinks, on_delete=models.CASCADE, related_name="links")

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("footer link")
