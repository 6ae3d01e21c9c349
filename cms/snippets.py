"""Editable menus: the main menu and the footer links, one copy per language."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin


class LinkFields(models.Model):
    """A link to a page of the site or to an external address, with a label."""

    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("external address"), blank=True)
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("Leave empty to use the page title.")
    )

    panels = [FieldPanel("link_page"), FieldPanel("link_url"), FieldPanel("label")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose either a page or an external address."))
        if self.link_url and not self.label:
            raise ValidationError({"label": _("An external link needs a label.")})


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

    def __str__(self) -> str:
        return self.label or str(self.link_page or self.link_url)


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

    def __str__(self) -> str:
        return self.label or str(self.link_page or self.link_url)
