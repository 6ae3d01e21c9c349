"""allauth adapters: the account language, the portal's name and links in e-mails, django-axes
lockouts and the first second factor."""

import time
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from accounts.axes import get_username
from accounts.signin import account_wait_seconds, is_known_device, remember_device
from cms.branding import portal_name, sender_address
from portal.client import client_address


def current_language() -> str:
    """The request's language if the portal has it, else the default language."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = (translation.get_language() or "").split("-")[0]
    return language if language in codes else settings.LANGUAGE_CODE


def is_staff_member(user) -> bool:
    """Anyone the Wagtail admin would let in."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


# The pages of setting up the first authenticator app and reading its recovery codes.
FIRST_SETUP_VIEWS = frozenset(
    {"mfa_activate_totp", "mfa_view_recovery_codes", "mfa_download_recovery_codes"}
)


def setting_up_first_authenticator(request: HttpRequest | None) -> bool:
    """Whether the user is setting up their first second factor moments after signing in with
    their password (within allauth's reauthentication timeout)."""
    from allauth.account.authentication import get_authentication_records
    from allauth.mfa.models import Authenticator

    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    if user is None or not user.is_authenticated or match is None:
        return False
    if match.url_name not in FIRST_SETUP_VIEWS:
        return False
    signed_in = [
        record["at"]
        for record in get_authentication_records(request, user)
        if record.get("method") == "password" and "at" in record
    ]
    if not signed_in or time.time() - signed_in[-1] >= account_settings.REAUTHENTICATION_TIMEOUT:
        return False
    since = datetime.fromtimestamp(signed_in[-1], tz=UTC)
    # Any authenticator older than this sign-in is guarded by allauth's usual re-confirmation.
    return not Authenticator.objects.filter(user=user, created_at__lt=since).exists()


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        user = super().save_user(request, user, form, commit=False)
        # E-mails and case texts use the language the resident signed up in.
        user.language = current_language()
        if commit:
            user.save()
        return user

    def get_from_email(self) -> str:
        return sender_address(language=current_language())

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth's e-mails greet from `current_site.name`, which without the sites framework
        # is the host name: use the portal's name in the reader's language instead. allauth
        # also builds their links (confirm the address, reset the password, sign up) on the
        # request's Host: they move to the portal's configured address, whatever Host was sent.
        from portal.links import base_host, rebase

        request = allauth_context.request
        host = request.get_host() if request is not None else ""
        context = {
            key: rebase(value, host) if isinstance(value, str) and host else value
            for key, value in context.items()
        }
        site = SimpleNamespace(name=portal_name(request=request), domain=base_host())
        super().send_mail(template_prefix, email, {"current_site": site, **context})

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # Staff sign in to work in the admin (which sends them on to set up their second factor
        # the first time).
        if is_staff_member(request.user):
            return reverse("wagtailadmin_home")
        # After signing in, stay in the language the resident signed in with; a bare "/" would
        # pick the language from the browser's preferences instead.
        return f"/{current_language()}/"

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # Setting up the first authenticator right after signing in with the password (and
        # reading its recovery codes) would otherwise ask for that same password again.
        if app == "allauth.mfa" and setting_up_first_authenticator(self.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_logout_redirect_url(self, request: HttpRequest) -> str:
        return f"/{current_language()}/"

    def get_client_ip(self, request: HttpRequest) -> str:
        # The portal's one client-address policy (TRUSTED_PROXIES), for allauth's limits and
        # the address in its security notices.
        return client_address(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        # The password limits of accounts/signin.py. A locked-out account and address pair gets
        # axes's lockout page (AxesMiddleware renders it).
        if not AxesProxyHandler.is_allowed(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            raise self.validation_error("too_many_login_attempts")
        username = get_username(request, credentials)
        if not is_known_device(request, username):
            wait = account_wait_seconds(username)
            if wait:
                raise forms.ValidationError(
                    ngettext(
                        "There have been many failed attempts to sign in to this account. "
                        "Wait %(seconds)d second and try again.",
                        "There have been many failed attempts to sign in to this account. "
                        "Wait %(seconds)d seconds and try again.",
                        wait,
                    )
                    % {"seconds": wait},
                    code="account_delayed",
                )
        # allauth's failed-sign-in limit, per client address only: per account it would let
        # anyone lock the account out.
        self._login_failed_rl_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed",
            config={"login_failed": settings.SIGN_IN_ADDRESS_RATE},
        )
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")

    def authenticate(self, request: HttpRequest, **credentials: Any):
        user = super().authenticate(request, **credentials)
        if user is not None:
            remember_device(request, get_username(request, credentials))
        return user


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request: HttpRequest, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        if not user.pk:
            user.language = current_language()
        return user
