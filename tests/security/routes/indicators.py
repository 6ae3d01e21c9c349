"""The key figures in the access matrix: their routes, their bad-input declarations, and the
objects the matrix tries them on.

ROUTES joins tests/security/access_matrix.py and BAD_INPUT tests/quality/test_bad_input.py;
build_objects(users, objects) runs once per world (tests/fixtures/roles.py).
"""

from __future__ import annotations

from indicators.urls import MOVED
from tests.fixtures.roles import World
from tests.paths import app_url
from tests.quality.inputs import API_DETAIL, API_QUERY, Takes
from tests.security.matrix import Route, roles
from tests.security.routes.common import EVERYONE_200, fixed, lang_urls, moved_routes

AREAS = ("KU999", "KU905", "MK15", "SSS")
INDICATOR = "unemployment-rate"


def _csv(rows: list[tuple[str, str, str, str, str]]) -> bytes:
    lines = ["indicator;area;period;breakdown;value"] + [";".join(row) for row in rows]
    return "\n".join(lines).encode()


# --- Growth of listed data (query budgets) ---------------------------------------------------


def grow_values(world: World, n: int) -> None:
    """Ten months of values per grown object, for every area compared: n=10 is 100 periods."""
    from indicators.services import csv_import

    counter = world.objects.setdefault("grown_months", [0])
    rows = []
    for i in range(counter[0], counter[0] + 10 * n):
        period = f"{2000 + i // 12}M{i % 12 + 1:02d}"
        rows += [(INDICATOR, area, period, "", f"{5 + i % 7}.{i % 10}") for area in AREAS]
        rows += [("population", area, period, "", str(10000 + i)) for area in AREAS]
        rows.append((INDICATOR, "KU999", period, "gender:female", "4.2"))
    counter[0] += 10 * n
    csv_import(data=_csv(rows), file_name="grown.csv")


def grow_indicators(world: World, n: int) -> None:
    """More indicators on the dashboards, each with a series of values."""
    from indicators.services import csv_import, indicator_upsert

    counter = world.objects.setdefault("grown_indicators", [0])
    rows = []
    for i in range(counter[0], counter[0] + n):
        code = f"grown-{i}"
        indicator_upsert(
            code=code,
            name_fi=f"Kasvava tunnusluku {i}",
            name_sv=f"Växande nyckeltal {i}",
            theme=("economy", "employment", "population", "services")[i % 4],
            direction="higher",
            source_fi="Tilastokeskus",
            unit_fi="%",
        )
        rows += [(code, "KU999", str(year), "", str(year - 2000)) for year in range(2010, 2026)]
    counter[0] += n
    if rows:
        csv_import(data=_csv(rows), file_name="grown-indicators.csv")
    grow_values(world, n)


def _indicator_urls(name: str, *args, langs=None):
    if langs:
        return lang_urls(name, *args, langs=langs)
    return lang_urls(name, *args)


