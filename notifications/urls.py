from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from notifications import views

app_name = "notifications"

# Paths are translated (/fi/ilmoitukset/, /sv/aviseringar/); the addresses they had before
# answer with a permanent redirect (portal/moved.py).
urlpatterns = [
    path(
        _("notifications/"),
        include(
            [
                path("", views.inbox, name="inbox"),
                path(_("read/"), views.mark_all_read, name="mark_all_read"),
                path("<uuid:notification_id>/", views.open_notification, name="open"),
            ]
        ),
    ),
]

# The addresses before the paths were translated: portal/moved.py redirects them here.
MOVED = [
    ("notifications/", "notifications:inbox"),
    ("notifications/read/", "notifications:mark_all_read"),
    ("notifications/<uuid:notification_id>/", "notifications:open"),
]
