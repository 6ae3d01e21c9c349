"""Cases of a municipality of the benchmark's size (`manage.py generate_scale`).

On top of the demo's case types: each case follows a plan drawn as the demo draws its own (the
same phases, requests for information, decisions and appeal periods, in the case's language),
plus notes and messages up to a number of events with a long tail (a few cases have hundreds).
The case's phase, status and processing clock are derived from its events by the services' own
`case_state_derive`; rows go in with COPY, a chunk of cases with their parties and events per
transaction. A few of the cases are the demo resident's, one of them with 500 events.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from itertools import chain

from django.contrib.auth import get_user_model
from django.utils import timezone

from cases import demo
from cases.models import (
    ActorKind,
    Case,
    CaseEvent,
    CaseParty,
    CaseType,
    EventKind,
    PartyRole,
    Source,
)
from cases.services import case_state_derive, tracking_code_hash
from portal.scale import Plan, analyse, chunks, copy_rows, indexes_deferred, reserve_ids

EXTERNAL_PREFIX = "scale:"
CHUNK = 2_000
MAX_EVENTS = 500
# Cases of the demo resident in the set; the first of them has MAX_EVENTS events.
RESIDENT_CASES = 12
YEARS = 3

# The columns of _event_row and _case_row (a test checks them against the models).
EVENT_COLUMNS = [
    "id", "case_id", "kind", "occurred_at", "recorded_at", "actor_kind", "actor_id", "source",
    "note", "note_fi", "note_sv", "note_en", "visible_to_resident", "pauses_clock", "phase_id",
    "external_event_id", "due_at", "answered_at", "answer_to_id", "outcome", "appeal_days",
    "decision_reference",
]  # fmt: skip
CASE_COLUMNS = [
    "id", "reference", "external_id", "case_type_id", "unit_id", "language", "title",
    "title_fi", "title_sv", "title_en", "publicity", "phase_id", "status", "submitted_at",
    "decided_at", "final_at", "closed_at", "paused_seconds", "waiting_since", "processing_days",
    "tracking_code_hash", "created", "modified",
]  # fmt: skip


class Row:
    """A case or an event being generated: its fields as attributes, without a model's cost.

    Defaults are the model's; a translated text's own column falls back fi → sv → en, as
    modeltranslation stores it.
    """

    id = None
    actor_id = None
    note_fi = note_sv = note_en = None
    visible_to_resident = True
    pauses_clock = False
    phase = None
    external_event_id = None
    due_at = None
    answered_at = None
    answer_to_id = None
    outcome = ""
    appeal_days = None
    decision_reference = ""
    actor_kind = ActorKind.SYSTEM
    source = Source.PORTAL

    def __init__(self, **fields):
        self.__dict__.update(fields)


def done() -> int:
    return Case.objects.filter(external_id__startswith=EXTERNAL_PREFIX).count()


def _event_count(rng, mean: float) -> int:
    """Events of one case: most have a handful, the tail reaches MAX_EVENTS (Pareto, α = 1.5)."""
    return min(MAX_EVENTS, round(mean / 3 * rng.paretovariate(1.5)))


def _event_row(event: Row) -> tuple:
    return (
        event.id,
        event.case.id,
        event.kind,
        event.occurred_at,
        event.occurred_at,
        event.actor_kind,
        event.actor_id,
        event.source,
        event.note_fi or event.note_sv or event.note_en or "",
        event.note_fi,
        event.note_sv,
        event.note_en,
        event.visible_to_resident,
        event.pauses_clock,
        event.phase.pk if event.phase is not None else None,
        event.external_event_id,
        event.due_at,
        event.answered_at,
        event.answer_to_id,
        event.outcome,
        event.appeal_days,
        event.decision_reference,
    )


def _case_row(case: Row, now) -> tuple:
    return (
        case.id,
        case.reference,
        case.external_id,
        case.case_type.pk,
        case.case_type.unit_id,
        case.language,
        case.title_fi,
        case.title_fi,
        case.title_sv,
        case.title_en,
        case.case_type.default_publicity,
        case.phase.pk,
        case.status,
        case.submitted_at,
        case.decided_at,
        case.final_at,
        case.closed_at,
        case.paused_seconds,
        case.waiting_since,
        case.processing_days,
        case.tracking_code_hash,
        now,
        now,
    )


def generate(plan: Plan, stdout) -> None:
    total = plan.counts["cases"]
    mean = plan.counts["events"] / max(total, 1)
    types = {t.code: t for t in CaseType.objects.filter(code__in=[d.code for d in demo.TYPES])}
    if len(types) != len(demo.TYPES):
        raise RuntimeError("The demo case types are missing: run load_demo first.")
    demos = list(demo.TYPES)
    weights = [d.count for d in demos]
    phases = {
        code: {phase.code: phase for phase in case_type.phases.all()}
        for code, case_type in types.items()
    }
    resident = get_user_model().objects.filter(email=demo.AINO).first()
    stride = max(1, total // RESIDENT_CASES)
    now = timezone.now()
    filler = [
        (EventKind.NOTE, demo._note(demo.NOTES["note"])),
        (EventKind.NOTE, demo._note(demo.NOTES["progress"])),
        (EventKind.MESSAGE, None),
    ]
    # The columns of a note or message after (case, kind, occurred_at, recorded_at), per the
    # case's language: the rows _event_row makes of such an event.
    fillers = {
        language: [
            (
                kind,
                _event_row(
                    Row(
                        id=None,
                        case=Row(id=None),
                        kind=kind,
                        occurred_at=None,
                        source=Source.INTEGRATION,
                        actor_kind=ActorKind.STAFF,
                        **(notes or {f"note_{language}": demo.MESSAGES[language]}),
                    )
                )[5:],
            )
            for kind, notes in filler
        ]
        for language in ("fi", "sv")
    }

    def write(start: int, end: int) -> int:
        rng = plan.rng("cases", start)
        cases, parties, events, extra = [], [], [], []
        for index in range(start, end):
            kind = rng.choices(demos, weights)[0]
            case_type = types[kind.code]
            submitted = now - timedelta(days=rng.uniform(0.2, 365 * YEARS))
            language = "sv" if rng.random() < 0.2 else "fi"
            title = rng.choice(kind.titles)
            case = Row(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                case_type=case_type,
                reference=demo._reference(kind, 100_000 + index, submitted),
                external_id=f"{EXTERNAL_PREFIX}{index}",
                language=language,
                submitted_at=submitted,
                tracking_code_hash=tracking_code_hash(f"SCALE{index:08d}"),
                title_fi=title["fi"],
                title_sv=title["sv"],
                title_en=title["en"],
            )
            own, answers = demo._events(
                case, kind, phases[kind.code], demo._random_plan(kind, rng), now, make=Row, rng=rng
            )
            for request, answer in answers:
                answer.answer_to = request
                own.append(answer)
            own.sort(key=lambda e: e.occurred_at)
            # Notes and messages leave the case's state as it is: they are derived from the
            # plan's events and written as rows straight away.
            case_state_derive(case, own, now)
            wanted = MAX_EVENTS if index == 0 and resident else _event_count(rng, mean)
            until = (case.decided_at or now) - submitted
            for _extra in range(wanted - len(own)):
                event_kind, tail = fillers[language][rng.randrange(len(filler))]
                at = submitted + until * rng.uniform(0.01, 0.99)
                extra.append((case.id, event_kind, at, at, *tail))
            cases.append(case)
            events.append(own)
            is_resident = resident is not None and index % stride == 0
            parties.append(
                (
                    case.id,
                    resident.pk if is_resident else None,
                    resident.email if is_resident else f"hakija.{index}@example.invalid",
                    "",
                    PartyRole.APPLICANT,
                )
            )
        count = sum(len(own) for own in events) + len(extra)
        next_id = reserve_ids(CaseEvent, count)
        for own in events:
            for event in own:
                event.id = next_id
                next_id += 1
        for own in events:
            for event in own:
                answered = getattr(event, "answer_to", None)
                if answered is not None:
                    event.answer_to_id = answered.id
        written = timezone.now()
        copy_rows(Case._meta.db_table, CASE_COLUMNS, (_case_row(case, written) for case in cases))
        copy_rows(
            CaseParty._meta.db_table,
            ["case_id", "user_id", "email", "identity_hash", "role"],
            parties,
        )
        copy_rows(
            CaseEvent._meta.db_table,
            EVENT_COLUMNS,
            chain(
                (_event_row(event) for own in events for event in own),
                ((number, *row) for number, row in enumerate(extra, start=next_id)),
            ),
        )
        return len(cases) + len(parties) + count

    with indexes_deferred(Case, CaseParty, CaseEvent, stdout=stdout, load=done() < total):
        chunks(stdout, "cases (with events)", total=total, done=done(), size=CHUNK, write=write)
    if resident is not None:
        # The resident's busiest case is the one they opened last.
        Case.objects.filter(external_id=f"{EXTERNAL_PREFIX}0").update(modified=timezone.now())
    analyse(Case, CaseParty, CaseEvent)
