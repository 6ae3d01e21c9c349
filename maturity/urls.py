from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from maturity import views

app_name = "maturity"

# Paths are translated (/fi/digitaalisuus/, /sv/digitalisering/, /en/digital-maturity/).
urlpatterns = [
    path(
        _("digital-maturity/"),
        include(
            [
                path("", views.index, name="index"),
                path(_("method/"), views.method, name="method"),
                path(_("comparison/"), views.comparison, name="comparison"),
                path("<int:year>/", views.round_detail, name="round"),
                path(format_lazy("<int:year>/{}", _("services.csv")), views.round_csv, name="csv"),
                path("<int:year>/export.json", views.round_export, name="export"),
            ]
        ),
    ),
]

# The app had no addresses before its paths were translated.
MOVED: list[tuple[str, str]] = []
