"""The benchmark's routes of the key figures and the digital maturity app answer."""

import io

import pytest


@pytest.mark.django_db
def test_bench_routes__key_figures_and_maturity_pages_are_measured_and_answer(client):
    from indicators import demo as indicators_demo
    from indicators.services import own_figures_compute
    from maturity import demo as maturity_demo
    from portal.management.commands.bench import bench_routes

    indicators_demo.load_definitions()
    own_figures_compute()
    maturity_demo.load(stdout=io.StringIO())

    routes = {route.name: route for route in bench_routes("nobody@example.fi")}

    names = [
        "key figures: economy dashboard",
        "digital maturity, latest round",
        "digital maturity, comparison",
    ]
    names += [name for name in routes if name.startswith("key figure page with ")]
    assert len(names) == 4, sorted(routes)
    for name in names:
        response = client.get(routes[name].path)
        assert response.status_code == 200, (name, routes[name].path)


@pytest.mark.django_db
def test_bench_routes__survey_submission_stores_a_new_response_each_request(client, settings):
    import datetime
    import json

    from django.utils import timezone

    from participation.management.commands.bench_surveys import _questions
    from participation.models import DisplayMode, Identification, Response
    from participation.services import survey_create
    from portal.management.commands.bench import bench_routes, target_for

    now = timezone.now()
    survey = survey_create(
        title_fi="Mittauskysely",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        identification=Identification.ANONYMOUS,
        display_mode=DisplayMode.ALL_AT_ONCE,
        questions=_questions(),
    )
    # As the benchmark's server (portal/settings_bench.py) trusts its client.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]

    routes = {route.name: route for route in bench_routes("nobody@example.fi")}
    route = routes["survey answer submission (API)"]
    assert route.path == f"/api/v1/surveys/{survey.pk}/responses/"
    assert target_for(route.name) == (30.0, 0.4)
    # More requests than one address may send (the throttle and the respondent passes).
    for _ in range(45):
        response = client.post(
            route.path,
            json.dumps(route.body),
            content_type="application/json",
            headers=route.headers(),
        )
        client.cookies.clear()
        assert response.status_code == 201, response.content
    assert Response.objects.filter(survey=survey).count() == 45
