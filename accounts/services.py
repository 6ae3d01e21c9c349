"""Writes of the accounts app: users with verified addresses, group permissions."""

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from accounts.groups import EDITORS
from accounts.models import User


@transaction.atomic
def user_upsert_verified(
    *,
    email: str,
    password: str,
    language: str,
    first_name: str = "",
    last_name: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
    groups: Iterable[str] = (),
) -> User:
    """Create or refresh a user whose e-mail address is verified, and set their password."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first() or User(email=email, username=email)
    user.first_name = first_name
    user.last_name = last_name
    user.language = language
    user.is_active = True
    user.is_staff = is_staff or is_superuser
    user.is_superuser = is_superuser
    user.set_password(password)
    user.save()
    user.groups.set(Group.objects.filter(name__in=list(groups)))
    EmailAddress.objects.filter(user=user).exclude(email__iexact=email).update(primary=False)
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        address = EmailAddress(user=user, email=email)
    address.verified = True
    address.primary = True
    address.save()
    return user


@transaction.atomic
def editors_grant_snippet_permissions() -> int:
    """Give the Editors group every permission on the models registered as Wagtail snippets."""
    from wagtail.snippets.models import get_snippet_models

    editors = Group.objects.filter(name=EDITORS).first()
    models = get_snippet_models()
    if editors is None or not models:
        return 0
    content_types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    permissions = list(Permission.objects.filter(content_type__in=content_types.values()))
    editors.permissions.add(*permissions)
    return len(permissions)


@transaction.atomic
def sign_in_records_remove_expired(*, now=None) -> dict[str, int]:
    """Delete sign-in records and sessions past their retention time (docs/operations.md).

    Failed sign-ins (axes' attempts) go once their cool-off has passed: they count towards no
    lockout or delay after it. Successful sign-ins (axes' access log) go after
    SIGN_IN_LOG_RETENTION_DAYS, failure logs (if turned on) likewise, and expired sessions (with
    allauth's sign-in records kept in them) when they expire. Idempotent.
    """
    from datetime import timedelta

    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    now = now or timezone.now()
    log_limit = now - timedelta(days=settings.SIGN_IN_LOG_RETENTION_DAYS)
    attempt_limit = now - timedelta(hours=settings.AXES_COOLOFF_TIME)
    return {
        "attempts": AccessAttempt.objects.filter(attempt_time__lt=attempt_limit).delete()[0],
        "sign_ins": AccessLog.objects.filter(attempt_time__lt=log_limit).delete()[0],
        "failure_logs": AccessFailureLog.objects.filter(attempt_time__lt=log_limit).delete()[0],
        "sessions": Session.objects.filter(expire_date__lt=now).delete()[0],
    }
