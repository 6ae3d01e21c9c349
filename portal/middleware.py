"""Request middleware of the portal."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

# Where a staff member sent to set up their authenticator app continues once it is done.
MFA_SETUP_NEXT_SESSION_KEY = "portal_mfa_setup_next"


def passed_mfa(request, user) -> bool:
    """Whether this session's sign-in included a second factor (TOTP or a recovery code)."""
    from accounts.powers import second_factor_verified

    return second_factor_verified(request, user)


class StaffMFAMiddleware:
    """Staff powers only after the second factor, in the CMS admin and everywhere else.

    In the admin, staff without an authenticator app are sent to set one up; staff whose session
    was signed in without the two-factor step (for example before they set it up, or through a
    path that skips it) are sent to confirm with a code. The set-up pages and signing out live
    outside /admin/, so they stay reachable. Everywhere else (pages, API, downloads) such a
    session acts with a resident's powers (accounts.powers).
    """

    admin_prefix = "/admin/"
    # Signing out of the admin must always work; the sign-in page is a redirect to allauth.
    exempt_paths = ("/admin/logout/", "/admin/login/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._check(request)
        if response is not None:
            return response
        return self.get_response(request)

    def _check(self, request):
        path = request.path
        if not path.startswith(self.admin_prefix):
            from accounts.powers import session_user

            if hasattr(request, "user"):
                request.user = session_user(request, request.user)
            return None
        if path.startswith(self.exempt_paths):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not self._is_staff(user):
            return None
        from allauth.mfa.models import Authenticator

        next_query = urlencode({"next": request.get_full_path()})
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            request.session[MFA_SETUP_NEXT_SESSION_KEY] = request.get_full_path()
            return redirect(f"{reverse('mfa_activate_totp')}?{next_query}")
        if not passed_mfa(request, user):
            return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
        return None

    @staticmethod
    def _is_staff(user) -> bool:
        # Anyone the Wagtail admin would let in; others get Wagtail's own refusal.
        return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")
