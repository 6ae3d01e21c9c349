"""Admin registrations of the CMS: the menus as translatable snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.snippets import FooterLinks, MainMenu


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
