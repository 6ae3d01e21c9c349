"""The demo cases: load_demo runs twice, residents find their cases, statistics mean something."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from cases import demo
from cases.models import Case, CaseEvent, CaseType, EventKind, Status
from cases.policies import cases_of_handler
from cases.selectors import STATISTICS_MIN_COUNT
from tests.fixtures.demo import loaded_demo
from tests.paths import app_url


@pytest.fixture(scope="module")
def _demo_loaded_twice(django_db_setup, django_db_blocker):
    # load_demo takes seconds: it runs twice once per module, inside a transaction rolled back
    # after it; every test still runs in its own savepoint through `db`.
    with loaded_demo(django_db_blocker, password="demo-password-123"):
        counts = (Case.objects.count(), CaseEvent.objects.count())
        output = io.StringIO()
        call_command("load_demo", stdout=output)
        yield counts, output.getvalue()


@pytest.fixture
def demo_loaded(_demo_loaded_twice, db):
    return _demo_loaded_twice


def test_load_demo__runs_twice_and_keeps_the_cases(demo_loaded):
    (cases, events), output = demo_loaded

    assert (Case.objects.count(), CaseEvent.objects.count()) == (cases, events)
    assert cases >= 300
    assert "6 case types in 2 units" in output
    assert CaseType.objects.count() == 6
    assert {status for status, _label in Status.choices} == set(
        Case.objects.values_list("status", flat=True)
    )


def test_load_demo__derived_state_matches_the_events(demo_loaded):
    for case in Case.objects.select_related("case_type").order_by("?")[:40]:
        decision = case.events.filter(kind=EventKind.DECISION).first()
        assert (case.decided_at is not None) == (decision is not None)
        if decision is not None:
            assert case.decided_at == decision.occurred_at
            paused = sum(
                (request.answered_at - request.occurred_at).total_seconds()
                for request in case.events.filter(kind=EventKind.INFO_REQUEST)
            )
            assert case.paused_seconds == int(paused)
            expected = int((decision.occurred_at - case.submitted_at).total_seconds() - paused)
            assert case.processing_days == max(0, expected // 86400)
        assert case.events.filter(kind=EventKind.PHASE_CHANGE).exists()


def test_load_demo__statistics_are_computed(demo_loaded):
    enough = CaseType.objects.filter(stats_count__gte=STATISTICS_MIN_COUNT)
    assert enough.count() >= 4
    assert all(ct.stats_p80_days >= ct.stats_median_days for ct in enough)


@pytest.mark.parametrize(
    ("email", "language", "heading"),
    [(demo.AINO, "fi", "Omat asiat"), (demo.ERIK, "sv", "Mina ärenden")],
)
def test_load_demo__each_resident_sees_cases_in_several_phases(
    demo_loaded, email, language, heading
):
    user = get_user_model().objects.get(email=email)
    cases = Case.objects.filter(parties__user=user)
    statuses = set(cases.values_list("status", flat=True))
    assert {Status.WAITING_FOR_YOU, Status.DECIDED, Status.IN_PROGRESS} <= statuses
    client = Client()
    client.force_login(user)

    response = client.get(app_url("cases:my_cases", lang=language))

    assert response.status_code == 200
    content = response.content.decode()
    assert all(case.reference in content for case in cases)


def test_load_demo__each_handler_handles_one_unit(demo_loaded):
    kaisa = get_user_model().objects.get(email=demo.BUILDING_HANDLER)
    sofia = get_user_model().objects.get(email=demo.EDUCATION_HANDLER)

    assert set(cases_of_handler(kaisa).values_list("unit__code", flat=True)) == {"rakennusvalvonta"}
    assert set(cases_of_handler(sofia).values_list("unit__code", flat=True)) == {
        "kasvatus-ja-koulutus"
    }
