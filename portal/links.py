"""Absolute links of the portal: always on its configured public address (PORTAL_BASE_URL).

A request's Host header is whatever the client or a proxy sent; links that leave the page (e-mails,
feeds, calendars, QR slips, the sitemap, canonical links) must not depend on it.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (as reverse() or get_url() give it) on the portal's public address."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.PORTAL_BASE_URL + path


def base_host() -> str:
    """The host (and port) of the public address, e.g. "portal.rantala.fi"."""
    return urlsplit(settings.PORTAL_BASE_URL).netloc


def rebase(url: str, host: str) -> str:
    """An absolute URL that a library built on the request's `host`, moved to the public address.

    URLs of other hosts, and anything that is no absolute URL, are returned as they are.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != host:
        return url
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))
