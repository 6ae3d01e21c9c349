"""Back-office systems authenticate to the integration API with a bearer token."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from cases.models import IntegrationClient
from cases.services import integration_client_touch, integration_token_hash


class IntegrationTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2 or len(header[1]) > 200:
            raise exceptions.AuthenticationFailed(_("The token is malformed."))
        try:
            token = header[1].decode("ascii")
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("The token is malformed.")) from exc
        client = (
            IntegrationClient.objects.select_related("unit")
            .filter(token_hash=integration_token_hash(token), is_active=True)
            .first()
        )
        if client is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid."))
        integration_client_touch(client=client)
        return client, token

    def authenticate_header(self, request):
        return self.keyword


class IntegrationTokenScheme(OpenApiAuthenticationExtension):
    target_class = IntegrationTokenAuthentication
    name = "integrationToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer"}
