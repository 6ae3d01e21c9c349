"""The resident's inbox of notifications."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from cms.selectors import page_of
from notifications import selectors, services

PER_PAGE = 20


@require_GET
@login_required
def inbox(request):
    """The signed-in resident's notifications, newest first, with the unread ones marked."""
    notifications = page_of(
        selectors.inbox_for(request.user), number=request.GET.get("page"), per_page=PER_PAGE
    )
    return render(
        request,
        "notifications/inbox.html",
        {"notifications": notifications, "unread": selectors.unread_count(request.user)},
    )


@require_GET
def open_notification(request, notification_id):
    """Mark one of the resident's notifications read and go where it points."""
    notification = selectors.inbox_for(request.user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    services.notifications_mark_read(user=request.user, notification_ids=[notification.pk])
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect("notifications:inbox")
    return redirect(target)


@require_POST
@login_required
def mark_all_read(request):
    services.notifications_mark_read(user=request.user)
    return redirect("notifications:inbox")
