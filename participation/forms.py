"""Forms of the answering pages: one step of a survey, and the access code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.answers import clean_answer
from participation.models import Question, QuestionKind
from participation.respondents import CODE_INPUT_MAX
from portal.translation import translated

HONEYPOT = "website"


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def rank_field_name(question: Question, option_id: int) -> str:
    return f"q{question.pk}_{option_id}"


class StepForm(forms.Form):
    """The questions of one screen. The fields only carry values: the rules of an answer are
    participation.answers, shared with the API."""

    # Hidden from people (display: none), filled in by bots that fill every field.
    website = forms.CharField(required=False, max_length=200)

    def __init__(self, questions: list[Question], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = [question for question in questions if question.asks]
        self.answers: dict[int, object] = {}
        for question in self.questions:
            self.fields[field_name(question)] = forms.Field(
                required=False, label=translated(question, "text").text
            )

    def raw_value(self, question: Question):
        name = field_name(question)
        if question.kind == QuestionKind.MULTIPLE:
            return self.data.getlist(name) if hasattr(self.data, "getlist") else []
        if question.kind == QuestionKind.RANKING:
            return self._ranking(question)
        return self.data.get(name)

    def _ranking(self, question: Question):
        """The option ids in the chosen order, from one "place" select per option."""
        places = {}
        for option in question.options.all():
            value = self.data.get(rank_field_name(question, option.pk), "")
            places[option.pk] = value.strip() if isinstance(value, str) else ""
        if all(value == "" for value in places.values()):
            return None
        if not all(value.isdigit() and len(value) <= 3 for value in places.values()):
            return ["invalid"]
        ordered = sorted(places, key=lambda option_id: (int(places[option_id]), option_id))
        if len({int(value) for value in places.values()}) != len(places):
            return ["invalid"]
        return ordered

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            # Nothing to tell a bot; the view pretends to accept the answer.
            return cleaned
        for question in self.questions:
            value, error = clean_answer(question, self.raw_value(question))
            if error:
                self.add_error(field_name(question), error)
            elif value is not None:
                self.answers[question.pk] = value
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.is_bound and self.data.get(HONEYPOT))


class AccessCodeForm(forms.Form):
    code = forms.CharField(
        label=_("access code"),
        max_length=CODE_INPUT_MAX,
        help_text=_("The code is on the slip you were given, for example ABCDE-23456."),
    )
