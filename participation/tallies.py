"""The result counters (RespondentTally, QuestionTally, OptionTally, ScaleTally): what the
services add to them with each response, and how they are counted again from the answers.

The services call add() in the transaction that stores the answers, so the counters are exact;
the results (participation.selectors.survey_results) read only them. Each table gets one
`INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n` per response, its rows in key order, so
that simultaneous answers to one survey queue on the same rows in the same order and never
deadlock or lose an addition.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F

from participation.models import (
    Answer,
    OptionTally,
    QuestionTally,
    RespondentTally,
    Response,
    ScaleTally,
)

# Rows per INSERT statement (SQLite allows 999 parameters in one).
CHUNK = 150


@dataclass
class Tally:
    """Additions to a survey's counters (negative to take away)."""

    respondents: Counter = field(default_factory=Counter)  # age band -> n
    questions: Counter = field(default_factory=Counter)  # question id -> n
    options: Counter = field(default_factory=Counter)  # (question id, option id, rank) -> n
    scale: Counter = field(default_factory=Counter)  # (question id, value) -> n

    def add_response(self, age_band: str, answers: Iterable[Answer], sign: int = 1) -> None:
        """Count one response with its answers (a ranking's `value` is the option's place, a
        scale's the value given)."""
        self.respondents[age_band] += sign
        answered = set()
        for answer in answers:
            answered.add(answer.question_id)
            self.add_answer(answer, sign)
        for question_id in answered:
            self.questions[question_id] += sign

    def add_answer(self, answer: Answer, sign: int = 1) -> None:
        """Count one answer row in its option or scale counter (not in the question's)."""
        if answer.option_id is not None:
            self.options[(answer.question_id, answer.option_id, answer.value or 0)] += sign
        elif answer.value is not None:
            self.scale[(answer.question_id, answer.value)] += sign


def add(survey_id: int, tally: Tally) -> None:
    """Add the tally to the survey's counters: call it inside the transaction that stores (or
    removes) the answers counted."""
    respondents = {(band,): n for band, n in tally.respondents.items()}
    questions = {(question_id,): n for question_id, n in tally.questions.items()}
    _upsert(RespondentTally, ("age_band",), survey_id, respondents)
    _upsert(QuestionTally, ("question",), survey_id, questions)
    _upsert(OptionTally, ("question", "option", "rank"), survey_id, tally.options)
    _upsert(ScaleTally, ("question", "value"), survey_id, tally.scale)


def _upsert(model, key_fields: tuple[str, ...], survey_id: int, counts: Mapping[tuple, int]):
    # Taking away updates the existing row: PostgreSQL checks `n >= 0` on the row an INSERT
    # proposes before it finds the conflict.
    for key, n in sorted((key, n) for key, n in counts.items() if n < 0):
        model.objects.filter(survey_id=survey_id, **dict(zip(key_fields, key, strict=True))).update(
            n=F("n") + n
        )
    rows = sorted((key, n) for key, n in counts.items() if n > 0)
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    key_columns = [quote(meta.get_field(name).column) for name in ("survey", *key_fields)]
    columns = [quote(meta.pk.column), *key_columns, quote("n")]
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        params: list = []
        for key, n in chunk:
            params += [meta.pk.get_db_prep_value(uuid.uuid4(), connection), survey_id, *key, n]
        # Only the models' own table and column names are put into the text, quoted.
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608
            f"{', '.join([row_sql] * len(chunk))} "
            f"ON CONFLICT ({', '.join(key_columns)}) "
            f"DO UPDATE SET {quote('n')} = {table}.{quote('n')} + excluded.{quote('n')}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def recount(survey_id: int) -> None:
    """Count the survey's counters again from its responses and answers (after a bulk load
    that bypassed the services). It reads every answer of the survey: run it while the survey
    receives no answers."""
    for model in (RespondentTally, QuestionTally, OptionTally, ScaleTally):
        model.objects.filter(survey_id=survey_id).delete()
    tally = Tally()
    for age_band, n in (
        Response.objects.filter(survey_id=survey_id)
        .values_list("age_band")
        .annotate(n=Count("id"))
        .order_by()
    ):
        tally.respondents[age_band] += n
    answers = Answer.objects.filter(question__survey_id=survey_id)
    for question_id, n in (
        answers.values_list("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    ):
        tally.questions[question_id] += n
    for question_id, option_id, value, n in (
        answers.exclude(option_id=None, value=None)
        .values_list("question_id", "option_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if option_id is not None:
            tally.options[(question_id, option_id, value or 0)] += n
        else:
            tally.scale[(question_id, value)] += n
    add(survey_id, tally)
