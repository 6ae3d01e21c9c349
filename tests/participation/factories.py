"""Factories of the participation app; they write through its services like the portal does."""

import datetime

import factory
from django.utils import timezone

from participation.models import Identification, QuestionKind, Survey
from participation.services import survey_create

EVERY_KIND = [
    {
        "kind": QuestionKind.INFO,
        "text_fi": "Kysely kestää viisi minuuttia.",
        "text_sv": "Enkäten tar fem minuter.",
        "text_en": "The survey takes five minutes.",
    },
    {
        "kind": QuestionKind.SINGLE,
        "text_fi": "Käytkö nuorisotalolla?",
        "text_sv": "Besöker du ungdomsgården?",
        "text_en": "Do you visit the youth centre?",
        "required": True,
        "options": [("Kyllä", "Ja", "Yes"), ("En", "Nej", "No")],
    },
    {
        "kind": QuestionKind.MULTIPLE,
        "text_fi": "Mitä haluaisit tehdä?",
        "text_sv": "Vad skulle du vilja göra?",
        "text_en": "What would you like to do?",
        "options": [
            ("Pelata", "Spela", "Play games"),
            ("Liikkua", "Röra på mig", "Exercise"),
            ("Tehdä musiikkia", "Göra musik", "Make music"),
        ],
        "min_choices": 1,
        "max_choices": 2,
    },
    {
        "kind": QuestionKind.SCALE,
        "text_fi": "Kuinka tärkeä skeittipuisto on?",
        "text_sv": "Hur viktig är skateparken?",
        "text_en": "How important is the skatepark?",
        "scale_min_label": ("Ei lainkaan", "Inte alls", "Not at all"),
        "scale_max_label": ("Erittäin", "Mycket", "Very"),
    },
    {
        "kind": QuestionKind.RANKING,
        "text_fi": "Järjestä tärkeysjärjestykseen",
        "text_sv": "Ordna efter vikt",
        "text_en": "Rank by importance",
        "options": [
            ("Aukioloajat", "Öppettider", "Opening hours"),
            ("Laitteet", "Utrustning", "Equipment"),
            ("Ohjaajat", "Ledare", "Youth workers"),
        ],
    },
    {
        "kind": QuestionKind.SHORT_TEXT,
        "text_fi": "Yksi toive",
        "text_sv": "En önskan",
        "text_en": "One wish",
    },
    {
        "kind": QuestionKind.LONG_TEXT,
        "text_fi": "Kerro lisää",
        "text_sv": "Berätta mer",
        "text_en": "Tell us more",
    },
]


class SurveyFactory(factory.Factory):
    class Meta:
        model = Survey

    title_fi = factory.Sequence(lambda n: f"Nuorisokysely {n}")
    title_sv = factory.Sequence(lambda n: f"Ungdomsenkät {n}")
    title_en = factory.Sequence(lambda n: f"Youth survey {n}")
    intro_fi = "Kerro mielipiteesi."
    intro_sv = "Säg din åsikt."
    intro_en = "Tell us your view."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    identification = Identification.ANONYMOUS
    questions = EVERY_KIND

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return survey_create(**kwargs)


def question(survey, kind):
    return next(q for q in survey.questions.all() if q.kind == kind)


def full_answers(survey) -> dict:
    """A valid answer to every question of an EVERY_KIND survey, by question id."""
    answers = {}
    for q in survey.questions.prefetch_related("options"):
        options = [o.pk for o in q.options.all()]
        if q.kind == QuestionKind.SINGLE:
            answers[q.pk] = options[0]
        elif q.kind == QuestionKind.MULTIPLE:
            answers[q.pk] = options[:2]
        elif q.kind == QuestionKind.SCALE:
            answers[q.pk] = 4
        elif q.kind == QuestionKind.RANKING:
            answers[q.pk] = list(reversed(options))
        elif q.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            answers[q.pk] = "Lisää penkkejä"
    return answers
