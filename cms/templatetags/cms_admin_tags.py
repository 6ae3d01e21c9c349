"""Template tags of the CMS's admin screens."""

from django import template
from django.urls import reverse
from wagtail.models import Page

from cms.selectors import translations_out_of_date

register = template.Library()


@register.simple_tag
def translation_staleness(page) -> dict:
    """What the page's status panel says about out-of-date translations: the translations of
    this page that lag behind it (`stale_translations`), and whether this page is itself such a
    translation (`is_stale`), with the link that syncs the source's changes."""
    if not isinstance(page, Page) or page.pk is None:
        return {}
    stale = translations_out_of_date().select_related("target_locale")
    as_source = [
        {
            "language_code": translation.target_locale.language_code,
            "sync_url": reverse(
                "wagtail_localize:update_translations", args=[translation.source_id]
            ),
        }
        for translation in stale.filter(
            source__object_id=page.translation_key, source__locale_id=page.locale_id
        ).order_by("target_locale__language_code")
    ]
    as_target = stale.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).first()
    return {
        "stale_translations": as_source,
        "is_stale": as_target is not None,
        "sync_url": (
            reverse("wagtail_localize:update_translations", args=[as_target.source_id])
            if as_target
            else ""
        ),
    }
