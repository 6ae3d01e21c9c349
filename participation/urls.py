from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from participation import views

app_name = "participation"

# Paths are translated (/fi/kyselyt/, /sv/enkater/, /en/surveys/); the addresses they had
# before answer with a permanent redirect (portal/moved.py).
urlpatterns = [
    path(
        _("surveys/"),
        include(
            [
                path("", views.survey_index, name="index"),
                path("<int:survey_id>/", views.survey_detail, name="detail"),
                path(format_lazy("<int:survey_id>/{}", _("code/")), views.access_code, name="code"),
                path(
                    format_lazy("<int:survey_id>/{}<int:step>/", _("answer/")),
                    views.answer,
                    name="answer",
                ),
                path(format_lazy("<int:survey_id>/{}", _("thanks/")), views.thanks, name="thanks"),
                path(
                    format_lazy("<int:survey_id>/{}", _("results/")), views.results, name="results"
                ),
            ]
        ),
    ),
]

# The addresses before the paths were translated (Finnish in every language): portal/moved.py
# redirects them here.
MOVED = [
    ("kyselyt/", "participation:index"),
    ("kyselyt/<int:survey_id>/", "participation:detail"),
    ("kyselyt/<int:survey_id>/koodi/", "participation:code"),
    ("kyselyt/<int:survey_id>/vastaa/<int:step>/", "participation:answer"),
    ("kyselyt/<int:survey_id>/kiitos/", "participation:thanks"),
    ("kyselyt/<int:survey_id>/tulokset/", "participation:results"),
]
