from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    path("kyselyt/", views.survey_index, name="index"),
    path("kyselyt/<int:survey_id>/", views.survey_detail, name="detail"),
    path("kyselyt/<int:survey_id>/koodi/", views.access_code, name="code"),
    path("kyselyt/<int:survey_id>/vastaa/<int:step>/", views.answer, name="answer"),
    path("kyselyt/<int:survey_id>/kiitos/", views.thanks, name="thanks"),
    path("kyselyt/<int:survey_id>/tulokset/", views.results, name="results"),
]
