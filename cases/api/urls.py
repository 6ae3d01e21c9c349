from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from cases.api import views

router = SimpleRouter()
router.register("case-types", views.CaseTypeViewSet, basename="case-type")
router.register("me/cases", views.MyCaseViewSet, basename="my-case")

urlpatterns = [
    *router.urls,
    path("case-lookup/", views.CaseLookupView.as_view(), name="case-lookup"),
    re_path(
        rf"^integration/cases/(?P<external_id>{views.EXTERNAL_ID_PATTERN})/$",
        views.IntegrationCaseView.as_view(),
        name="integration-case",
    ),
    re_path(
        rf"^integration/cases/(?P<external_id>{views.EXTERNAL_ID_PATTERN})/events/$",
        views.IntegrationEventView.as_view(),
        name="integration-case-events",
    ),
]
