from django.urls import include, path, register_converter
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from decisions import feeds, views
from decisions.converters import BodyConverter, IdConverter

register_converter(IdConverter, "id")
register_converter(BodyConverter, "body")

app_name = "decisions"

rss = require_GET(feeds.DecisionsRssFeed())
atom = require_GET(feeds.DecisionsAtomFeed())

# Paths are translated (/fi/paatokset/, /sv/beslut/, /en/decisions/); the addresses they had
# before answer with a permanent redirect (portal/moved.py).
urlpatterns = [
    path(
        _("decisions/"),
        include(
            [
                path("", views.index, name="index"),
                path(_("search/"), views.search, name="search"),
                path(_("subscriptions/"), views.subscriptions, name="subscriptions"),
                path(
                    format_lazy("{}<id:pk>/{}", _("subscriptions/"), _("delete/")),
                    views.subscription_delete,
                    name="subscription_delete",
                ),
                path("rss/", rss, name="rss"),
                path("atom/", atom, name="atom"),
                path(_("meetings.ics"), feeds.meetings_calendar, name="calendar"),
                path(format_lazy("{}<body:body>/", _("bodies/")), views.body_detail, name="body"),
                path(
                    format_lazy("{}<body:body>/rss/", _("bodies/")),
                    views.body_address(rss),
                    name="body_rss",
                ),
                path(
                    format_lazy("{}<body:body>/atom/", _("bodies/")),
                    views.body_address(atom),
                    name="body_atom",
                ),
                path(
                    format_lazy("{}<body:body>/{}", _("bodies/"), _("meetings.ics")),
                    views.body_address(feeds.meetings_calendar),
                    name="body_calendar",
                ),
                path(
                    format_lazy("{}<id:pk>/", _("meetings/")), views.meeting_detail, name="meeting"
                ),
                path(format_lazy("{}<id:pk>/", _("items/")), views.item_detail, name="item"),
                path(
                    format_lazy("{}<id:pk>/", _("attachments/")),
                    views.attachment_file,
                    name="attachment",
                ),
                path(
                    format_lazy("{}<id:pk>/", _("officeholder-decisions/")),
                    views.officeholder_decision_detail,
                    name="officeholder_decision",
                ),
            ]
        ),
    ),
]

# The addresses before the paths were translated: portal/moved.py redirects them here. A body's
# old slug (its Finnish one, in every language) finds the body, and the redirect gives the
# body's slug in the language of the address.
MOVED = [
    ("decisions/", "decisions:index"),
    ("decisions/search/", "decisions:search"),
    ("decisions/subscriptions/", "decisions:subscriptions"),
    ("decisions/subscriptions/<id:pk>/delete/", "decisions:subscription_delete"),
    ("decisions/rss/", "decisions:rss"),
    ("decisions/atom/", "decisions:atom"),
    ("decisions/meetings.ics", "decisions:calendar"),
    ("decisions/bodies/<body:body>/", "decisions:body"),
    ("decisions/bodies/<body:body>/rss/", "decisions:body_rss"),
    ("decisions/bodies/<body:body>/atom/", "decisions:body_atom"),
    ("decisions/bodies/<body:body>/meetings.ics", "decisions:body_calendar"),
    ("decisions/meetings/<id:pk>/", "decisions:meeting"),
    ("decisions/items/<id:pk>/", "decisions:item"),
    ("decisions/attachments/<id:pk>/", "decisions:attachment"),
    ("decisions/officeholder-decisions/<id:pk>/", "decisions:officeholder_decision"),
]
