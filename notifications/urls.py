from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.inbox, name="inbox"),
    path("notifications/read/", views.mark_all_read, name="mark_all_read"),
    path("notifications/<uuid:notification_id>/", views.open_notification, name="open"),
]
