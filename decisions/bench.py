"""Routes of the decisions app that `make bench` measures (portal/management/commands/bench.py)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import override


def _url(language: str, name: str, *args, query: str = "") -> str:
    with override(language):
        return reverse(name, args=args) + query


def bench_routes(resident_email: str) -> list:
    from decisions import policies
    from portal.management.commands.bench import BenchRoute

    routes = [
        BenchRoute(
            "decision search, fi (stemmed)",
            _url("fi", "decisions:search", query="?q=koulukeskuksen"),
        ),
        BenchRoute(
            "decision search, sv (stemmed)", _url("sv", "decisions:search", query="?q=skolcentret")
        ),
        # Common words: more matches than the search ranks (the bounded candidates).
        BenchRoute(
            "decision search, fi common word",
            _url("fi", "decisions:search", query="?q=talousarvion"),
        ),
        BenchRoute(
            "decision search, sv common word, page 5",
            _url("sv", "decisions:search", query="?q=f%C3%B6resl%C3%A5s&page=5"),
        ),
        BenchRoute(
            "decision search, sv, body and dates",
            _url(
                "sv",
                "decisions:search",
                query="?q=f%C3%B6resl%C3%A5s&body=kunnanhallitus&date_from=2020-01-01",
            ),
        ),
        BenchRoute("API: meetings", "/api/v1/meetings/"),
        BenchRoute("API: agenda items", "/api/v1/agenda-items/"),
        BenchRoute("API: officeholder decisions", "/api/v1/officeholder-decisions/"),
        # The API's search: the same bounded candidates as the search page.
        BenchRoute("API: agenda items, q (fi)", "/api/v1/agenda-items/?q=talousarvion"),
        BenchRoute(
            "API: officeholder decisions, q (sv)",
            "/api/v1/officeholder-decisions/?q=f%C3%B6resl%C3%A5s",
        ),
    ]
    meeting = (
        policies.meetings_visible()
        .annotate(item_count=Count("items"))
        .order_by("-item_count", "-starts_at")
        .first()
    )
    if meeting is not None:
        routes.insert(
            0,
            BenchRoute(
                f"meeting page with {meeting.item_count} items",
                _url("fi", "decisions:meeting", meeting.pk),
            ),
        )
        item = meeting.items.order_by("order", "id").first()
        if item is not None:
            # What `manage.py bench_decisions` measured in-process besides these routes.
            routes.insert(1, BenchRoute("agenda item page", _url("fi", "decisions:item", item.pk)))
    return routes
