"""Routes of the participation app that `make bench` measures; the submission itself, which
changes data, is measured by `manage.py bench_surveys` in a rolled-back transaction."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import override


def bench_routes(resident_email: str) -> list:
    from participation.models import Survey
    from portal.management.commands.bench import BenchRoute

    routes = [BenchRoute("API: surveys", "/api/v1/surveys/")]
    survey = Survey.objects.annotate(n=Count("responses")).order_by("-n").first()
    if survey is not None:
        with override("fi"):
            results = reverse("participation:results", args=[survey.pk])
        routes += [
            BenchRoute(f"survey results page ({survey.n} responses)", results),
            BenchRoute("API: survey results", f"/api/v1/surveys/{survey.pk}/results/"),
        ]
    return routes
