"""Reads of the participation app that have rules in them: results with small groups hidden."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participation.models import (
    AGE_BANDS,
    TEXT_KINDS,
    Answer,
    ModerationStatus,
    Option,
    OptionTally,
    Question,
    QuestionKind,
    QuestionTally,
    RespondentTally,
    ScaleTally,
    Survey,
)
from portal.translation import TranslatedText, translated

# Approved free-text answers shown per question (the export has them all).
TEXTS_SHOWN = 50


def questions_of(survey: Survey) -> list[Question]:
    """The survey's questions in order, with their options (two queries)."""
    return list(
        Question.objects.filter(survey=survey)
        .order_by("sort_order", "id")
        .prefetch_related(Prefetch("options", queryset=Option.objects.order_by("sort_order", "id")))
    )


def surveys_listed(queryset: QuerySet[Survey]) -> QuerySet[Survey]:
    return queryset.select_related("body").order_by("-opens_at", "id")


@dataclass
class OptionResult:
    id: int
    text: TranslatedText
    # Single and multiple choice: respondents who chose it; scale: who gave this value;
    # ranking: who ranked it first.
    count: int
    percent: float
    mean_rank: float | None = None
    # The Option (None for a scale value), for texts in every language.
    source: Option | None = None

    @property
    def bar(self) -> float:
        """The bar's length in the chart, in percent of its width."""
        return round(self.percent, 1)


@dataclass(frozen=True)
class QuotedText:
    """A published free-text answer and the language it was written in ("" if not known)."""

    text: str
    language: str = ""

    def __str__(self) -> str:
        return self.text


@dataclass
class QuestionResult:
    question: Question
    answered: int
    hidden: bool
    options: list[OptionResult] = field(default_factory=list)
    mean: float | None = None
    texts: list[QuotedText] = field(default_factory=list)
    summary: str = ""

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def is_text(self) -> bool:
        return self.question.kind in TEXT_KINDS

    @property
    def chart_height(self) -> int:
        return 40 * len(self.options) + 10


@dataclass
class AgeBandResult:
    # An age band such as "13-15", or "" for those who did not say.
    band: str
    # None when hidden: fewer than the minimum group size are in the band, or its count would
    # let a smaller band be worked out (complementary_hidden()).
    count: int | None

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass
class SurveyResults:
    survey: Survey
    respondents: int
    hidden: bool
    questions: list[QuestionResult]
    age_bands: list[AgeBandResult] = field(default_factory=list)


def complementary_hidden(counts: Sequence[int], minimum: int) -> list[bool]:
    """Which cells to hide of a line whose cells add up to a published total.

    Every cell below `minimum` is hidden (zero too: "nobody in this band" is a small group's
    answer as well). Then, while the hidden cells are a single one or add up to fewer than
    `minimum`, the smallest visible cell is hidden too: the total minus the visible cells is the
    sum of the hidden ones, so it must never be one cell's count nor a small group's. Hidden
    cells all read the same, so nobody can tell which were hidden for being small.
    """
    hidden = [count < minimum for count in counts]
    while True:
        hidden_counts = [count for count, off in zip(counts, hidden, strict=True) if off]
        if not hidden_counts or (len(hidden_counts) >= 2 and sum(hidden_counts) >= minimum):
            return hidden
        visible = [index for index, off in enumerate(hidden) if not off]
        if not visible:
            return hidden
        hidden[min(visible, key=lambda index: (counts[index], index))] = True


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def survey_results(survey: Survey, *, language: str | None = None) -> SurveyResults:
    """Counts and percentages per question; a question answered by fewer respondents than the
    survey's minimum group size is hidden, counts and texts alike (about seven queries).

    The counts come from the counters that the services keep with each response
    (participation.tallies), never from the answers, so that reading them costs the same
    however many have answered."""
    minimum = survey.min_group_size
    questions = questions_of(survey)
    by_band = dict(
        RespondentTally.objects.filter(survey=survey).values_list("age_band", "n").order_by()
    )
    respondents = sum(by_band.values())
    answered = dict(
        QuestionTally.objects.filter(survey=survey).values_list("question_id", "n").order_by()
    )
    groups: dict[int, list[tuple[int | None, int | None, int]]] = defaultdict(list)
    for question_id, option_id, rank, n in (
        OptionTally.objects.filter(survey=survey)
        .values_list("question_id", "option_id", "rank", "n")
        .order_by()
    ):
        # A ranking's place; None for single and multiple choice, as in the answers.
        groups[question_id].append((option_id, rank or None, n))
    for question_id, value, n in (
        ScaleTally.objects.filter(survey=survey).values_list("question_id", "value", "n").order_by()
    ):
        groups[question_id].append((None, value, n))
    texts: dict[int, list[QuotedText]] = defaultdict(list)
    text_questions = [q.pk for q in questions if q.kind in TEXT_KINDS]
    if text_questions and respondents >= minimum:
        # At most TEXTS_SHOWN per question, in the order of the text: a question with many
        # approved answers leaves the others theirs.
        approved = (
            Answer.objects.filter(
                question_id__in=text_questions, moderation=ModerationStatus.APPROVED
            )
            .exclude(text="")
            .annotate(
                place=Window(RowNumber(), partition_by=F("question_id"), order_by=F("text").asc())
            )
            .filter(place__lte=TEXTS_SHOWN)
            .order_by("question_id", "text")
            .values_list("question_id", "text", "language")
        )
        for question_id, text, written_in in approved:
            texts[question_id].append(QuotedText(text, written_in))
    results = []
    for question in questions:
        if not question.asks:
            continue
        n = answered.get(question.pk, 0)
        hidden = respondents < minimum or n < minimum
        result = QuestionResult(question=question, answered=n, hidden=hidden)
        if not hidden:
            _fill(result, groups.get(question.pk, []), texts.get(question.pk, []), language)
        results.append(result)
    age_bands = []
    if survey.asks_age_band and respondents >= minimum:
        bands = (*AGE_BANDS, "")
        # The bands add up to the respondents, which are published.
        hidden = complementary_hidden([by_band.get(band, 0) for band in bands], minimum)
        age_bands = [
            AgeBandResult(band, None if off else by_band.get(band, 0))
            for band, off in zip(bands, hidden, strict=True)
        ]
    return SurveyResults(
        survey=survey,
        respondents=respondents,
        hidden=respondents < minimum,
        questions=results,
        age_bands=age_bands,
    )


