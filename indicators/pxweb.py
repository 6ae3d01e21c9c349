"""The client of Statistics Finland's PxWeb API: POST a query to a table, read JSON-stat 2.

This is the production path of every statistics import; tests and the demo give it the address
of a local server that answers with the same documents. Timeouts, broken connections and 5xx
answers are tried again a few times; what still fails raises SourceUnavailable with the reason
in words staff understand, and nothing is written.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from urllib.parse import urljoin

import requests
from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Statuses worth trying again: the service is busy or briefly down.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# JSON-stat documents are shallow; anything deeper is not a table.
MAX_DEPTH = 12


class SourceUnavailable(Exception):
    """The table could not be fetched (timeout, connection, 5xx); the message says why."""

    def __init__(self, message: str, attempts: int = 1):
        super().__init__(message)
        self.attempts = attempts


class SourceRefused(Exception):
    """The answer is not a table this import can read (not JSON-stat 2, too large, 4xx)."""


@dataclass(frozen=True)
class Fetched:
    document: dict
    body: bytes
    attempts: int


def table_url(base_url: str, table_path: str) -> str:
    base = base_url if base_url.endswith("/") else base_url + "/"
    return urljoin(base, table_path.lstrip("/"))


def request_body(query: dict) -> dict:
    """The POST body: the stored query with the answer format set to JSON-stat 2."""
    body = dict(query or {})
    body.setdefault("query", [])
    body["response"] = {"format": "json-stat2"}
    return body


def _depth(value, limit: int, level: int = 0) -> int:
    if level > limit:
        return level
    if isinstance(value, dict):
        return max([_depth(v, limit, level + 1) for v in value.values()] or [level])
    if isinstance(value, list):
        # Values of a table are flat lists of numbers: look at containers only.
        containers = [v for v in value if isinstance(v, (dict, list))]
        return max([_depth(v, limit, level + 1) for v in containers] or [level])
    return level


def _read_bounded(response: requests.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise SourceRefused(_("The answer is larger than %(mb)d MB.") % {"mb": max_bytes >> 20})
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > max_bytes:
            raise SourceRefused(_("The answer is larger than %(mb)d MB.") % {"mb": max_bytes >> 20})
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_table(
    *,
    base_url: str,
    table_path: str,
    query: dict,
    timeout: float | None = None,
    attempts: int | None = None,
    retry_delay: float | None = None,
    max_bytes: int | None = None,
) -> Fetched:
    """POST `query` to the table and return its JSON-stat 2 document."""
    url = table_url(base_url or settings.INDICATORS_PXWEB_BASE_URL, table_path)
    timeout = settings.INDICATORS_PXWEB_TIMEOUT if timeout is None else timeout
    attempts = max(1, settings.INDICATORS_PXWEB_ATTEMPTS if attempts is None else attempts)
    delay = settings.INDICATORS_PXWEB_RETRY_DELAY if retry_delay is None else retry_delay
    max_bytes = settings.INDICATORS_PXWEB_MAX_BYTES if max_bytes is None else max_bytes
    reason = ""
    for attempt in range(1, attempts + 1):
        if attempt > 1 and delay:
            time.sleep(delay * (attempt - 1))
        try:
            with requests.post(
                url,
                json=request_body(query),
                timeout=(timeout, timeout),
                stream=True,
                headers={"Accept": "application/json"},
            ) as response:
                if response.status_code in RETRY_STATUSES:
                    reason = _(
                        "The statistics service answered with an error (HTTP %(status)d)."
                    ) % {"status": response.status_code}
                    continue
                if response.status_code >= 400:
                    raise SourceRefused(
                        _(
                            "The statistics service refused the query (HTTP %(status)d): check "
                            "the table path and the query."
                        )
                        % {"status": response.status_code}
                    )
                body = _read_bounded(response, max_bytes)
        except requests.Timeout:
            reason = _("The statistics service did not answer within %(seconds)s seconds.") % {
                "seconds": f"{timeout:g}"
            }
            continue
        except requests.ConnectionError:
            reason = _("The statistics service could not be reached.")
            continue
        try:
            document = json.loads(body)
        except (ValueError, RecursionError):
            raise SourceRefused(_("The answer is not JSON.")) from None
        if not isinstance(document, dict) or _depth(document, MAX_DEPTH) > MAX_DEPTH:
            raise SourceRefused(_("The answer is not a JSON-stat 2 table."))
        return Fetched(document=document, body=body, attempts=attempt)
    logger.warning("PxWeb table %s unavailable after %d attempts: %s", url, attempts, reason)
    raise SourceUnavailable(
        _("%(reason)s Tried %(attempts)d times; the values were left as they were.")
        % {"reason": reason, "attempts": attempts},
        attempts,
    )
