"""Every write of the participation app."""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation import tallies
from participation.answers import clean_answers
from participation.models import (
    AGE_BANDS,
    CHOICE_KINDS,
    AccessCode,
    Answer,
    Audience,
    DisplayMode,
    Identification,
    ModerationStatus,
    Option,
    Question,
    QuestionKind,
    RespondentToken,
    Response,
    ResultPolicy,
    Survey,
)
from participation.respondents import (
    Respondent,
    RespondentKind,
    access_code_hash,
    new_code,
    respondent_digest,
)
from portal import pagecache
from portal.translation import LANGUAGE_ORDER

MAX_CODES_PER_BATCH = 1000


class SurveyNotOpen(Exception):
    """The survey is not open for answers now."""


class AlreadyAnswered(Exception):
    """This respondent (account, access code or browser) has already answered."""


class InvalidAccessCode(Exception):
    """No such access code for this survey."""


class InvalidAnswers(Exception):
    def __init__(self, errors: Mapping[int, str]):
        super().__init__("invalid answers")
        self.errors = dict(errors)


class SurveyLocked(ValidationError):
    pass


# --- Building surveys -------------------------------------------------------------------------


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _sync_options(question: Question) -> None:
    """Make the Option rows match the question's option lines, by position."""
    existing = list(question.options.order_by("sort_order", "id"))
    if question.kind not in CHOICE_KINDS:
        lines_fi: list[str] = []
    else:
        lines_fi = _lines(question.options_text_fi)
    per_language = {
        code: _lines(getattr(question, f"options_text_{code}", "")) for code in LANGUAGE_ORDER
    }
    for index, text_fi in enumerate(lines_fi):
        option = existing[index] if index < len(existing) else Option(question=question)
        option.sort_order = index
        option.text_fi = text_fi
        for code in LANGUAGE_ORDER:
            if code == "fi":
                continue
            lines = per_language[code]
            setattr(option, f"text_{code}", lines[index] if index < len(lines) else None)
        option.save()
    for option in existing[len(lines_fi) :]:
        option.delete()


def survey_sync_options(*, survey: Survey) -> None:
    """Store every choice question's option lines as Option rows (before any response)."""
    for question in survey.questions.all():
        _sync_options(question)


def _assert_editable(survey: Survey) -> None:
    if survey.has_responses():
        raise SurveyLocked(_("Questions cannot change once the survey has responses."))


@transaction.atomic
def survey_save_from_admin(*, form) -> Survey:
    """Save the survey builder's form (survey and inline questions), then its options."""
    survey = form.instance
    if survey.pk and survey.has_responses():
        questions = form.formsets.get("questions")
        if questions is not None and questions.has_changed():
            raise SurveyLocked(_("Questions cannot change once the survey has responses."))
    survey = form.save()
    survey_sync_options(survey=survey)
    return survey


@transaction.atomic
def survey_create(
    *,
    title_fi: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    title_sv: str = "",
    title_en: str = "",
    intro_fi: str = "",
    intro_sv: str = "",
    intro_en: str = "",
    identification: str = Identification.ANONYMOUS,
    display_mode: str = DisplayMode.ONE_PER_SCREEN,
    result_policy: str = ResultPolicy.AFTER_CLOSE,
    min_group_size: int = 5,
    is_published: bool = True,
    audience: str = Audience.EVERYONE,
    age_min: int | None = None,
    age_max: int | None = None,
    area: str = "",
    asks_age_band: bool = False,
    body=None,
    page=None,
    case_type_code: str = "",
    results_published_at: datetime.datetime | None = None,
    questions: Sequence[Mapping[str, Any]] = (),
) -> Survey:
    """Create a survey with its questions; each question is a mapping of question_add()'s
    arguments."""
    survey = Survey(
        title_fi=title_fi,
        title_sv=title_sv or None,
        title_en=title_en or None,
        intro_fi=intro_fi or None,
        intro_sv=intro_sv or None,
        intro_en=intro_en or None,
        opens_at=opens_at,
        closes_at=closes_at,
        identification=identification,
        display_mode=display_mode,
        result_policy=result_policy,
        min_group_size=min_group_size,
        is_published=is_published,
        audience=audience,
        age_min=age_min,
        age_max=age_max,
        area=area,
        asks_age_band=asks_age_band,
        body=body,
        page=page,
        case_type_code=case_type_code,
        results_published_at=results_published_at,
    )
    survey.full_clean()
    survey.save()
    for index, spec in enumerate(questions):
        question_add(survey=survey, sort_order=index, **spec)
    return survey


