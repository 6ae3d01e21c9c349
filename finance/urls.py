from django.urls import include, path, register_converter
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from finance import views
from finance.converters import CodeConverter, FormatConverter, YearConverter

register_converter(YearConverter, "year")
register_converter(CodeConverter, "code")
register_converter(FormatConverter, "fmt")

app_name = "finance"

# Paths are translated (/fi/talous/, /sv/ekonomi/, /en/finance/).
urlpatterns = [
    path(
        _("finance/"),
        include(
            [
                path("", views.index, name="index"),
                path("<year:year>/", views.year_detail, name="year"),
                path(
                    format_lazy("<year:year>/{}<code:code>/", _("sectors/")),
                    views.node_detail,
                    name="node",
                ),
                path(format_lazy("<year:year>/{}", _("targets/")), views.targets, name="targets"),
                path(
                    format_lazy("<year:year>/{}", _("investments/")),
                    views.investments,
                    name="investments",
                ),
                path(
                    format_lazy("<year:year>/{}<int:pk>/", _("reports/")),
                    views.report_detail,
                    name="report",
                ),
                path("<year:year>/datapackage.json", views.datapackage, name="datapackage"),
                path("<year:year>/<slug:table>.<fmt:fmt>", views.download, name="download"),
            ]
        ),
    ),
]
