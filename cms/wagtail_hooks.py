"""Admin registrations of the CMS: menus as translatable snippets, missing and out-of-date
translations."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.reports import MissingTranslationsReportView, OutOfDateTranslationsReportView
from cms.snippets import FooterLinks, MainMenu

page_permission_policy = PagePermissionPolicy()


class MainMenuViewSet(SnippetViewSet):
    model = MainMenu
    icon = "list-ul"
    menu_label = _("Main menu")
    list_display = ["title", "locale"]
    list_filter = ["locale"]


class FooterLinksViewSet(SnippetViewSet):
    model = FooterLinks
    icon = "link"
    menu_label = _("Footer links")
    list_display = ["title", "locale"]
    list_filter = ["locale"]


class MenusViewSetGroup(SnippetViewSetGroup):
    items = (MainMenuViewSet, FooterLinksViewSet)
    menu_icon = "list-ul"
    menu_label = _("Menus")
    menu_name = "menus"


register_snippet(MenusViewSetGroup)


@hooks.register("register_admin_urls")
def register_missing_translations_urls():
    return [
        path(
            "reports/missing-translations/",
            MissingTranslationsReportView.as_view(),
            name="cms_missing_translations",
        ),
        path(
            "reports/missing-translations/results/",
            MissingTranslationsReportView.as_view(results_only=True),
            name="cms_missing_translations_results",
        ),
        path(
            "reports/outdated-translations/",
            OutOfDateTranslationsReportView.as_view(),
            name="cms_outdated_translations",
        ),
        path(
            "reports/outdated-translations/results/",
            OutOfDateTranslationsReportView.as_view(results_only=True),
            name="cms_outdated_translations_results",
        ),
    ]


class MissingTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_missing_translations_menu_item():
    return MissingTranslationsMenuItem(
        _("Missing translations"),
        reverse("cms_missing_translations"),
        name="missing-translations",
        icon_name="globe",
        order=650,
    )


@hooks.register("register_reports_menu_item")
def register_outdated_translations_menu_item():
    return MissingTranslationsMenuItem(
        _("Out-of-date translations"),
        reverse("cms_outdated_translations"),
        name="outdated-translations",
        icon_name="globe",
        order=660,
    )
