"""The client-address policy: X-Forwarded-For counts only when a trusted proxy sends it."""

import pytest
from django.test import RequestFactory

from portal.client import client_address, client_key, counted_address


def _request(peer: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_client_address__without_trusted_proxies_the_peer_is_the_client(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_client_address__a_forged_header_from_an_untrusted_peer_changes_nothing(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    assert client_key(_request("203.0.113.7", "198.51.100.1")) == client_key(
        _request("203.0.113.7", "198.51.100.2")
    )


def test_client_address__a_trusted_proxy_names_the_client_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    # The client wrote "1.1.1.1" itself; the proxy appended the address it saw.
    request = _request("10.0.0.5", "1.1.1.1, 203.0.113.7")
    assert client_address(request) == "203.0.113.7"


def test_client_address__trusted_hops_are_skipped(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "192.168.1.1"]
    request = _request("10.0.0.5", "8.8.8.8, 203.0.113.7, 192.168.1.1, 10.0.0.9")
    assert client_address(request) == "203.0.113.7"


def test_client_address__garbage_in_the_header_stops_the_walk(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_address(_request("10.0.0.5", "not-an-address")) == "10.0.0.5"
    assert client_address(_request("10.0.0.5", "")) == "10.0.0.5"


@pytest.mark.parametrize(
    ("peer", "expected"),
    [("[2001:db8::1]:443", "2001:db8::1"), ("::ffff:203.0.113.7", "203.0.113.7"), ("", "unknown")],
)
def test_client_address__peer_forms(settings, peer, expected):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request(peer)) == expected


def test_counted_address__ipv6_clients_count_per_64_network(settings):
    settings.TRUSTED_PROXIES = []
    one = _request("2001:db8:1:2::1")
    other = _request("2001:db8:1:2:ffff::9")
    assert counted_address(one) == "2001:db8:1:2::/64"
    assert client_key(one) == client_key(other)
    assert client_key(one) != client_key(_request("2001:db8:1:3::1"))


def test_client_key__is_a_keyed_hash_without_the_address(settings):
    settings.TRUSTED_PROXIES = []
    key = client_key(_request("203.0.113.7"))
    assert len(key) == 32 and set(key) <= set("0123456789abcdef")
    settings.SECRET_KEY = "another-secret-key-for-this-test"
    assert client_key(_request("203.0.113.7")) != key
