"""The rules of a valid answer, shared by the answering pages and the API.

Answers are normalised per question id: an option id (single), a list of option ids (multiple;
ranking, in rank order), an integer (scale) or a text (short and long text).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participation.models import LONG_TEXT_MAX, SHORT_TEXT_MAX, Question, QuestionKind
from portal.validators import disguising_characters

Cleaned = dict[int, Any]
Errors = dict[int, str]


def _as_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 9:
        return int(value.strip())
    return None


def _as_int_list(value) -> list[int] | None:
    if value is None or value == "":
        return []
    if isinstance(value, str | int):
        value = [value]
    if not isinstance(value, list | tuple):
        return None
    out = []
    for item in value:
        number = _as_int(item)
        if number is None:
            return None
        out.append(number)
    return out


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == ()


def clean_answer(question: Question, value) -> tuple[Any, str | None]:
    """(normalised value or None when unanswered, error message or None)."""
    kind = question.kind
    if kind == QuestionKind.INFO or is_empty(value):
        if question.required and kind != QuestionKind.INFO:
            return None, _("Answer this question.")
        return None, None
    option_ids = [option.pk for option in question.options.all()]
    if kind == QuestionKind.SINGLE:
        choice = _as_int(value)
        if choice not in option_ids:
            return None, _("Choose one of the options.")
        return choice, None
    if kind == QuestionKind.MULTIPLE:
        choices = _as_int_list(value)
        if choices is None or any(c not in option_ids for c in choices):
            return None, _("Choose from the options shown.")
        choices = list(dict.fromkeys(choices))
        low, high = question.min_choices, question.max_choices
        if low and len(choices) < low:
            message = ngettext(
                "Choose at least %(count)d option.", "Choose at least %(count)d options.", low
            )
            return None, message % {"count": low}
        if high and len(choices) > high:
            message = ngettext(
                "Choose at most %(count)d option.", "Choose at most %(count)d options.", high
            )
            return None, message % {"count": high}
        return choices, None
    if kind == QuestionKind.SCALE:
        number = _as_int(value)
        if number is None or not question.scale_min <= number <= question.scale_max:
            return None, _("Choose a value from %(low)d to %(high)d.") % {
                "low": question.scale_min,
                "high": question.scale_max,
            }
        return number, None
    if kind == QuestionKind.RANKING:
        order = _as_int_list(value)
        if order is None or sorted(order) != sorted(option_ids) or len(set(order)) != len(order):
            return None, _("Give each option a different place, from first to last.")
        return order, None
    # Short and long text.
    if not isinstance(value, str):
        return None, _("Enter text.")
    text = value.strip()
    limit = SHORT_TEXT_MAX if kind == QuestionKind.SHORT_TEXT else LONG_TEXT_MAX
    if disguising_characters(text):
        # NUL and other control characters, and bidirectional overrides that disguise a text.
        return None, _("The text contains characters that are not allowed.")
    if len(text) > limit:
        return None, _("Write at most %(limit)d characters.") % {"limit": limit}
    if not text:
        if question.required:
            return None, _("Answer this question.")
        return None, None
    return text, None


def clean_answers(questions: Iterable[Question], raw: Mapping[int, Any]) -> tuple[Cleaned, Errors]:
    """Every question's normalised answer and every error, by question id."""
    cleaned: Cleaned = {}
    errors: Errors = {}
    for question in questions:
        value, error = clean_answer(question, raw.get(question.pk))
        if error:
            errors[question.pk] = error
        elif value is not None:
            cleaned[question.pk] = value
    return cleaned, errors