@transaction.atomic
def question_add(
    *,
    survey: Survey,
    kind: str,
    text_fi: str,
    text_sv: str = "",
    text_en: str = "",
    help_text_fi: str = "",
    help_text_sv: str = "",
    help_text_en: str = "",
    required: bool = False,
    sort_order: int | None = None,
    options: Sequence[Sequence[str]] = (),
    min_choices: int | None = None,
    max_choices: int | None = None,
    scale_min: int = 1,
    scale_max: int = 5,
    scale_min_label: Sequence[str] = (),
    scale_max_label: Sequence[str] = (),
) -> Question:
    """Add a question; `options` are (fi, sv, en) texts, the scale labels (fi, sv, en) too."""
    _assert_editable(survey)
    if sort_order is None:
        sort_order = survey.questions.count()

    def column(values: Sequence[Sequence[str]], index: int) -> str:
        return "\n".join(value[index] if index < len(value) else "" for value in values)

    question = Question(
        survey=survey,
        kind=kind,
        sort_order=sort_order,
        text_fi=text_fi,
        text_sv=text_sv or None,
        text_en=text_en or None,
        help_text_fi=help_text_fi or None,
        help_text_sv=help_text_sv or None,
        help_text_en=help_text_en or None,
        required=required and kind != QuestionKind.INFO,
        min_choices=min_choices,
        max_choices=max_choices,
        scale_min=scale_min,
        scale_max=scale_max,
    )
    for index, code in enumerate(LANGUAGE_ORDER):
        setattr(question, f"options_text_{code}", column(options, index) or None)
        low = scale_min_label[index] if index < len(scale_min_label) else ""
        high = scale_max_label[index] if index < len(scale_max_label) else ""
        setattr(question, f"scale_min_label_{code}", low or None)
        setattr(question, f"scale_max_label_{code}", high or None)
    question.full_clean(exclude=["survey"])
    question.save()
    _sync_options(question)
    return question


@transaction.atomic
def survey_publish_results(*, survey: Survey, when: datetime.datetime | None = None) -> Survey:
    """Record that the decision was published: results "with the decision" become public."""
    survey.results_published_at = when or timezone.now()
    survey.save(update_fields=["results_published_at", "modified"])
    return survey


# --- Access codes -----------------------------------------------------------------------------


@transaction.atomic
def access_codes_create(*, survey: Survey, count: int, group: str = "") -> list[str]:
    """Create `count` single-use codes and return them: this is the only time they are seen."""
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ValidationError(
            _("Create from 1 to %(max)d codes at a time.") % {"max": MAX_CODES_PER_BATCH}
        )
    codes: dict[str, str] = {}
    while len(codes) < count:
        code = new_code()
        codes.setdefault(access_code_hash(survey_id=survey.pk, code=code), code)
    AccessCode.objects.bulk_create(
        [AccessCode(survey=survey, code_hash=digest, group=group[:100]) for digest in codes]
    )
    return list(codes.values())


@transaction.atomic
def access_codes_store(*, survey: Survey, codes: Sequence[str], group: str = "") -> int:
    """Store the hashes of codes chosen elsewhere (the demo's printed codes)."""
    digests = {access_code_hash(survey_id=survey.pk, code=code) for code in codes}
    AccessCode.objects.bulk_create(
        [AccessCode(survey=survey, code_hash=digest, group=group[:100]) for digest in digests],
        ignore_conflicts=True,
    )
    return len(digests)


def access_code_is_valid(*, survey: Survey, code: str) -> bool:
    """Whether the code belongs to the survey and is still unused."""
    digest = access_code_hash(survey_id=survey.pk, code=code)
    return AccessCode.objects.filter(survey=survey, code_hash=digest, used=False).exists()


# --- Answering --------------------------------------------------------------------------------


@transaction.atomic
def survey_submit_response(
    *,
    survey: Survey,
    answers: Mapping[int, Any],
    respondent: Respondent | None = None,
    access_code: str | None = None,
    access_code_digest: str | None = None,
    questions: Sequence[Question] | None = None,
    age_band: str = "",
    now: datetime.datetime | None = None,
) -> Response:
    """Store one respondent's answers, once: a second answer raises AlreadyAnswered.

    The respondent is an account or a browser (`respondent`) or an access code (as typed, or
    its keyed hash from access_code_hash()); what is kept of them is a keyed hash in
    RespondentToken, whose unique constraint refuses a second answer even when both arrive at
    the same moment.
    """
    now = now or timezone.now()
    if not survey.is_open(now):
        raise SurveyNotOpen()
    if questions is None:
        questions = list(survey.questions.prefetch_related("options"))
    cleaned, errors = clean_answers(questions, answers)
    if errors:
        raise InvalidAnswers(errors)
    if age_band and age_band not in AGE_BANDS:
        raise InvalidAnswers({0: str(_("Choose one of the age bands."))})
    if survey.identification == Identification.ACCESS_CODE:
        if not access_code and not access_code_digest:
            raise InvalidAccessCode()
        digest = access_code_digest or access_code_hash(survey_id=survey.pk, code=access_code)
        used = AccessCode.objects.filter(survey=survey, code_hash=digest, used=False).update(
            used=True
        )
        if not used:
            if AccessCode.objects.filter(survey=survey, code_hash=digest).exists():
                raise AlreadyAnswered()
            raise InvalidAccessCode()
        respondent = Respondent(RespondentKind.CODE, digest)
    elif respondent is None:
        raise ValueError("a respondent is needed for this survey's identification")
    try:
        with transaction.atomic():
            RespondentToken.objects.create(
                survey=survey,
                digest=respondent_digest(survey_id=survey.pk, respondent=respondent),
            )
    except IntegrityError:
        raise AlreadyAnswered() from None
    response = Response.objects.create(
        survey=survey,
        submitted_on=timezone.localdate(now),
        # Stored only when the survey asks for it.
        age_band=age_band if survey.asks_age_band else "",
    )
    rows = _answer_rows(response, questions, cleaned)
    Answer.objects.bulk_create(rows)
    # The results' counters, in this same transaction: they never miss or double an answer.
    tally = tallies.Tally()
    tally.add_response(response.age_band, rows)
    tallies.add(survey.pk, tally)
    return response


