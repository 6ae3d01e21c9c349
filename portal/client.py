"""The client's address: one policy for every rate limit, lockout and sign-in record.

The address is the TCP peer (`REMOTE_ADDR`) unless that peer is one of the `TRUSTED_PROXIES`
(addresses or networks). Only then is `X-Forwarded-For` read, from the right: each hop that is
itself a trusted proxy is skipped, and the first one that is not is the client. A forged
`X-Forwarded-For` from anyone else changes nothing, and a client cannot hide behind addresses it
writes to the left of the ones the proxies appended.

Limits count per `client_key()`, a keyed hash of the address, so that no store (Redis, the
database) keeps addresses in its keys. IPv6 clients are counted per /64 network, the block one
household or device usually gets.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

IPV6_PREFIX = 64
UNKNOWN = "unknown"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:
        # "[2001:db8::1]:443", as some proxies write IPv6 peers.
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        # "192.0.2.1:443"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address as the portal's policy defines it (see the module's docstring)."""
    peer = _parse(request.META.get("REMOTE_ADDR", "") or "")
    if peer is None:
        return UNKNOWN
    networks = trusted_networks()
    if not networks or not _trusted(peer, networks):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = peer
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse(hop)
        if address is None:
            # A hop that is not an address: whatever is to its left was written by nobody the
            # portal trusts. The last trusted hop's client stands.
            break
        client = address
        if not _trusted(address, networks):
            break
    return str(client)


def counted_address(request: HttpRequest) -> str:
    """The address limits count: the client's, or its /64 network for IPv6."""
    address = client_address(request)
    parsed = _parse(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        network = ipaddress.IPv6Network(f"{parsed}/{IPV6_PREFIX}", strict=False)
        return f"{network.network_address}/{IPV6_PREFIX}"
    return address


def keyed_hash(value: str, *, purpose: str) -> str:
    """A keyed hash (HMAC-SHA256 under a key derived from SECRET_KEY) for store keys."""
    return salted_hmac(f"portal.client.{purpose}", value, algorithm="sha256").hexdigest()[:32]


def client_key(request: HttpRequest) -> str:
    """The key limits count the client under: a keyed hash of its counted address."""
    return keyed_hash(counted_address(request), purpose="address")
