from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases import views

app_name = "cases"

# Paths are translated (/fi/omat-asiat/, /sv/mina-arenden/, /en/my-cases/); the addresses they
# had before answer with a permanent redirect (portal/moved.py).
urlpatterns = [
    path(
        _("my-cases/"),
        include(
            [
                path("", views.my_cases, name="my_cases"),
                path("<uuid:case_id>/", views.case_detail, name="detail"),
                path(
                    format_lazy("<uuid:case_id>/{}", _("message/")),
                    views.case_message,
                    name="message",
                ),
                path(
                    format_lazy("<uuid:case_id>/{}<int:event_id>/", _("requests/")),
                    views.info_request_answer,
                    name="info_request_answer",
                ),
                path(
                    format_lazy("<uuid:case_id>/{}<int:document_id>/", _("documents/")),
                    views.document_download,
                    name="document",
                ),
            ]
        ),
    ),
    path(_("case-lookup/"), views.lookup, name="lookup"),
    path(_("processing-times/"), views.case_types, name="case_types"),
    path(
        format_lazy("{}<slug:code>/", _("processing-times/")),
        views.case_type_detail,
        name="case_type_detail",
    ),
]

# The addresses before the paths were translated: portal/moved.py redirects them here.
MOVED = [
    ("cases/", "cases:my_cases"),
    ("cases/lookup/", "cases:lookup"),
    ("cases/<uuid:case_id>/", "cases:detail"),
    ("cases/<uuid:case_id>/message/", "cases:message"),
    ("cases/<uuid:case_id>/requests/<int:event_id>/", "cases:info_request_answer"),
    ("cases/<uuid:case_id>/documents/<int:document_id>/", "cases:document"),
    ("case-types/", "cases:case_types"),
    ("case-types/<slug:code>/", "cases:case_type_detail"),
]
