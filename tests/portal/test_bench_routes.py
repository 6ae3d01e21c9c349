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
