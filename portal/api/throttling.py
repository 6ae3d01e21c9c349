"""The API's throttles: the portal's client-address policy and its rate-limit store.

DRF's own throttles read `X-Forwarded-For` by a proxy count and keep the raw address in the
cache key; these count per `portal.client.client_key` (a keyed hash of the address, trusted
proxies only) in `portal.ratelimit.store`, which keeps counting in the web process when Redis is
down.
"""

from rest_framework.throttling import ScopedRateThrottle

from portal.client import client_key
from portal.ratelimit import store


class PortalScopedRateThrottle(ScopedRateThrottle):
    cache = store

    def get_ident(self, request):
        return client_key(request)
