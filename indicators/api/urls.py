from django.urls import path
from rest_framework.routers import SimpleRouter

from indicators.api.views import CsvView, DatasetView, IndicatorViewSet, ValueViewSet

values = SimpleRouter()
values.register("indicators/values", ValueViewSet, basename="indicator-value")
indicators = SimpleRouter()
indicators.register("indicators", IndicatorViewSet, basename="indicator")

# The values, the dataset and the CSV come before the indicators, whose codes they would match.
urlpatterns = [
    *values.urls,
    path("indicators/dataset/", DatasetView.as_view(), name="indicator-dataset"),
    path("indicators/csv/", CsvView.as_view(), name="indicator-csv"),
    *indicators.urls,
]
