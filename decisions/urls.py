from django.urls import path, register_converter
from django.views.decorators.http import require_GET

from decisions import feeds, views
from decisions.converters import IdConverter

register_converter(IdConverter, "id")

app_name = "decisions"

rss = require_GET(feeds.DecisionsRssFeed())
atom = require_GET(feeds.DecisionsAtomFeed())

urlpatterns = [
    path("decisions/", views.index, name="index"),
    path("decisions/search/", views.search, name="search"),
    path("decisions/rss/", rss, name="rss"),
    path("decisions/atom/", atom, name="atom"),
    path("decisions/meetings.ics", feeds.meetings_calendar, name="calendar"),
    path("decisions/bodies/<slug:slug>/", views.body_detail, name="body"),
    path("decisions/bodies/<slug:slug>/rss/", rss, name="body_rss"),
    path("decisions/bodies/<slug:slug>/atom/", atom, name="body_atom"),
    path(
        "decisions/bodies/<slug:slug>/meetings.ics",
        feeds.meetings_calendar,
        name="body_calendar",
    ),
    path("decisions/meetings/<id:pk>/", views.meeting_detail, name="meeting"),
    path("decisions/items/<id:pk>/", views.item_detail, name="item"),
    path("decisions/attachments/<id:pk>/", views.attachment_file, name="attachment"),
    path(
        "decisions/officeholder-decisions/<id:pk>/",
        views.officeholder_decision_detail,
        name="officeholder_decision",
    ),
]
