from rest_framework.routers import SimpleRouter

from finance.api.views import (
    FigureViewSet,
    FiscalYearViewSet,
    NodeViewSet,
    PlanViewSet,
    TargetViewSet,
)

router = SimpleRouter()
router.register("finance/years", FiscalYearViewSet, basename="finance-year")
router.register("finance/nodes", NodeViewSet, basename="finance-node")
router.register("finance/figures", FigureViewSet, basename="finance-figure")
router.register("finance/plan", PlanViewSet, basename="finance-plan")
router.register("finance/targets", TargetViewSet, basename="finance-target")

urlpatterns = router.urls
