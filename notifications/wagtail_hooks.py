"""The notification outbox in the Wagtail admin: what is waiting, what was given up and why.

Read-only: rows are written by the services and the worker. Staff with the model's view
permission (administrators) look at parked deliveries and their last error here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from notifications.models import Notification


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes outbox rows in the admin; viewing follows the permission."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Notification, ViewOnlyPolicy(Notification))


class OutboxViewSet(ModelViewSet):
    """Notifications by delivery state, with the attempts and the last error of each."""

    model = Notification
    icon = "mail"
    menu_label = _("E-mail outbox")
    menu_order = 900
    add_to_settings_menu = True
    copy_view_enabled = False
    add_to_reference_index = False
    inspect_view_enabled = True
    # Never shown (nobody may add or edit), but a model view set needs a form.
    form_fields = ("subject",)
    list_display = ("subject", "kind", "delivery_state", "attempts", "last_error", "created")
    list_filter = ("delivery_state", "kind")
    inspect_view_fields = (
        "subject",
        "kind",
        "language",
        "created",
        "delivery_state",
        "attempts",
        "message_id",
        "next_attempt_at",
        "last_error",
        "delivered_at",
    )


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet("outbox", url_prefix="notifications/outbox")
