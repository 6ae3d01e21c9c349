"""How a route of the access matrix reads parameters and refuses bad values (the bad-input gate).

The gate itself is tests/quality/test_bad_input.py; the apps declare their routes' entries with
these types in tests/security/routes/<app>.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from tests.fixtures.roles import PASSWORD


class Answer(Enum):
    # A client error (4xx); under /api/ a JSON body with a machine-readable `code`.
    REJECT = "4xx"
    # 200 with the form and its validation message, or a 4xx.
    SHOW_ERROR = "200 with a validation message, or 4xx"
    # Anything but a server error: the Wagtail admin sends anonymous clients to sign in first.
    NO_SERVER_ERROR = "not 5xx"


@dataclass(frozen=True)
class Form:
    """A form at the route's first URL: valid values, and which of them are required."""

    fields: Mapping[str, str]
    required: tuple[str, ...]
    answer: Answer = Answer.SHOW_ERROR


@dataclass(frozen=True)
class Takes:
    """The parameters one route of the access matrix reads, and how it refuses bad values."""

    # Query parameter → a value of the wrong type (None: the parameter takes any text, so only
    # NUL and length can be wrong).
    query: Mapping[str, str | None] = field(default_factory=dict)
    # The URL's path segments are parameters (a path converter, a page path, an id).
    path: bool = False
    form: Form | None = None
    answer: Answer = Answer.REJECT
    # Parameters the route accepts leniently today, with the reason: expected to fail (strict,
    # so the entry must go once the route refuses them).
    lenient: Mapping[str, str] = field(default_factory=dict)
    # The role of the access matrix that sends the bad values (a signed-in owner reaches the
    # code that reads them; anonymous visitors may be sent to sign in first).
    role: str = "anonymous"


# Every API view reads `lang` (the locale middleware) and `format` (DRF's format override).
API_QUERY = {"lang": "xx", "format": "abc"}
API_DETAIL = Takes(path=True, query=API_QUERY)
WAGTAIL_PAGE = Takes(path=True)
SIGNED_IN_ACCOUNT_PAGE = Takes(path=True)
LOGIN_FIELDS = {"login": "resident.a@example.fi", "password": PASSWORD}
SIGNUP_FIELDS = {
    "email": "new.resident@example.fi",
    "password1": PASSWORD,
    "password2": PASSWORD,
}