def _answer_rows(response: Response, questions: Sequence[Question], cleaned) -> list[Answer]:
    rows = []
    for question in questions:
        value = cleaned.get(question.pk)
        if value is None:
            continue
        kind = question.kind
        if kind == QuestionKind.SINGLE:
            rows.append(Answer(response=response, question=question, option_id=value))
        elif kind == QuestionKind.MULTIPLE:
            rows += [Answer(response=response, question=question, option_id=v) for v in value]
        elif kind == QuestionKind.RANKING:
            rows += [
                Answer(response=response, question=question, option_id=option_id, value=rank)
                for rank, option_id in enumerate(value, start=1)
            ]
        elif kind == QuestionKind.SCALE:
            rows.append(Answer(response=response, question=question, value=value))
        else:
            rows.append(Answer(response=response, question=question, text=value))
    return rows


@transaction.atomic
def answer_moderate(*, answer: Answer, moderation: str, language: str = "") -> Answer:
    """Approve a free-text answer for publication, or keep it unpublished; the moderator says
    which language the text is in, so that the published quote carries its `lang`."""
    if moderation not in ModerationStatus.values:
        raise ValidationError({"moderation": _("Choose a moderation status.")})
    if language and language not in LANGUAGE_ORDER:
        raise ValidationError({"language": _("Choose a language.")})
    answer.moderation = moderation
    answer.language = language
    answer.save(update_fields=["moderation", "language"])
    # Approved quotes show in the results (answers are otherwise not public content).
    pagecache.invalidate()
    return answer


@transaction.atomic
def responses_import(
    *,
    survey: Survey,
    responses: Sequence[Mapping[int, Any]],
    submitted_on: datetime.date,
) -> int:
    """Store many already-collected responses at once (answers on paper, demo data): each is
    validated like an answer from the pages, but no respondent token is written."""
    questions = list(survey.questions.prefetch_related("options"))
    rows: list[Response] = []
    answers: list[Answer] = []
    tally = tallies.Tally()
    for raw in responses:
        cleaned, errors = clean_answers(
            questions, {k: v for k, v in raw.items() if k != "age_band"}
        )
        if errors:
            raise InvalidAnswers(errors)
        band = raw.get("age_band", "") if survey.asks_age_band else ""
        if band and band not in AGE_BANDS:
            raise InvalidAnswers({0: str(_("Choose one of the age bands."))})
        response = Response(survey=survey, submitted_on=submitted_on, age_band=band)
        rows.append(response)
        response_answers = _answer_rows(response, questions, cleaned)
        tally.add_response(band, response_answers)
        answers += response_answers
    Response.objects.bulk_create(rows, batch_size=500)
    Answer.objects.bulk_create(answers, batch_size=1000)
    tallies.add(survey.pk, tally)
    pagecache.invalidate()
    return len(rows)


@transaction.atomic
def answer_delete(*, answer: Answer) -> None:
    """Remove one answer (an abusive free text, say) and take it off the results' counters;
    the response no longer counts as answering the question if it was its only answer there."""
    answer = Answer.objects.select_related("question").get(pk=answer.pk)
    tally = tallies.Tally()
    tally.add_answer(answer, sign=-1)
    answer.delete()
    if not Answer.objects.filter(
        response_id=answer.response_id, question_id=answer.question_id
    ).exists():
        tally.questions[answer.question_id] -= 1
    tallies.add(answer.question.survey_id, tally)
    pagecache.invalidate()


@transaction.atomic
def survey_recount_results(*, survey: Survey) -> None:
    """Count the results' counters again from the stored answers: for answers loaded in bulk
    around the services. Reads every answer of the survey; run it while no answers arrive."""
    tallies.recount(survey.pk)
    pagecache.invalidate()


@transaction.atomic
def survey_link_agenda_item(*, survey: Survey, agenda_item) -> Survey:
    """Link the survey to the agenda item it informs (None to unlink): the item's page shows
    the results, and the survey's page the decision."""
    survey.agenda_item = agenda_item
    survey.save(update_fields=["agenda_item", "modified"])
    return survey
