"""Closed surveys with many answers for the benchmark (`manage.py generate_scale`).

The surveys are created through `survey_create` with the demo's closed survey's questions; one
city-wide survey gathers two fifths of the responses and the rest share the others. Responses
spread over the age bands, the options (with the demo's weights) and the survey's open days;
their answer rows are the ones `_answer_rows` makes (one per chosen option, the scale value, a
free text awaiting moderation) and go in with COPY, a chunk of responses per transaction; the
results' counters are then counted from them.
"""

from __future__ import annotations

import datetime
import uuid

from django.db.models import Sum
from django.utils import timezone

from participation import demo
from participation.models import (
    AGE_BANDS,
    Answer,
    ModerationStatus,
    RespondentTally,
    ResultPolicy,
    Survey,
)
from participation.models import Response as SurveyResponse
from participation.services import survey_create, survey_recount_results
from portal.scale import Plan, analyse, chunks, copy_rows, indexes_deferred

TITLE_EN = "Residents' survey {n}: the youth centre in summer"
TITLE_FI = "Asukaskysely {n}: nuorisotilan kesäaukiolo"
TITLE_SV = "Invånarenkät {n}: ungdomsgården på sommaren"
PER_SURVEY = 20_000
CHUNK = 10_000
BANDS = (*AGE_BANDS, "")
BAND_WEIGHTS = (30, 25, 20, 12, 8, 5)


def _surveys(total: int) -> list[tuple[Survey, int]]:
    """The scale surveys with how many responses each gets (created if missing)."""
    count = max(1, total // PER_SURVEY)
    big = total * 2 // 5 if count > 1 else total
    rest = total - big
    sizes = [big] + [rest // (count - 1) + (1 if i < rest % (count - 1) else 0)
                     for i in range(count - 1)] if count > 1 else [total]  # fmt: skip
    existing = {
        survey.title_en: survey
        for survey in Survey.objects.filter(title_en__startswith=TITLE_EN.split("{")[0])
    }
    now = timezone.now()
    surveys = []
    for n, size in enumerate(sizes, start=1):
        survey = existing.get(TITLE_EN.format(n=n))
        if survey is None:
            closes = now - datetime.timedelta(days=30 + 20 * n)
            survey = survey_create(
                title_fi=TITLE_FI.format(n=n),
                title_sv=TITLE_SV.format(n=n),
                title_en=TITLE_EN.format(n=n),
                intro_fi="Kaupunki kysyi asukkailta, pitäisikö nuorisotilan olla auki kesällä.",
                intro_sv="Staden frågade invånarna om ungdomsgården borde vara öppen på sommaren.",
                intro_en="The city asked its residents whether the youth centre should be open "
                "in summer.",
                opens_at=closes - datetime.timedelta(days=28),
                closes_at=closes,
                result_policy=ResultPolicy.AFTER_CLOSE,
                asks_age_band=True,
                questions=demo.CLOSED_QUESTIONS,
            )
        surveys.append((survey, size))
    return surveys


def generate(plan: Plan, stdout) -> None:
    total = plan.counts["responses"]
    surveys = _surveys(total)
    # Where each survey's responses start in the global numbering.
    starts = []
    position = 0
    for survey, size in surveys:
        starts.append((position, position + size, survey))
        position += size
    layout = {}
    for survey, _size in surveys:
        single, multiple, scale, long_text = list(survey.questions.order_by("sort_order", "id"))
        layout[survey.pk] = (
            single.pk,
            [o.pk for o in single.options.order_by("sort_order", "id")],
            multiple.pk,
            [o.pk for o in multiple.options.order_by("sort_order", "id")],
            scale.pk,
            long_text.pk,
        )
    done = SurveyResponse.objects.filter(survey__in=[s for s, _n in surveys]).count()
    texts = [text for text, _language in demo.CLOSED_TEXTS]

    def write(start: int, end: int) -> int:
        rng = plan.rng("responses", start)
        responses, answers = [], []
        for first, last, survey in starts:
            if last <= start or first >= end:
                continue
            single, single_options, multiple, multiple_options, scale, long_text = layout[survey.pk]
            days = max(1, (survey.closes_at - survey.opens_at).days)
            opened = timezone.localdate(survey.opens_at)
            for _index in range(max(first, start), min(last, end)):
                response = uuid.UUID(int=rng.getrandbits(128), version=4)
                responses.append(
                    (
                        response,
                        survey.pk,
                        opened + datetime.timedelta(days=rng.randrange(days)),
                        rng.choices(BANDS, BAND_WEIGHTS)[0],
                        "",
                    )
                )
                rows = [(single, rng.choices(single_options, weights=(48, 27, 9, 16))[0], None, "")]
                rows += [
                    (multiple, option, None, "")
                    for option in sorted(rng.sample(multiple_options, rng.randint(1, 3)))
                ]
                rows.append((scale, None, rng.choices(range(1, 6), (4, 8, 20, 33, 35))[0], ""))
                if rng.random() < 0.3:
                    rows.append((long_text, None, None, rng.choice(texts)))
                for question, option, value, text in rows:
                    answers.append(
                        (
                            uuid.UUID(int=rng.getrandbits(128), version=4),
                            response,
                            question,
                            option,
                            value,
                            text,
                            "",
                            ModerationStatus.PENDING.value,
                        )
                    )
        copy_rows(
            SurveyResponse._meta.db_table,
            ["id", "survey_id", "submitted_on", "age_band", "area"],
            responses,
        )
        copy_rows(
            Answer._meta.db_table,
            [
                "id",
                "response_id",
                "question_id",
                "option_id",
                "value",
                "text",
                "language",
                "moderation",
            ],  # fmt: skip
            answers,
        )
        return len(responses) + len(answers)

    with indexes_deferred(SurveyResponse, Answer, stdout=stdout, load=done < total):
        chunks(stdout, "survey responses", total=total, done=done, size=CHUNK, write=write)
    analyse(SurveyResponse, Answer)
    # The answers went in around the services: count the results' counters from them.
    for survey, _size in surveys:
        # Counted again unless the counters already count every response (a complete set
        # from an earlier run): reading a city's million answers takes a while.
        counted = RespondentTally.objects.filter(survey=survey).aggregate(total=Sum("n"))["total"]
        if counted != SurveyResponse.objects.filter(survey=survey).count():
            survey_recount_results(survey=survey)