def _fill(result: QuestionResult, rows, texts: list[QuotedText], language: str | None) -> None:
    question, total = result.question, result.answered
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        counts = {option_id: n for option_id, _value, n in rows}
        result.options = [
            OptionResult(
                id=option.pk,
                text=translated(option, "text", language),
                count=counts.get(option.pk, 0),
                percent=_percent(counts.get(option.pk, 0), total),
                source=option,
            )
            for option in question.options.all()
        ]
        if result.options:
            top = max(result.options, key=lambda o: o.count)
            result.summary = _(
                "Most often chosen: “%(option)s”, by %(percent)s %% of the %(n)d who answered."
            ) % {
                "option": top.text.text,
                "percent": number_format(top.percent, 1),
                "n": total,
            }
    elif question.kind == QuestionKind.SCALE:
        counts = {value: n for _option_id, value, n in rows}
        result.options = [
            OptionResult(
                id=value,
                text=_scale_label(question, value, language),
                count=counts.get(value, 0),
                percent=_percent(counts.get(value, 0), total),
            )
            for value in range(question.scale_min, question.scale_max + 1)
        ]
        weighted = sum(value * n for value, n in counts.items() if value is not None)
        result.mean = round(weighted / total, 1) if total else None
        result.summary = ngettext(
            "Average %(mean)s on a scale from %(low)d to %(high)d, %(n)d answer.",
            "Average %(mean)s on a scale from %(low)d to %(high)d, %(n)d answers.",
            total,
        ) % {
            "mean": number_format(result.mean, 1) if result.mean is not None else "–",
            "low": question.scale_min,
            "high": question.scale_max,
            "n": total,
        }
    elif question.kind == QuestionKind.RANKING:
        firsts: dict[int, int] = defaultdict(int)
        rank_sum: dict[int, int] = defaultdict(int)
        rank_n: dict[int, int] = defaultdict(int)
        for option_id, value, n in rows:
            if value == 1:
                firsts[option_id] += n
            rank_sum[option_id] += (value or 0) * n
            rank_n[option_id] += n
        options = [
            OptionResult(
                id=option.pk,
                text=translated(option, "text", language),
                count=firsts.get(option.pk, 0),
                percent=_percent(firsts.get(option.pk, 0), total),
                mean_rank=round(rank_sum[option.pk] / rank_n[option.pk], 1)
                if rank_n.get(option.pk)
                else None,
                source=option,
            )
            for option in question.options.all()
        ]
        result.options = sorted(options, key=lambda o: (o.mean_rank or 999, o.id))
        if result.options:
            result.summary = _(
                "Ranked first most often: “%(option)s” (average place %(rank)s)."
            ) % {
                "option": max(result.options, key=lambda o: o.count).text.text,
                "rank": number_format(result.options[0].mean_rank, 1)
                if result.options[0].mean_rank is not None
                else "–",
            }
    else:
        result.texts = texts
        result.summary = ngettext(
            "%(n)d written answer, %(shown)d of them approved for publication.",
            "%(n)d written answers, %(shown)d of them approved for publication.",
            total,
        ) % {"n": total, "shown": len(texts)}


def _scale_label(question: Question, value: int, language: str | None) -> TranslatedText:
    if value == question.scale_min:
        label = translated(question, "scale_min_label", language)
        if label.text:
            return TranslatedText(f"{value} – {label.text}", label.language, label.requested)
    if value == question.scale_max:
        label = translated(question, "scale_max_label", language)
        if label.text:
            return TranslatedText(f"{value} – {label.text}", label.language, label.requested)
    return TranslatedText(str(value), None, language or "")
