"""What the accessibility crawl visits of the participation app: every step of the open demo
survey, the access-code page with and without errors, the all-at-once form with errors, closed
and coming surveys, results, and the agenda item that shows the young people's view."""

from __future__ import annotations

from tests.e2e.crawl import LANGUAGES, RESIDENT, Target
from tests.paths import app_url


def inventory() -> dict:
    """Runs inside Django: ids and paths of participation objects, as JSON-able data."""
    from participation import demo
    from participation.models import QuestionKind, Survey

    surveys = {s.title_fi: s for s in Survey.objects.filter(is_published=True)}
    opened = surveys.get(demo.OPEN_TITLE)
    if opened is None:
        return {}
    closed = surveys[demo.CLOSED_TITLE]
    council = surveys[demo.COUNCIL_TITLE]
    return {
        "open": opened.pk,
        "open_steps": opened.questions.count(),
        "code": demo.DEMO_CODES[0],
        "used_code": demo.USED_CODES[0],
        "closed": closed.pk,
        "decided_item": closed.agenda_item_id,
        "upcoming": surveys[demo.UPCOMING_TITLE].pk,
        "all_at_once": council.pk,
        "all_at_once_text": council.questions.get(kind=QuestionKind.SHORT_TEXT).pk,
    }


def targets(data: dict, *, resident_password: str) -> list[Target]:
    if not data:
        return []
    out: list[Target] = []
    opened, closed = data["open"], data["closed"]
    # The open survey needs an access code first: the session then carries it through the steps.
    out.append(
        Target(
            "survey: access code entered (fi)",
            app_url("participation:code", opened),
            form=(("code", data["code"]),),
            posts=1,
            must_contain='class="survey-progress"',
        )
    )
    out.append(
        Target(
            "survey: wrong access code (fi)",
            app_url("participation:code", opened),
            form=(("code", "AAAAA-AAAAA"),),
            posts=1,
            must_contain='class="error-summary"',
        )
    )
    out.append(
        Target(
            "survey: used access code (fi)",
            app_url("participation:code", opened),
            form=(("code", data["used_code"]),),
            posts=1,
            must_contain="data-survey-done",
        )
    )
    out.append(
        Target(
            "survey: all at once, with errors (fi)",
            app_url("participation:answer", data["all_at_once"], 1),
            form=((f"q{data['all_at_once_text']}", ""),),
            posts=1,
            must_contain='class="error-summary"',
        )
    )
    for lang in LANGUAGES:

        def url(name: str, *args, lang: str = lang) -> str:
            return app_url(f"participation:{name}", *args, lang=lang)

        out += [
            Target(f"surveys ({lang})", url("index")),
            Target(f"open survey ({lang})", url("detail", opened)),
            Target(f"access code ({lang})", url("code", opened)),
            *[
                Target(
                    f"survey step {step} ({lang})",
                    url("answer", opened, step),
                    must_contain='class="survey-form"',
                )
                for step in range(1, data["open_steps"] + 1)
            ],
            Target(f"survey all at once ({lang})", url("answer", data["all_at_once"], 1)),
            Target(f"survey thanks ({lang})", url("thanks", opened)),
            Target(f"closed survey ({lang})", url("detail", closed)),
            Target(f"closed survey, answering ({lang})", url("answer", closed, 1)),
            Target(
                f"survey results ({lang})",
                url("results", closed),
                must_contain='class="chart__svg"',
            ),
            Target(f"coming survey ({lang})", url("detail", data["upcoming"])),
            Target(f"coming survey, answering ({lang})", url("answer", data["upcoming"], 1)),
        ]
        if data.get("decided_item"):
            out.append(
                Target(
                    f"agenda item with the young people's view ({lang})",
                    app_url("decisions:item", data["decided_item"], lang=lang),
                    must_contain='id="young-view-heading"',
                )
            )
        out += [
            Target(f"surveys ({lang}), signed in", url("index"), role=RESIDENT),
            Target(f"survey results ({lang}), signed in", url("results", closed), role=RESIDENT),
        ]
    return out
