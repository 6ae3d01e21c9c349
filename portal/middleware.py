"""Request middleware of the portal."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse


class StaffMFAMiddleware:
    """Send staff who have not set up two-factor authentication to do so before the admin."""

    admin_prefix = "/admin/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_mfa(request):
            url = reverse("mfa_activate_totp")
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _needs_mfa(self, request) -> bool:
        if not request.path.startswith(self.admin_prefix):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
