"""What the accessibility crawl visits of the decisions app."""

from __future__ import annotations

from tests.e2e.crawl import LANGUAGES, RESIDENT, Target
from tests.paths import app_url


def _slugs(body) -> dict | None:
    return {lang: body.slug_for(lang) for lang in LANGUAGES} if body else None


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
        # A body's slug differs by language: {language: slug}.
        "body": _slugs(committee),
        "officeholder": _slugs(officeholder),
    }


SEARCH_WORDS = {"fi": "koulukeskuksen", "sv": "skolcentret", "en": "koulu"}


def targets(data: dict, *, resident_password: str) -> list[Target]:
    out = []
    for lang in LANGUAGES:

        def url(name: str, *args, query: str = "", lang: str = lang) -> str:
            return app_url(f"decisions:{name}", *args, lang=lang, query=query)

        out.append(Target(f"decisions index ({lang})", url("index")))
        out.append(Target(f"decisions search form ({lang})", url("search")))
        out.append(Target(f"decision subscriptions ({lang})", url("subscriptions"), role=RESIDENT))
        out.append(
            Target(
                f"decisions search results ({lang})",
                url("search", query=f"?q={SEARCH_WORDS[lang]}"),
            )
        )
        out.append(
            Target(
                f"decisions search with an error ({lang})",
                url("search", query="?date_from=x"),
                status=400,
            )
        )
        if data.get("body"):
            out.append(Target(f"body page ({lang})", url("body", data["body"][lang])))
        if data.get("officeholder"):
            out.append(
                Target(
                    f"officeholder's decisions ({lang})", url("body", data["officeholder"][lang])
                )
            )
        if data.get("meeting"):
            out.append(Target(f"meeting page ({lang})", url("meeting", data["meeting"])))
        if data.get("item"):
            out.append(Target(f"agenda item with a vote ({lang})", url("item", data["item"])))
        if data.get("confidential_item"):
            out.append(
                Target(
                    f"confidential agenda item ({lang})",
                    url("item", data["confidential_item"]),
                )
            )
        if data.get("officeholder_decision"):
            out.append(
                Target(
                    f"officeholder decision ({lang})",
                    url("officeholder_decision", data["officeholder_decision"]),
                )
            )
    return out
