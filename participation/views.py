"""The answering pages and results of surveys; every step works without JavaScript.

What a respondent has answered so far lives in their session (on their device) until they send
it; the session is never linked to the stored response.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from participation import ratelimit
from participation.forms import AccessCodeForm, StepForm, field_name, rank_field_name
from participation.models import (
    AGE_BANDS,
    CHOICE_KINDS,
    AccessCode,
    DisplayMode,
    Identification,
    Question,
    QuestionKind,
    RespondentToken,
    Survey,
)
from participation.passes import pass_issue, pass_of, pass_set_cookie
from participation.policies import (
    agenda_item_visible,
    decision_is_public,
    results_visible_to,
    surveys_visible_to,
)
from participation.respondents import (
    Respondent,
    RespondentKind,
    access_code_hash,
    is_plausible_code,
    respondent_digest,
)
from participation.selectors import questions_of, survey_results, surveys_listed
from participation.services import (
    AlreadyAnswered,
    InvalidAccessCode,
    InvalidAnswers,
    SurveyNotOpen,
    access_code_is_valid,
    survey_submit_response,
)
from portal.translation import translated

# Ids beyond this are not ids the database holds: not found, without asking it.
MAX_ID = 2**53
STATE_KEY = "participation"
# The keyed hash of the access code the respondent entered, in their survey state.
CODE_KEY = "code_digest"


# --- Helpers ----------------------------------------------------------------------------------


def _survey_or_404(request, survey_id: int) -> Survey:
    if survey_id > MAX_ID:
        raise Http404
    return get_object_or_404(surveys_visible_to(request.user).select_related("body"), pk=survey_id)


def _steps(survey: Survey, questions: list[Question]) -> list[list[Question]]:
    if survey.display_mode == DisplayMode.ALL_AT_ONCE or len(questions) <= 1:
        return [questions]
    return [[question] for question in questions]


def _state(request, survey: Survey) -> dict:
    return dict(request.session.get(STATE_KEY, {}).get(str(survey.pk), {}))


def _save_state(request, survey: Survey, state: dict) -> None:
    states = dict(request.session.get(STATE_KEY, {}))
    states[str(survey.pk)] = state
    request.session[STATE_KEY] = states


def _clear_state(request, survey: Survey) -> None:
    states = dict(request.session.get(STATE_KEY, {}))
    if states.pop(str(survey.pk), None) is not None:
        request.session[STATE_KEY] = states


def _respondent(request, survey: Survey, new_pass: str | None = None) -> Respondent | None:
    if survey.identification == Identification.ACCOUNT and request.user.is_authenticated:
        return Respondent(RespondentKind.ACCOUNT, str(request.user.pk))
    if survey.identification == Identification.ANONYMOUS:
        respondent_pass = new_pass or pass_of(request, survey)
        return Respondent(RespondentKind.BROWSER, respondent_pass) if respondent_pass else None
    return None


def _has_answered(survey: Survey, respondent: Respondent | None) -> bool:
    if respondent is None:
        return False
    digest = respondent_digest(survey_id=survey.pk, respondent=respondent)
    return RespondentToken.objects.filter(survey=survey, digest=digest).exists()


def _not_open(request, survey: Survey):
    return render(
        request,
        "participation/not_open.html",
        {"survey": survey, "survey_state": survey.state()},
    )


def _already_answered(request, survey: Survey):
    return render(request, "participation/already_answered.html", {"survey": survey})


def _rate_limited(request, survey: Survey, *, passes: bool = False):
    return render(
        request,
        "participation/rate_limited.html",
        {"survey": survey, "passes_exhausted": passes},
        status=429,
    )


def _gate(request, survey: Survey):
    """The page to show instead of a question (closed, sign in, code, answered), or None."""
    if not survey.is_open():
        return _not_open(request, survey)
    if survey.identification == Identification.ACCOUNT and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))
    if survey.identification == Identification.ACCESS_CODE and not _state(request, survey).get(
        CODE_KEY
    ):
        return redirect("participation:code", survey_id=survey.pk)
    if _has_answered(survey, _respondent(request, survey)):
        return _already_answered(request, survey)
    return None


def start_url(survey: Survey) -> str:
    if survey.identification == Identification.ACCESS_CODE:
        return reverse("participation:code", args=[survey.pk])
    return reverse("participation:answer", args=[survey.pk, 1])


# --- Question views for the templates -----------------------------------------------------------


def _question_items(form: StepForm, questions: list[Question], saved: dict) -> list[dict]:
    items = []
    for question in questions:
        name = field_name(question)
        errors = form.errors.get(name) if form.is_bound else None
        item = {
            "question": question,
            "name": name,
            "id": f"id_{name}",
            "anchor": f"id_{name}",
            "error": errors[0] if errors else "",
            "label": translated(question, "text").text,
            "kind": question.kind,
            "is_group": question.kind in (*CHOICE_KINDS, QuestionKind.SCALE),
        }
        if form.is_bound and question.asks:
            value = (
                form.data.getlist(name)
                if question.kind == QuestionKind.MULTIPLE
                else form.data.get(name)
            )
        else:
            value = saved.get(str(question.pk))
        options = list(question.options.all())
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
            item["options"] = [
                {"option": o, "input_id": f"id_{name}_{o.pk}", "checked": str(o.pk) in chosen}
                for o in options
            ]
            if options:
                item["anchor"] = item["options"][0]["input_id"]
        elif question.kind == QuestionKind.SCALE:
            item["points"] = [
                {
                    "value": v,
                    "input_id": f"id_{name}_{v}",
                    "checked": str(v) == str(value),
                    "low": v == question.scale_min,
                    "high": v == question.scale_max,
                }
                for v in range(question.scale_min, question.scale_max + 1)
            ]
            item["anchor"] = item["points"][0]["input_id"]
        elif question.kind == QuestionKind.RANKING:
            if form.is_bound:
                places = {o.pk: form.data.get(rank_field_name(question, o.pk), "") for o in options}
            else:
                order = value if isinstance(value, list) else []
                places = {option_id: str(index) for index, option_id in enumerate(order, 1)}
            item["places"] = [str(n) for n in range(1, len(options) + 1)]
            item["options"] = [
                {
                    "option": o,
                    "input_id": f"id_{rank_field_name(question, o.pk)}",
                    "name": rank_field_name(question, o.pk),
                    "place": str(places.get(o.pk, "")),
                }
                for o in options
            ]
            if options:
                item["anchor"] = item["options"][0]["input_id"]
        elif question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            item["value"] = value if isinstance(value, str) else ""
        items.append(item)
    return items


# --- Views ------------------------------------------------------------------------------------


@require_GET
def survey_index(request):
    """Open surveys, and closed ones whose results are out."""
    now = timezone.now()
    surveys = list(surveys_listed(surveys_visible_to(request.user)))
    open_now = [s for s in surveys if s.is_open(now)]
    upcoming = [s for s in surveys if s.state(now) == "upcoming"]
    closed = [s for s in surveys if s.state(now) == "closed"]
    for survey in closed:
        survey.results_public = results_visible_to(request.user, survey, now)
    return render(
        request,
        "participation/survey_index.html",
        {"open_surveys": open_now, "upcoming_surveys": upcoming, "closed_surveys": closed},
    )


@require_GET
def survey_detail(request, survey_id: int):
    """What the survey is about, whether it is open and until when, and what followed."""
    survey = _survey_or_404(request, survey_id)
    return render(
        request,
        "participation/survey_detail.html",
        {
            "survey": survey,
            "survey_state": survey.state(),
            "start_url": start_url(survey),
            "results_visible": results_visible_to(request.user, survey),
            "decision_public": decision_is_public(survey),
            "agenda_item_visible": agenda_item_visible(survey),
            "question_count": sum(1 for q in survey.questions.all() if q.asks),
        },
    )


@require_http_methods(["GET", "POST"])
def access_code(request, survey_id: int):
    """Enter the access code from the slip; wrong codes are limited per address."""
    survey = _survey_or_404(request, survey_id)
    if survey.identification != Identification.ACCESS_CODE:
        raise Http404
    if not survey.is_open():
        return _not_open(request, survey)
    if ratelimit.code_attempts_blocked(request, survey.pk):
        return _rate_limited(request, survey)
    form = AccessCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if is_plausible_code(code) and access_code_is_valid(survey=survey, code=code):
            state = _state(request, survey)
            # The keyed hash, never the code: a copy of the session store gives no codes.
            state[CODE_KEY] = access_code_hash(survey_id=survey.pk, code=code)
            _save_state(request, survey, state)
            return redirect("participation:answer", survey_id=survey.pk, step=1)
        digest = access_code_hash(survey_id=survey.pk, code=code)
        if AccessCode.objects.filter(survey=survey, code_hash=digest, used=True).exists():
            return _already_answered(request, survey)
        ratelimit.code_failed(request, survey.pk)
        form.add_error(
            "code", _("This code is not valid for this survey. Check the code on your slip.")
        )
    return render(request, "participation/access_code.html", {"survey": survey, "form": form})


@require_http_methods(["GET", "POST"])
def answer(request, survey_id: int, step: int):
    """One screen of questions (or all of them); the last one sends the answers."""
    survey = _survey_or_404(request, survey_id)
    gate = _gate(request, survey)
    if gate is not None:
        return gate
    questions = questions_of(survey)
    steps = _steps(survey, questions)
    if not 1 <= step <= len(steps):
        raise Http404
    current = steps[step - 1]
    # The age band, when the survey asks it, is on the last screen.
    asks_age = survey.asks_age_band and step == len(steps)
    state = _state(request, survey)
    saved = dict(state.get("answers", {}))
    new_pass = None
    if request.method == "POST":
        if ratelimit.answering_limited(request):
            return _rate_limited(request, survey)
        if survey.identification == Identification.ANONYMOUS and pass_of(request, survey) is None:
            # Starting to answer: a respondent pass, if this network has not had its share.
            new_pass = pass_issue(request, survey)
            if new_pass is None:
                return _rate_limited(request, survey, passes=True)
        form = StepForm(current, request.POST, ask_age_band=asks_age)
        if form.is_valid():
            if form.is_bot:
                _clear_state(request, survey)
                return redirect("participation:thanks", survey_id=survey.pk)
            for question in form.questions:
                saved.pop(str(question.pk), None)
            saved.update({str(pk): value for pk, value in form.answers.items()})
            state["answers"] = saved
            if asks_age:
                state["age_band"] = form.cleaned_data.get("age_band", "")
            _save_state(request, survey, state)
            if step < len(steps):
                response = redirect("participation:answer", survey_id=survey.pk, step=step + 1)
            else:
                response = _submit(request, survey, questions, steps, state, new_pass)
            if new_pass:
                pass_set_cookie(request, response, survey, new_pass)
            return response
    else:
        form = StepForm(
            current, ask_age_band=asks_age, initial={"age_band": state.get("age_band", "")}
        )
    items = _question_items(form, current, saved)
    error_items = [item for item in items if item["error"]]
    if asks_age and form.is_bound and form.errors.get("age_band"):
        error_items.append(
            {"anchor": "id_age_band_0", "label": _("Your age"), "error": form.errors["age_band"][0]}
        )
    response = render(
        request,
        "participation/answer_step.html",
        {
            "survey": survey,
            "form": form,
            "items": items,
            "errors": error_items,
            "error_items": error_items,
            "step": step,
            "step_count": len(steps),
            "is_last": step == len(steps),
            "age_band_field": form["age_band"] if asks_age else None,
            "age_bands": AGE_BANDS,
            "one_per_screen": len(steps) > 1,
            "previous_url": (
                reverse("participation:answer", args=[survey.pk, step - 1]) if step > 1 else ""
            ),
        },
    )
    if new_pass:
        pass_set_cookie(request, response, survey, new_pass)
    return response


def _submit(request, survey: Survey, questions, steps, state: dict, new_pass: str | None = None):
    answers = {int(pk): value for pk, value in state.get("answers", {}).items()}
    respondent = _respondent(request, survey, new_pass)
    if survey.identification == Identification.ANONYMOUS and respondent is None:
        # The pass of the first screen is gone (cookies cleared on the way): a new one, counted.
        new_pass = pass_issue(request, survey)
        if new_pass is None:
            return _rate_limited(request, survey, passes=True)
        respondent = Respondent(RespondentKind.BROWSER, new_pass)
    try:
        survey_submit_response(
            survey=survey,
            answers=answers,
            respondent=respondent,
            access_code_digest=state.get(CODE_KEY),
            questions=questions,
            age_band=state.get("age_band", ""),
        )
    except InvalidAnswers as exc:
        for index, screen in enumerate(steps, start=1):
            if any(question.pk in exc.errors for question in screen):
                messages.error(request, _("Some answers are missing or need checking."))
                return redirect("participation:answer", survey_id=survey.pk, step=index)
        raise
    except AlreadyAnswered:
        _clear_state(request, survey)
        return _already_answered(request, survey)
    except InvalidAccessCode:
        state.pop(CODE_KEY, None)
        _save_state(request, survey, state)
        return redirect("participation:code", survey_id=survey.pk)
    except SurveyNotOpen:
        return _not_open(request, survey)
    _clear_state(request, survey)
    response = redirect("participation:thanks", survey_id=survey.pk)
    if new_pass:
        pass_set_cookie(request, response, survey, new_pass)
    return response


@require_GET
def thanks(request, survey_id: int):
    """The confirmation at the end: the answers were received, and what happens next."""
    survey = _survey_or_404(request, survey_id)
    return render(request, "participation/thanks.html", {"survey": survey})


@require_GET
def results(request, survey_id: int):
    """Counts and percentages per question, as charts, tables and a one-line summary."""
    survey = _survey_or_404(request, survey_id)
    if not results_visible_to(request.user, survey):
        raise Http404
    return render(
        request,
        "participation/results.html",
        {"survey": survey, "results": survey_results(survey)},
    )
