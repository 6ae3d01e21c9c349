"""The finance app in the access matrix: its routes, their bad-input declarations, and the
objects the matrix tries them on.

ROUTES joins tests/security/access_matrix.py and BAD_INPUT tests/quality/test_bad_input.py;
build_objects(users, objects) runs once per world (tests/fixtures/roles.py).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse

from tests.fixtures.roles import World
from tests.paths import app_url
from tests.quality.inputs import API_DETAIL, API_QUERY, Answer, Takes
from tests.security.matrix import LOGIN, MFA_SETUP, Route, roles
from tests.security.routes.common import (
    ADMIN_HOME,
    EVERYONE_200,
    PASSWORD_ONLY_STAFF,
    fixed,
    lang_urls,
    obj,
)

YEAR = 2026
NOT_FOUND = roles(404)
# The finance screens of the Wagtail admin: only finance staff and the admin get in; other staff
# are sent back to the dashboard, staff without a completed second factor to set it up or
# confirm it first, and residents to sign in.
FINANCE_ADMIN = roles(
    LOGIN,
    **PASSWORD_ONLY_STAFF,
    editor=MFA_SETUP,
    handler_x=ADMIN_HOME,
    handler_y=ADMIN_HOME,
    secretary=ADMIN_HOME,
    digital_developer=ADMIN_HOME,
    finance_staff=200,
    admin=200,
)

# --- Growth of listed data (query budgets) ---------------------------------------------------


def grow_finance(world: World, n: int) -> None:
    """n more sectors, each with an area, two units, an investment project and a target, with
    their rows of the export and their lines in the published reports.

    A published report's figures never change through the services (that is the point of
    publishing), so the grown lines are written into the stored reports directly.
    """
    from finance.accounts import PART_OF_LINE, Line
    from finance.models import Figure, Level, ReportLine, TargetStatus
    from finance.services import node_save, target_save

    counter = world.objects.setdefault("grown_finance", [0])
    year = world.objects["finance_year"]
    reports = [world.objects["finance_budget"], world.objects["finance_report"]]
    record = world.objects["finance_import"]
    figures, lines = [], []
    for i in range(counter[0], counter[0] + n):
        sector = node_save(
            code=f"G{i}",
            parent=None,
            level=Level.SECTOR,
            name={"fi": f"Toimiala {i}"},
            is_binding=True,
            sort_order=100 + i,
        )
        area = node_save(code=f"G{i}A", parent=sector, level=Level.AREA, name={"fi": f"Alue {i}"})
        units = [
            node_save(code=f"G{i}U{u}", parent=area, level=Level.UNIT, name={"fi": f"Yksikkö {u}"})
            for u in range(2)
        ]
        project = node_save(
            code=f"G{i}P",
            parent=sector,
            level=Level.PROJECT,
            name={"fi": f"Hanke {i}"},
            total_cost=Decimal(1_000_000),
        )
        target = target_save(
            year=year,
            node=sector,
            title={"fi": f"Tavoite {i}"},
            indicator={"fi": "Mittari"},
            target_value={"fi": "100"},
        )
        TargetStatus.objects.create(target=target, report=reports[1], status="on_track")
        for node in units:
            for period in range(1, 13):
                figures.append(
                    Figure(
                        year=year,
                        node=node,
                        account="4000",
                        line=Line.OPERATING_EXPENSES,
                        part=PART_OF_LINE[Line.OPERATING_EXPENSES],
                        period=period,
                        budget=Decimal(1000),
                        actual=Decimal(900),
                        source=record,
                    )
                )
        for report in reports:
            for node in (sector, area, *units):
                lines.append(
                    ReportLine(
                        report=report,
                        node=node,
                        line=Line.OPERATING_EXPENSES,
                        budget=1000,
                        amended=1000,
                        actual=900,
                    )
                )
            if report.kind == "budget":
                for node, line in [
                    *((node, Line.OPERATING_EXPENSES) for node in (sector, area, *units)),
                    (project, Line.INVESTMENTS),
                ]:
                    lines.append(
                        ReportLine(
                            report=report,
                            node=node,
                            line=line,
                            plan_year=YEAR + 1,
                            budget=1100,
                            amended=1100,
                        )
                    )
            lines.append(
                ReportLine(
                    report=report,
                    node=project,
                    line=Line.INVESTMENTS,
                    budget=500,
                    amended=500,
                    actual=100,
                )
            )
    Figure.objects.bulk_create(figures)
    ReportLine.objects.bulk_create(lines)
    counter[0] += n


def _year(name: str, *args, query: str = ""):
    return lang_urls(f"finance:{name}", YEAR, *args, query=query)


ROUTES: list[Route] = [
    # --- Staff screens (Wagtail admin) ------------------------------------------------------
    Route(
        "admin/",
        lambda w: [
            reverse("finance_import"),
            reverse("finance_publish", args=[w.objects["finance_draft"].pk]),
            *(
                reverse(f"{viewset}:index")
                for viewset in (
                    "finance_report",
                    "finance_year",
                    "finance_node",
                    "finance_amendment",
                    "finance_target",
                    "finance_target_status",
                    "finance_forecast",
                    "finance_import_history",
                )
            ),
            reverse("finance_report:add"),
            reverse("finance_report:edit", args=[w.objects["finance_draft"].pk]),
        ],
        {"GET": FINANCE_ADMIN},
        prefix=True,
        other_methods=None,
        label="admin/ (finance)",
        budget_exempt="the Wagtail admin is measured by its own project",
    ),
    # --- Pages ------------------------------------------------------------------------------
    Route(
        "<lang>/finance/",
        lang_urls("finance:index"),
        {"GET": EVERYONE_200},
        grow=grow_finance,
        label="finance:index",
    ),
    Route(
        "<lang>/finance/<year:year>/",
        _year("year"),
        {"GET": EVERYONE_200},
        grow=grow_finance,
        label="finance:year",
    ),
    Route(
        "<lang>/finance/<year:year>/",
        fixed(app_url("finance:year", YEAR + 1), app_url("finance:year", 1999)),
        {"GET": NOT_FOUND},
        label="finance:year (budget not published)",
    ),
    Route(
        "<lang>/finance/<year:year>/sectors/<code:code>/",
        _year("node", "2"),
        {"GET": EVERYONE_200},
        grow=grow_finance,
        label="finance:node (sector)",
    ),
    Route(
        "<lang>/finance/<year:year>/sectors/<code:code>/",
        _year("node", "21"),
        {"GET": EVERYONE_200},
        label="finance:node (responsibility area)",
    ),
    Route(
        "<lang>/finance/<year:year>/sectors/<code:code>/",
        fixed(app_url("finance:node", YEAR, "2100"), app_url("finance:node", YEAR, "nothing")),
        {"GET": NOT_FOUND},
        label="finance:node (a unit or no such node)",
    ),
    Route(
        "<lang>/finance/<year:year>/targets/",
        _year("targets"),
        {"GET": EVERYONE_200},
        grow=grow_finance,
        label="finance:targets",
    ),
    Route(
        "<lang>/finance/<year:year>/investments/",
        _year("investments"),
        {"GET": EVERYONE_200},
        grow=grow_finance,
        label="finance:investments",
    ),
    Route(
        "<lang>/finance/<year:year>/reports/<int:pk>/",
        lang_urls("finance:report", YEAR, obj("finance_report")),
        {"GET": EVERYONE_200},
        grow=grow_finance,
        label="finance:report",
    ),
    Route(
        "<lang>/finance/<year:year>/reports/<int:pk>/",
        lang_urls("finance:report", YEAR, obj("finance_draft"), langs=("fi",)),
        {"GET": NOT_FOUND},
        label="finance:report (draft)",
    ),
    Route(
        "<lang>/finance/<year:year>/datapackage.json",
        lang_urls("finance:datapackage", YEAR, langs=("fi",)),
        {"GET": EVERYONE_200},
        label="finance:datapackage",
    ),
    Route(
        "<lang>/finance/<year:year>/<slug:table>.<fmt:fmt>",
        lambda w: [
            app_url("finance:download", YEAR, table, fmt, lang=lang)
            for table, fmt, lang in (
                ("overview", "csv", "fi"),
                ("sectors", "xlsx", "sv"),
                ("targets", "csv", "en"),
                ("investments", "xlsx", "fi"),
                ("figures", "csv", "fi"),
                ("nodes", "csv", "sv"),
                ("plan", "csv", "fi"),
                ("plan", "xlsx", "en"),
            )
        ],
        {"GET": EVERYONE_200},
        grow=grow_finance,
        label="finance:download",
    ),
    Route(
        "<lang>/finance/<year:year>/<slug:table>.<fmt:fmt>",
        fixed(
            app_url("finance:download", YEAR, "secrets", "csv"),
            app_url("finance:download", YEAR + 1, "figures", "csv"),
        ),
        {"GET": NOT_FOUND},
        label="finance:download (no such table or year)",
    ),
    # --- API --------------------------------------------------------------------------------
    Route(
        "api/v1/finance/years/",
        fixed("/api/v1/finance/years/", "/api/v1/finance/years/?lang=sv"),
        {"GET": EVERYONE_200},
        grow=grow_finance,
        budget_roles=("anonymous", "admin"),
    ),
    Route(
        "api/v1/finance/years/(?P<pk>[0-9]{1,18})/",
        lambda w: [f"/api/v1/finance/years/{w.objects['finance_year'].pk}/"],
        {"GET": EVERYONE_200},
        label="api:finance-year-detail",
    ),
    Route(
        "api/v1/finance/years/(?P<pk>[0-9]{1,18})/",
        lambda w: [f"/api/v1/finance/years/{w.objects['finance_plan_year'].pk}/"],
        {"GET": NOT_FOUND},
        label="api:finance-year-detail (not published)",
    ),
    Route(
        "api/v1/finance/nodes/",
        fixed("/api/v1/finance/nodes/", "/api/v1/finance/nodes/?lang=all&page_size=5"),
        {"GET": EVERYONE_200},
        grow=grow_finance,
        budget_roles=("anonymous", "admin"),
    ),
    Route(
        "api/v1/finance/nodes/(?P<pk>[0-9]{1,18})/",
        lambda w: [f"/api/v1/finance/nodes/{w.objects['finance_node'].pk}/"],
        {"GET": EVERYONE_200},
        label="api:finance-node-detail",
    ),
    Route(
        "api/v1/finance/figures/",
        fixed(
            "/api/v1/finance/figures/",
            f"/api/v1/finance/figures/?year={YEAR}&period=4&node=2&part=operating",
        ),
        {"GET": EVERYONE_200},
        grow=grow_finance,
        budget_roles=("anonymous", "admin"),
    ),
    Route(
        "api/v1/finance/plan/",
        fixed(
            "/api/v1/finance/plan/",
            f"/api/v1/finance/plan/?year={YEAR}&plan_year={YEAR + 1}&node=2",
            "/api/v1/finance/plan/?node=total",
        ),
        {"GET": EVERYONE_200},
        grow=grow_finance,
        budget_roles=("anonymous", "admin"),
    ),
    Route(
        "api/v1/finance/targets/",
        fixed("/api/v1/finance/targets/", f"/api/v1/finance/targets/?year={YEAR}"),
        {"GET": EVERYONE_200},
        grow=grow_finance,
        budget_roles=("anonymous", "admin"),
    ),
    Route(
        "api/v1/finance/targets/(?P<pk>[0-9]{1,18})/",
        lambda w: [f"/api/v1/finance/targets/{w.objects['finance_target'].pk}/"],
        {"GET": EVERYONE_200},
        label="api:finance-target-detail",
    ),
]

BAD_INPUT: dict[str, Takes] = {
    "admin/ (finance)": Takes(
        query={"q": None, "p": "abc", "ordering": "abc"}, path=True, answer=Answer.NO_SERVER_ERROR
    ),
    "finance:year": Takes(path=True),
    "finance:year (budget not published)": Takes(path=True),
    "finance:node (sector)": Takes(path=True),
    "finance:node (responsibility area)": Takes(path=True),
    "finance:node (a unit or no such node)": Takes(path=True),
    "finance:targets": Takes(path=True),
    "finance:investments": Takes(path=True),
    "finance:report": Takes(path=True),
    "finance:report (draft)": Takes(path=True),
    "finance:datapackage": Takes(path=True),
    "finance:download": Takes(path=True),
    "finance:download (no such table or year)": Takes(path=True),
    "api/v1/finance/years/": Takes(query={**API_QUERY, "page_size": "abc", "cursor": "bogus"}),
    "api:finance-year-detail": API_DETAIL,
    "api:finance-year-detail (not published)": API_DETAIL,
    "api/v1/finance/nodes/": Takes(query={**API_QUERY, "page_size": "abc", "cursor": "bogus"}),
    "api:finance-node-detail": API_DETAIL,
    "api/v1/finance/figures/": Takes(
        query={
            **API_QUERY,
            "year": "abc",
            "period": "13",
            "node": None,
            "part": "abc",
            "page_size": "abc",
            "cursor": "bogus",
        }
    ),
    "api/v1/finance/plan/": Takes(
        query={
            **API_QUERY,
            "year": "abc",
            "plan_year": "abc",
            "node": None,
            "page_size": "abc",
            "cursor": "bogus",
        }
    ),
    "api/v1/finance/targets/": Takes(query={**API_QUERY, "year": "abc", "cursor": "bogus"}),
    "api:finance-target-detail": API_DETAIL,
}


def build_objects(users: dict[str, object], objects: dict[str, object]) -> dict[str, object]:
    from finance.models import FiscalYear, Node, Target
    from finance.services import report_publish, report_save
    from tests.finance.exports import import_sample

    record = import_sample(year=YEAR, periods=range(1, 13)).record
    import_sample(year=YEAR + 1, periods=range(1, 13))
    year = FiscalYear.objects.get(year=YEAR)
    budget = report_save(year=year, kind="budget")
    report_publish(report=budget, published_on=datetime.date(YEAR - 1, 12, 10))
    interim = report_save(year=year, kind="interim", through_period=4)
    report_publish(report=interim, published_on=datetime.date(YEAR, 5, 20))
    draft = report_save(year=year, kind="interim", through_period=8)
    from finance.services import target_save

    target = target_save(
        year=year,
        node=Node.objects.get(code="2"),
        title={"fi": "Tavoite", "sv": "Mål"},
        indicator={"fi": "Mittari"},
        target_value={"fi": "90 %"},
    )
    return {
        "finance_import": record,
        "finance_year": year,
        "finance_plan_year": FiscalYear.objects.get(year=YEAR + 1),
        "finance_budget": budget,
        "finance_report": interim,
        "finance_draft": draft,
        "finance_node": Node.objects.get(code="21"),
        "finance_target": Target.objects.get(pk=target.pk),
    }
