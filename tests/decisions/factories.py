"""Factories of the decisions app; they write through its services like the portal does."""

import factory

from decisions.models import Body, BodyKind
from decisions.services import body_save


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
