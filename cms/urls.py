from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cms import views

app_name = "cms"

# Paths are translated (/fi/haku/, /sv/sok/); the addresses they had before answer with a
# permanent redirect (portal/moved.py).
urlpatterns = [
    path(_("search/"), views.search, name="search"),
    path(
        format_lazy("{}<int:page_id>/", _("no-translation/")),
        views.no_translation,
        name="no_translation",
    ),
]

# The addresses before the paths were translated: portal/moved.py redirects them here.
MOVED = [
    ("search/", "cms:search"),
    ("no-translation/<int:page_id>/", "cms:no_translation"),
]
