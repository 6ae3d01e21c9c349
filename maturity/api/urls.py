from django.urls import path
from rest_framework.routers import SimpleRouter

from maturity.api.views import RoundViewSet, SchemaView

router = SimpleRouter()
router.register("maturity/rounds", RoundViewSet, basename="maturity-round")

urlpatterns = [
    # A stable address: exchange documents name it in their "$schema".
    path("maturity/schema/", SchemaView.as_view(), name="maturity-schema"),
    *router.urls,
]
