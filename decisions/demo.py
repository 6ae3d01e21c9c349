"""Bodies of the demo town Rantala / Strandby."""

from decisions.models import Body, BodyKind
from decisions.services import body_save

BODIES = [
    {
        "slug": "kunnanvaltuusto",
        "kind": BodyKind.COUNCIL,
        "sort_order": 10,
        "name_fi": "Kunnanvaltuusto",
        "name_sv": "Kommunfullmäktige",
        "name_en": "Municipal Council",
        "description_fi": "Rantalan ylin päättävä toimielin. Valtuustossa on 35 valtuutettua.",
        "description_sv": "Strandbys högsta beslutande organ. Fullmäktige har 35 ledamöter.",
        "description_en": "The highest decision-making body of Rantala, with 35 councillors.",
    },
    {
        "slug": "kunnanhallitus",
        "kind": BodyKind.EXECUTIVE_BOARD,
        "sort_order": 20,
        "name_fi": "Kunnanhallitus",
        "name_sv": "Kommunstyrelsen",
        "name_en": "Municipal Executive Board",
        "description_fi": "Vastaa kunnan hallinnosta ja taloudenhoidosta ja valmistelee "
        "valtuuston asiat.",
        "description_sv": "Ansvarar för kommunens förvaltning och ekonomi och bereder "
        "fullmäktiges ärenden.",
        "description_en": "Runs the municipality's administration and finances and prepares "
        "the council's matters.",
    },
    {
        "slug": "sivistyslautakunta",
        "kind": BodyKind.COMMITTEE,
        "sort_order": 30,
        "name_fi": "Sivistyslautakunta",
        "name_sv": "Bildningsnämnden",
        "name_en": "Education and Culture Committee",
        "description_fi": "Varhaiskasvatus, perusopetus, lukio, kirjasto, kulttuuri ja nuorisotyö.",
        "description_sv": "Småbarnspedagogik, grundläggande utbildning, gymnasium, bibliotek, "
        "kultur och ungdomsarbete.",
        "description_en": "Early childhood education, schools, the library, culture and youth "
        "work.",
    },
    {
        "slug": "tekninen-lautakunta",
        "kind": BodyKind.COMMITTEE,
        "sort_order": 40,
        "name_fi": "Tekninen lautakunta",
        "name_sv": "Tekniska nämnden",
        "name_en": "Technical Committee",
        "description_fi": "Kadut, puistot, kaavoitus, rakennusvalvonta ja kunnan kiinteistöt.",
        "description_sv": "Gator, parker, planläggning, byggnadstillsyn och kommunens fastigheter.",
        "description_en": "Streets, parks, land-use planning, building control and the "
        "municipality's properties.",
    },
    {
        "slug": "nuorisovaltuusto",
        "kind": BodyKind.YOUTH_COUNCIL,
        "sort_order": 50,
        "name_fi": "Nuorisovaltuusto",
        "name_sv": "Ungdomsfullmäktige",
        "name_en": "Youth Council",
        "description_fi": "13–20-vuotiaiden rantalalaisten vaikuttamistoimielin.",
        "description_sv": "Påverkansorgan för unga i Strandby i åldern 13–20 år.",
        "description_en": "The body through which Rantala's young people aged 13–20 have "
        "their say.",
    },
]


def load(*, stdout) -> list[Body]:
    """Create the demo town's bodies; bodies that already exist are kept as they are."""
    existing = {
        body.slug: body for body in Body.objects.filter(slug__in=[b["slug"] for b in BODIES])
    }
    bodies = []
    created = 0
    for data in BODIES:
        body = existing.get(data["slug"])
        if body is None:
            body = body_save(**data)
            created += 1
        bodies.append(body)
    stdout.write(f"  bodies: {created} created, {len(bodies) - created} already there")
    return bodies
