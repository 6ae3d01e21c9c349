from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("cases/", views.my_cases, name="my_cases"),
    path("cases/lookup/", views.lookup, name="lookup"),
    path("cases/<uuid:case_id>/", views.case_detail, name="detail"),
    path("cases/<uuid:case_id>/message/", views.case_message, name="message"),
    path(
        "cases/<uuid:case_id>/requests/<int:event_id>/",
        views.info_request_answer,
        name="info_request_answer",
    ),
    path(
        "cases/<uuid:case_id>/documents/<int:document_id>/",
        views.document_download,
        name="document",
    ),
    path("case-types/", views.case_types, name="case_types"),
    path("case-types/<slug:code>/", views.case_type_detail, name="case_type_detail"),
]
