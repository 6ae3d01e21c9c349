from django.urls import include, path, register_converter
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from indicators import views
from indicators.converters import CodeConverter, ThemeConverter

register_converter(ThemeConverter, "theme")
register_converter(CodeConverter, "indicator")

app_name = "indicators"

# Paths are translated: /fi/tunnusluvut/, /sv/nyckeltal/, /en/key-figures/.
urlpatterns = [
    path(
        _("key-figures/"),
        include(
            [
                path("", views.index, name="index"),
                path(format_lazy("{}<theme:theme>/", _("themes/")), views.theme, name="theme"),
                path("<indicator:code>/", views.detail, name="detail"),
                path("<indicator:code>/csv/", views.detail_csv, name="csv"),
            ]
        ),
    ),
]

# The key figures have had their translated addresses from the start: nothing has moved.
MOVED: list[tuple[str, str]] = []
