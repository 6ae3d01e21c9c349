"""Routes of the participation app that `make bench` measures: the survey list and results, and
answering an open anonymous survey through the API, a new respondent each request."""

import itertools
import threading

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
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
    submission = submission_route()
    if submission is not None:
        routes.append(submission)
    return routes


def submission_route():
    """POST /api/v1/surveys/{id}/responses/ with a valid answer to an open anonymous survey.

    Each request comes from an address of its own (X-Forwarded-For, trusted from the benchmark's
    client), as respondents do, so each one is a new respondent and stores a response: the
    per-address limits and the respondent pass are counted, not reached. The responses stay in
    the benchmark's database. None when no anonymous survey is open.
    """
    from participation.models import Identification, QuestionKind, Survey
    from portal.management.commands.bench import BenchRoute

    now = timezone.now()
    survey = (
        Survey.objects.filter(
            identification=Identification.ANONYMOUS, opens_at__lte=now, closes_at__gt=now
        )
        .order_by("closes_at", "id")
        .first()
    )
    if survey is None:
        return None
    answers = []
    for question in survey.questions.order_by("sort_order", "id").prefetch_related("options"):
        options = [option.pk for option in question.options.order_by("sort_order", "id")]
        if question.kind == QuestionKind.SINGLE and options:
            answers.append({"question": question.pk, "choice": options[0]})
        elif question.kind == QuestionKind.MULTIPLE and options:
            answers.append({"question": question.pk, "choices": options[:2]})
        elif question.kind == QuestionKind.RANKING and options:
            answers.append({"question": question.pk, "ranking": options})
        elif question.kind == QuestionKind.SCALE:
            answers.append({"question": question.pk, "value": question.scale_max})
        elif question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            answers.append({"question": question.pk, "text": "Mittausvastaus."})
    counter = itertools.count(1)
    lock = threading.Lock()

    def respondent_address() -> dict:
        with lock:
            n = next(counter)
        # 10.0.0.0/8 holds 16 million respondents.
        return {"X-Forwarded-For": f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"}

    return BenchRoute(
        "survey answer submission (API)",
        f"/api/v1/surveys/{survey.pk}/responses/",
        method="POST",
        body={"answers": answers},
        json=True,
        headers=respondent_address,
        ok=(201, 409),
    )
