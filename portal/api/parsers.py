"""The API's JSON parser: bounded in bytes and nesting depth, finite numbers only."""

from __future__ import annotations

import json
import math
import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser, get_encoding

# No request of the API nests deeper than a few levels; this leaves room and stops a body of
# thousands of brackets before Python's recursive decoder overflows its stack.
MAX_DEPTH = 32

# Strings (skipped whole, escapes included) and the brackets outside them.
_TOKENS = re.compile(rb'"(?:[^"\\]++|\\.)*+"|[\[\]{}]')


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "too_large"


def nesting_depth(raw: bytes, limit: int) -> int:
    """The deepest nesting of arrays and objects in `raw`, counted up to `limit` + 1."""
    depth = deepest = 0
    for match in _TOKENS.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        # 1e999 would become infinity, and "inf" in a text field.
        raise ValueError(f"number out of range: {text[:20]}")
    return value


def _constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


class BoundedJSONParser(JSONParser):
    """JSON with the body's size checked before reading it whole, its depth before decoding it,
    and NaN, Infinity and numbers beyond a double's range refused: all 4xx, never 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge()
        if nesting_depth(raw, MAX_DEPTH) > MAX_DEPTH:
            raise exceptions.ParseError(
                _("The JSON is nested deeper than %(depth)d levels.") % {"depth": MAX_DEPTH}
            )
        try:
            text = raw.decode(get_encoding(parser_context))
            return json.loads(text, parse_float=_finite, parse_constant=_constant)
        except (ValueError, RecursionError) as exc:
            raise exceptions.ParseError(_("The body is not valid JSON.")) from exc
