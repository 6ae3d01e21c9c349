"""Admin reports of page translations: pages that lack a translation in one of the portal's
languages, and translations that have fallen out of date with their source."""

from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Locale, Page

from cms.selectors import pages_with_translation_out_of_date


def _locale_count() -> int:
    return Locale.objects.count()


class MissingTranslationsReportView(PageReportView):
    """Pages whose translation is missing in some language, with the languages missing."""

    results_template_name = "cms/admin/missing_translations_results.html"
    page_title = _("Missing translations")
    header_icon = "globe"
    index_url_name = "cms_missing_translations"
    index_results_url_name = "cms_missing_translations_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = [*PageReportView.list_export, "locale.language_code", "missing_languages"]
    export_headings = {
        **PageReportView.export_headings,
        "locale.language_code": _("Language"),
        "missing_languages": _("Missing languages"),
    }

    def get_filename(self):
        return "missing-translations"

    def get_queryset(self):
        translations = (
            Page.objects.filter(translation_key=OuterRef("translation_key"))
            .order_by()
            .values("translation_key")
            .annotate(count=Count("pk"))
            .values("count")
        )
        editable = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "publish"]
        )
        self.queryset = (
            editable.filter(depth__gt=1, locale=Locale.get_default())
            .annotate(translation_count=Subquery(translations))
            .filter(translation_count__lt=_locale_count())
            .select_related("locale", "content_type")
            .order_by("path")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        present: dict = {}
        for key, code in Page.objects.filter(
            translation_key__in=[page.translation_key for page in pages]
        ).values_list("translation_key", "locale__language_code"):
            present.setdefault(key, set()).add(code)
        codes = list(Locale.objects.order_by("pk").values_list("language_code", flat=True))
        for page in pages:
            page.missing_language_codes = [
                code for code in codes if code not in present.get(page.translation_key, set())
            ]
            page.missing_languages = ", ".join(page.missing_language_codes)
        return pages


class OutOfDateTranslationsReportView(PageReportView):
    """Translated pages whose source page has changed since they were last brought up to date,
    with links to sync the source's changes and to translate them."""

    results_template_name = "cms/admin/outdated_translations_results.html"
    page_title = _("Out-of-date translations")
    header_icon = "globe"
    index_url_name = "cms_outdated_translations"
    index_results_url_name = "cms_outdated_translations_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = [
        *PageReportView.list_export,
        "locale.language_code",
        "source_published_at",
        "last_synced_at",
    ]
    export_headings = {
        **PageReportView.export_headings,
        "locale.language_code": _("Language"),
        "source_published_at": _("Source published"),
        "last_synced_at": _("Last synced"),
    }

    def get_filename(self):
        return "out-of-date-translations"

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "publish"]
        )
        self.queryset = (
            pages_with_translation_out_of_date(editable.filter(depth__gt=1))
            .select_related("locale", "content_type")
            .order_by("path", "locale__language_code")
        )
        return super().get_queryset()
