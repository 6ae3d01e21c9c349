from rest_framework.routers import SimpleRouter

from decisions.api.views import (
    AgendaItemViewSet,
    BodyViewSet,
    MeetingViewSet,
    OfficeholderDecisionViewSet,
)

router = SimpleRouter()
router.register("bodies", BodyViewSet, basename="body")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("agenda-items", AgendaItemViewSet, basename="agendaitem")
router.register(
    "officeholder-decisions", OfficeholderDecisionViewSet, basename="officeholderdecision"
)

urlpatterns = router.urls
