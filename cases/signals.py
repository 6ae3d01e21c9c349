"""Link cases to a resident's account when they verify an address or identify strongly."""

import logging

from allauth.account.signals import email_confirmed, user_logged_in
from django.conf import settings
from django.core.exceptions import ValidationError
from django.dispatch import receiver

from cases import services

logger = logging.getLogger(__name__)


@receiver(email_confirmed)
def link_cases_on_email_confirmed(sender, request, email_address, **kwargs):
    services.parties_link_verified_emails(user=email_address.user)


@receiver(user_logged_in)
def link_cases_on_login(sender, request, user, **kwargs):
    services.parties_link_verified_emails(user=user)
    sociallogin = kwargs.get("sociallogin")
    if sociallogin is None:
        return
    claims = sociallogin.account.extra_data or {}
    # Brokers put the claims at the top level or under "userinfo".
    code = claims.get(settings.OIDC_PERSONAL_IDENTITY_CODE_CLAIM) or (
        claims.get("userinfo") or {}
    ).get(settings.OIDC_PERSONAL_IDENTITY_CODE_CLAIM)
    if not code:
        return
    try:
        services.parties_link_identity(user=user, personal_identity_code=str(code))
    except ValidationError:
        logger.warning("The identity provider gave a malformed personal identity code")
