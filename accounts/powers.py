"""Staff powers need the second factor: on every route, not only in the CMS admin.

A session signed in with a password alone (no TOTP code or recovery code in this sign-in) acts
with a resident's powers wherever it goes: StaffMFAMiddleware hands views, the API, downloads and
templates a user whose staff flags, permissions and groups are withheld, and every policy that
grants staff access asks `has_staff_powers()` besides. Staff get their powers back by confirming
with their authenticator app (the admin sends them there); residents lose nothing, as they have
no staff powers to withhold.

Outside a request (tasks, management commands) a user is taken as they are.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import LazyObject, SimpleLazyObject


def second_factor_verified(request: HttpRequest, user) -> bool:
    """Whether this session's sign-in of `user` included a second factor (TOTP or a recovery
    code), as allauth records it in the session."""
    from allauth.account.authentication import get_authentication_records

    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


class WithoutStaffPowers(LazyObject):
    """The signed-in user with a resident's powers: not staff, no permissions, no groups.

    Everything else (identity, profile, relations, saving) is the user's own: the real flags are
    untouched in the database, only withheld in this request.
    """

    staff_powers_withheld = True

    def __init__(self, user):
        super().__init__()
        self._wrapped = user

    def _setup(self):  # pragma: no cover - the user is given at construction
        raise AssertionError("WithoutStaffPowers wraps a user given to it")

    @property
    def is_staff(self) -> bool:
        return False

    @property
    def is_superuser(self) -> bool:
        return False

    @property
    def groups(self):
        from django.contrib.auth.models import Group

        return Group.objects.none()

    def has_perm(self, perm, obj=None) -> bool:
        return False

    def has_perms(self, perm_list, obj=None) -> bool:
        return not list(perm_list)

    def has_module_perms(self, app_label) -> bool:
        return False

    def get_all_permissions(self, obj=None) -> set[str]:
        return set()

    def get_user_permissions(self, obj=None) -> set[str]:
        return set()

    def get_group_permissions(self, obj=None) -> set[str]:
        return set()


def session_user(request: HttpRequest, user):
    """`user` as this request may act: with their staff powers only after the second factor.

    Lazy, like Django's own request.user, so that requests that never look at the user load
    neither the session nor the user.
    """

    def resolve():
        if not user.is_authenticated:
            return user
        # The real user, not another lazy layer (Django's request.user is lazy too).
        real = user._wrapped if isinstance(user, LazyObject) else user
        if second_factor_verified(request, real):
            return real
        return WithoutStaffPowers(real)

    return SimpleLazyObject(resolve)


def has_staff_powers(user) -> bool:
    """Whether `user` may use staff powers now: signed in, active, and not a session that
    skipped the second factor. Every policy that grants staff access asks this first."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and not getattr(user, "staff_powers_withheld", False)
    )


def staff_perm(user, perm: str) -> bool:
    """A staff permission that is only good with the second factor."""
    return has_staff_powers(user) and user.has_perm(perm)
