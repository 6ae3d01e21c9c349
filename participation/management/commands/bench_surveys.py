"""Measure the server time of answering a survey and of a results page with 1 000 responses.

Runs in-process through the whole middleware stack (Django's test client) on the configured
database, inside a transaction that is rolled back: nothing stays behind. Prints medians and
95th percentiles in milliseconds, and the number of SQL queries per request.
"""

import datetime
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from participation.models import DisplayMode, Identification, QuestionKind
from participation.services import access_codes_create, responses_import, survey_create


class Rollback(Exception):
    pass


def _questions():
    return [
        {
            "kind": QuestionKind.SINGLE,
            "text_fi": "Kumpi?",
            "required": True,
            "options": [("A",), ("B",), ("C",)],
        },
        {
            "kind": QuestionKind.MULTIPLE,
            "text_fi": "Mitkä?",
            "options": [("A",), ("B",), ("C",), ("D",)],
        },
        {"kind": QuestionKind.SCALE, "text_fi": "Kuinka paljon?"},
        {"kind": QuestionKind.RANKING, "text_fi": "Järjestys", "options": [("A",), ("B",), ("C",)]},
        {"kind": QuestionKind.LONG_TEXT, "text_fi": "Miksi?"},
    ]


def _answers(survey, index: int) -> dict:
    single, multiple, scale, ranking, text = survey.questions.prefetch_related("options")
    s, m, r = ([o.pk for o in q.options.all()] for q in (single, multiple, ranking))
    return {
        single.pk: s[index % 3],
        multiple.pk: m[: 1 + index % 4],
        scale.pk: 1 + index % 5,
        ranking.pk: r[index % 3 :] + r[: index % 3],
        text.pk: f"Vastaus {index}",
    }


def _stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, n={len(ordered)}"


class Command(BaseCommand):
    help = "Median server time of a survey submission and of a results page with 1 000 responses."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=1000)
        parser.add_argument("--requests", type=int, default=200)

    def handle(self, *args, responses, requests, **options):
        try:
            with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
                with transaction.atomic():
                    self._run(responses, requests)
                    raise Rollback
        except Rollback:
            pass

    def _run(self, n_responses: int, n_requests: int) -> None:
        now = timezone.now()
        self.stdout.write(f"database: {connection.vendor}")
        survey = survey_create(
            title_fi="Mittauskysely",
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=1),
            identification=Identification.ACCESS_CODE,
            display_mode=DisplayMode.ALL_AT_ONCE,
            questions=_questions(),
        )
        responses_import(
            survey=survey,
            responses=[_answers(survey, i) for i in range(n_responses)],
            submitted_on=timezone.localdate(),
        )
        codes = access_codes_create(survey=survey, count=n_requests)
        answers = _answers(survey, 7)
        keys = {"single": "choice", "multiple": "choices", "scale": "value", "ranking": "ranking"}
        kinds = dict(survey.questions.values_list("pk", "kind"))
        body_answers = [
            {"question": pk, keys.get(kinds[pk], "text"): value} for pk, value in answers.items()
        ]
        client = Client()
        url = f"/api/v1/surveys/{survey.pk}/responses/"
        timings, queries = [], 0
        for index, code in enumerate(codes):
            body = {"access_code": code, "answers": body_answers}
            # A different address each time: the per-address rate limit is not under test.
            client.defaults["REMOTE_ADDR"] = f"10.{index // 250}.{index % 250}.1"
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.post(url, body, content_type="application/json")
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 201, response.content  # noqa: S101
            queries = len(captured)
        self.stdout.write(f"POST {url} (submission): {_stats(timings)}, {queries} queries")

        # The results page, public once the survey has closed.
        survey.closes_at = now - datetime.timedelta(seconds=1)
        survey.opens_at = now - datetime.timedelta(days=1)
        survey.save()
        total = n_responses + n_requests
        with override("fi"):
            results = reverse("participation:results", args=[survey.pk])
        for path in (results, f"/api/v1/surveys/{survey.pk}/results/"):
            client.get(path)
            timings = []
            for _ in range(max(20, n_requests // 4)):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(path)
                    timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200  # noqa: S101
            self.stdout.write(
                f"GET {path} ({total} responses): {_stats(timings)}, {len(captured)} queries"
            )
