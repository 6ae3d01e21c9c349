"""What the accessibility crawl visits of the cases app: a resident's cases, lookup, processing
times and the notification inbox."""

from __future__ import annotations

from tests.e2e.crawl import RESIDENT, Target
from tests.paths import app_url

LANGUAGES = ("fi", "sv", "en")
DEMO_RESIDENT = "aino.asukas@example.fi"


def inventory() -> dict:
    """Runs inside Django: the demo resident's cases, a case type, and a lookup code."""
    from cases.models import Case, CaseEvent, CaseType, EventKind
    from cases.services import case_tracking_code_renew

    cases = Case.objects.filter(parties__user__email=DEMO_RESIDENT).order_by("-submitted_at")
    waiting = cases.filter(status="waiting_for_you").first()
    decided = cases.filter(decided_at__isnull=False).first()
    open_request = None
    if waiting is not None:
        open_request = (
            CaseEvent.objects.filter(
                case=waiting, kind=EventKind.INFO_REQUEST, answered_at__isnull=True
            )
            .values_list("pk", flat=True)
            .first()
        )
    # An earlier page of the waiting case's history: the events before its newest one.
    newest = None
    if waiting is not None:
        newest = (
            CaseEvent.objects.filter(case=waiting, visible_to_resident=True)
            .order_by("-occurred_at", "-id")
            .values_list("pk", flat=True)
            .first()
        )
    case_type = CaseType.objects.filter(is_active=True).order_by("sort_order", "code").first()
    lookup = None
    if decided is not None:
        # The code exists only as a hash: the crawl's database gets a new one to look up with.
        code = case_tracking_code_renew(case=decided, actor="accessibility crawl")
        lookup = {"reference": decided.reference, "tracking_code": code}
    return {
        "waiting": str(waiting.pk) if waiting else None,
        "open_request": open_request,
        "newest_event": newest,
        "decided": str(decided.pk) if decided else None,
        "case_type": case_type.code if case_type else None,
        "lookup": lookup,
    }


def targets(data: dict, *, resident_password: str) -> list[Target]:
    out: list[Target] = []
    for lang in LANGUAGES:
        out += [
            Target(f"processing times ({lang})", app_url("cases:case_types", lang=lang)),
            Target(f"case lookup ({lang})", app_url("cases:lookup", lang=lang)),
            Target(
                f"case lookup with errors ({lang})",
                app_url("cases:lookup", lang=lang),
                form=(("reference", ""), ("tracking_code", "")),
                posts=1,
                status=400,
                must_contain='class="error-summary"',
            ),
            Target(f"my cases ({lang})", app_url("cases:my_cases", lang=lang), role=RESIDENT),
            Target(
                f"notifications ({lang})", app_url("notifications:inbox", lang=lang), role=RESIDENT
            ),
        ]
        if data.get("case_type"):
            out.append(
                Target(
                    f"case type ({lang})",
                    app_url("cases:case_type_detail", data["case_type"], lang=lang),
                )
            )
        if data.get("lookup"):
            out.append(
                Target(
                    f"case lookup with a result ({lang})",
                    app_url("cases:lookup", lang=lang),
                    form=tuple(data["lookup"].items()),
                    posts=1,
                    must_contain='class="lookup-result"',
                )
            )
        if data.get("waiting"):
            case = app_url("cases:detail", data["waiting"], lang=lang)
            out.append(Target(f"case waiting for the resident ({lang})", case, role=RESIDENT))
            if data.get("newest_event"):
                out.append(
                    Target(
                        f"earlier events of a case ({lang})",
                        app_url(
                            "cases:detail",
                            data["waiting"],
                            lang=lang,
                            query=f"?before={data['newest_event']}",
                        ),
                        role=RESIDENT,
                        must_contain='class="history__window"',
                    )
                )
            if data.get("open_request"):
                out.append(
                    Target(
                        f"answering a request for more information ({lang})",
                        app_url(
                            "cases:info_request_answer",
                            data["waiting"],
                            data["open_request"],
                            lang=lang,
                        ),
                        role=RESIDENT,
                    )
                )
        if data.get("decided"):
            out.append(
                Target(
                    f"decided case ({lang})",
                    app_url("cases:detail", data["decided"], lang=lang),
                    role=RESIDENT,
                    must_contain='class="decision"',
                )
            )
    return out
