"""What the accessibility crawl visits of the decisions app."""

from __future__ import annotations

from tests.e2e.crawl import LANGUAGES, Target


def inventory() -> dict:
    """Runs inside Django: ids and paths of decisions objects, as JSON-able data."""
    from django.db.models import Count

    from decisions import policies
    from decisions.models import BodyKind

    meetings = policies.meetings_visible()
    long_meeting = meetings.annotate(n=Count("items")).order_by("-n", "-starts_at").first()
    items = policies.agenda_items_visible()
    voted = items.filter(votes__isnull=False, meeting__minutes_publish_at__isnull=False).first()
    confidential = items.filter(is_confidential=True).first()
    decision = policies.officeholder_decisions_visible().order_by("-decided_on").first()
    bodies = policies.bodies_visible_to(None)
    committee = bodies.exclude(kind=BodyKind.OFFICEHOLDER).first()
    officeholder = bodies.filter(kind=BodyKind.OFFICEHOLDER).first()
    return {
        "meeting": long_meeting.pk if long_meeting else None,
        "item": voted.pk if voted else (items.first().pk if items.exists() else None),
        "confidential_item": confidential.pk if confidential else None,
        "officeholder_decision": decision.pk if decision else None,
        "body": committee.slug if committee else None,
        "officeholder": officeholder.slug if officeholder else None,
    }


SEARCH_WORDS = {"fi": "koulukeskuksen", "sv": "skolcentret", "en": "koulu"}


def targets(data: dict, *, resident_password: str) -> list[Target]:
    out = []
    for lang in LANGUAGES:
        base = f"/{lang}/decisions/"
        out.append(Target(f"decisions index ({lang})", base))
        out.append(Target(f"decisions search form ({lang})", f"{base}search/"))
        out.append(
            Target(
                f"decisions search results ({lang})",
                f"{base}search/?q={SEARCH_WORDS[lang]}",
            )
        )
        out.append(
            Target(
                f"decisions search with an error ({lang})", f"{base}search/?date_from=x", status=400
            )
        )
        if data.get("body"):
            out.append(Target(f"body page ({lang})", f"{base}bodies/{data['body']}/"))
        if data.get("officeholder"):
            out.append(
                Target(
                    f"officeholder's decisions ({lang})", f"{base}bodies/{data['officeholder']}/"
                )
            )
        if data.get("meeting"):
            out.append(Target(f"meeting page ({lang})", f"{base}meetings/{data['meeting']}/"))
        if data.get("item"):
            out.append(Target(f"agenda item with a vote ({lang})", f"{base}items/{data['item']}/"))
        if data.get("confidential_item"):
            out.append(
                Target(
                    f"confidential agenda item ({lang})",
                    f"{base}items/{data['confidential_item']}/",
                )
            )
        if data.get("officeholder_decision"):
            out.append(
                Target(
                    f"officeholder decision ({lang})",
                    f"{base}officeholder-decisions/{data['officeholder_decision']}/",
                )
            )
    return out
