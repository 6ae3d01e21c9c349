"""Factories of the decisions app; they write through its services like the portal does."""

import datetime

import factory
from django.utils import timezone

from decisions.models import (
    AgendaItem,
    AppealKind,
    Body,
    BodyKind,
    Meeting,
    MemberRole,
    Membership,
    OfficeholderDecision,
)
from decisions.services import (
    agenda_item_save,
    appeal_template_save,
    body_save,
    meeting_save,
    membership_save,
    officeholder_decision_save,
)


class BodyFactory(factory.Factory):
    class Meta:
        model = Body

    kind = BodyKind.COMMITTEE
    slug = factory.Sequence(lambda n: f"lautakunta-{n}")
    name_fi = factory.Sequence(lambda n: f"Lautakunta {n}")
    name_sv = factory.Sequence(lambda n: f"Nämnd {n}")
    name_en = factory.Sequence(lambda n: f"Committee {n}")
    description_fi = "Päättää kunnan palveluista."
    description_sv = "Beslutar om kommunens tjänster."
    description_en = "Decides on the municipality's services."
    is_active = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return body_save(**kwargs)


class MembershipFactory(factory.Factory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person_name = factory.Sequence(lambda n: f"Jäsen {n}")
    role = MemberRole.MEMBER
    starts_on = datetime.date(2025, 6, 1)
    title_fi = "valtuutettu"
    title_sv = "ledamot"
    title_en = "councillor"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return membership_save(**kwargs)


class MeetingFactory(factory.Factory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    number = factory.Sequence(lambda n: n + 1)
    year = 2026
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    place_fi = "Kunnantalo, valtuustosali"
    place_sv = "Kommungården, fullmäktigesalen"
    place_en = "Town hall, council chamber"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return meeting_save(**kwargs)


class AgendaItemFactory(factory.Factory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    section = factory.SelfAttribute("order")
    title = factory.Sequence(
        lambda n: {
            "fi": f"Koulukadun peruskorjaus {n}",
            "sv": f"Renovering av Skolgatan {n}",
            "en": f"Renovation of Koulukatu {n}",
        }
    )
    case_reference = factory.Sequence(lambda n: f"KUN/{n}/02.05.01/2026")
    preparer = "Liisa Laatija"
    presenter = "Kalle Kunnanjohtaja"
    background = {
        "fi": "<p>Koulun katto vuotaa.</p>",
        "sv": "<p>Skolans tak läcker.</p>",
        "en": "<p>The school's roof leaks.</p>",
    }
    proposal = {
        "fi": "<p>Hallitus esittää peruskorjausta.</p>",
        "sv": "<p>Styrelsen föreslår en renovering.</p>",
        "en": "<p>The board proposes a renovation.</p>",
    }
    decision = {
        "fi": "<p>Päätösehdotus hyväksyttiin.</p>",
        "sv": "<p>Beslutsförslaget godkändes.</p>",
        "en": "<p>The proposal was approved.</p>",
    }

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return agenda_item_save(**kwargs)


class OfficeholderDecisionFactory(factory.Factory):
    class Meta:
        model = OfficeholderDecision

    decision_maker = factory.SubFactory(BodyFactory, kind=BodyKind.OFFICEHOLDER)
    decided_on = datetime.date(2026, 10, 5)
    section = factory.Sequence(lambda n: n + 1)
    title = {
        "fi": "Avustuksen myöntäminen kyläyhdistykselle",
        "sv": "Beviljande av bidrag till byföreningen",
        "en": "A grant to the village association",
    }
    decision_text = {
        "fi": "<p>Myönnän avustuksen.</p>",
        "sv": "<p>Jag beviljar bidraget.</p>",
        "en": "<p>I grant the subsidy.</p>",
    }
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return officeholder_decision_save(**kwargs)


def municipal_appeal():
    return appeal_template_save(
        kind=AppealKind.RECTIFICATION,
        appeal_days=14,
        name_fi="Oikaisuvaatimusohje",
        name_sv="Anvisning för begäran om omprövning",
        name_en="Request for rectification",
        text_fi="<p>Oikaisuvaatimus 14 päivän kuluessa.</p>",
        text_sv="<p>Omprövning inom 14 dagar.</p>",
        text_en="<p>Request rectification within 14 days.</p>",
    )
