from rest_framework.routers import SimpleRouter

from participation.api.views import SurveyViewSet

router = SimpleRouter()
router.register("surveys", SurveyViewSet, basename="survey")

urlpatterns = router.urls