ROUTES: list[Route] = [
    # --- Pages ------------------------------------------------------------------------------
    Route(
        "<lang>/key-figures/",
        lang_urls("indicators:index"),
        {"GET": EVERYONE_200},
        grow=grow_indicators,
        budget_roles=("anonymous", "admin"),
        label="indicators:index",
    ),
    Route(
        "<lang>/key-figures/themes/<theme:theme>/",
        lang_urls("indicators:theme", "employment"),
        {"GET": EVERYONE_200},
        grow=grow_indicators,
        budget_roles=("anonymous",),
        label="indicators:theme",
    ),
    Route(
        "<lang>/key-figures/<indicator:code>/",
        lang_urls("indicators:detail", INDICATOR),
        {"GET": EVERYONE_200},
        grow=grow_values,
        budget_roles=("anonymous", "admin"),
        label="indicators:detail",
    ),
    Route(
        "<lang>/key-figures/<indicator:code>/",
        fixed(app_url("indicators:detail", "no-such-indicator")),
        {"GET": roles(404)},
        label="indicators:detail (missing)",
    ),
    Route(
        "<lang>/key-figures/<indicator:code>/csv/",
        lambda w: [app_url("indicators:csv", INDICATOR)],
        {"GET": EVERYONE_200},
        grow=grow_values,
        budget_roles=("anonymous",),
        label="indicators:csv",
    ),
    # --- API --------------------------------------------------------------------------------
    Route(
        "api/v1/indicators/",
        fixed("/api/v1/indicators/", "/api/v1/indicators/?theme=employment&lang=sv"),
        {"GET": EVERYONE_200},
        grow=grow_indicators,
        budget_roles=("anonymous",),
    ),
    Route(
        "api/v1/indicators/(?P<code>[-a-z0-9_]{1,60})/",
        fixed(f"/api/v1/indicators/{INDICATOR}/"),
        {"GET": EVERYONE_200},
        label="api:indicator-detail",
    ),
    Route(
        "api/v1/indicators/(?P<code>[-a-z0-9_]{1,60})/",
        fixed("/api/v1/indicators/no-such-indicator/"),
        {"GET": roles(404)},
        label="api:indicator-detail (missing)",
    ),
    Route(
        "api/v1/indicators/values/",
        fixed(
            "/api/v1/indicators/values/",
            f"/api/v1/indicators/values/?indicator={INDICATOR}&area=KU999&from=2016&to=2030",
        ),
        {"GET": EVERYONE_200},
        grow=grow_values,
        budget_roles=("anonymous",),
    ),
    Route(
        "api/v1/indicators/values/(?P<pk>[0-9]{1,18})/",
        lambda w: [f"/api/v1/indicators/values/{w.objects['indicator_value'].pk}/"],
        {"GET": EVERYONE_200},
        label="api:indicator-value-detail",
    ),
    Route(
        "api/v1/indicators/dataset/",
        fixed(
            f"/api/v1/indicators/dataset/?indicator={INDICATOR}",
            "/api/v1/indicators/dataset/?theme=employment&breakdown=total&lang=en",
        ),
        {"GET": EVERYONE_200},
        grow=grow_values,
        budget_roles=("anonymous",),
    ),
    Route(
        "api/v1/indicators/csv/",
        fixed(f"/api/v1/indicators/csv/?indicator={INDICATOR}&area=KU999"),
        {"GET": EVERYONE_200},
        grow=grow_values,
        budget_roles=("anonymous",),
    ),
    *moved_routes(MOVED),
]

FILTERS = {
    "indicator": None,
    "area": None,
    "theme": "abc",
    "period": None,
    "from": "abc",
    "to": "20xx",
    "breakdown": "no breakdown",
}

BAD_INPUT: dict[str, Takes] = {
    "indicators:theme": Takes(path=True),
    "indicators:detail": Takes(path=True),
    "indicators:detail (missing)": Takes(path=True),
    "indicators:csv": Takes(path=True),
    "api/v1/indicators/": Takes(query={**API_QUERY, "theme": "abc", "cursor": "bogus"}),
    "api:indicator-detail": API_DETAIL,
    "api:indicator-detail (missing)": API_DETAIL,
    "api/v1/indicators/values/": Takes(
        query={**API_QUERY, **FILTERS, "page_size": "abc", "cursor": "bogus"}
    ),
    "api:indicator-value-detail": API_DETAIL,
    "api/v1/indicators/dataset/": Takes(query={**API_QUERY, **FILTERS}),
    "api/v1/indicators/csv/": Takes(query={**API_QUERY, **FILTERS}),
}


def build_objects(users: dict[str, object], objects: dict[str, object]) -> dict[str, object]:
    from indicators.models import Area, AreaKind, Value
    from indicators.services import area_upsert, comparison_set, csv_import, indicator_upsert

    country = area_upsert(code="SSS", kind=AreaKind.COUNTRY, name_fi="Koko maa")
    region = area_upsert(code="MK15", kind=AreaKind.REGION, name_fi="Pohjanmaa", parent=country)
    home = area_upsert(
        code="KU999",
        kind=AreaKind.MUNICIPALITY,
        name_fi="Rantala",
        name_sv="Strandby",
        parent=region,
    )
    area_upsert(
        code="KU905", kind=AreaKind.MUNICIPALITY, name_fi="Vaasa", name_sv="Vasa", parent=region
    )
    comparison_set(home=home, references=Area.objects.filter(code="KU905"))
    indicator_upsert(
        code=INDICATOR,
        name_fi="Työttömyysaste",
        name_sv="Arbetslöshetsgrad",
        name_en="Unemployment rate",
        theme="employment",
        direction="lower",
        unit_fi="%",
        source_fi="Tilastokeskus",
        source_sv="Statistikcentralen",
    )
    indicator_upsert(
        code="population",
        name_fi="Väkiluku",
        name_sv="Folkmängd",
        theme="population",
        direction="higher",
        decimals=0,
        unit_fi="asukasta",
        source_fi="Tilastokeskus",
    )
    rows = [
        (INDICATOR, area, str(year), "", f"{6 + (year % 3)}.{year % 10}")
        for area in AREAS
        for year in range(2016, 2026)
    ]
    csv_import(data=_csv(rows), file_name="matrix.csv")
    return {"indicator_value": Value.objects.order_by("pk").first()}
