"""Keyed hashes of respondents and access codes: stored instead of the account or the code.

The key is derived from SECRET_KEY (Django's salted_hmac), so the hashes cannot be recomputed
from a copy of the database alone.
"""

import secrets
from dataclasses import dataclass

from django.utils.crypto import salted_hmac

# Without 0/O, 1/I/L: codes are typed from paper slips.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
# Anything longer than a code with separators is not a code.
CODE_INPUT_MAX = 40


class RespondentKind:
    ACCOUNT = "account"
    CODE = "code"
    BROWSER = "browser"


@dataclass(frozen=True)
class Respondent:
    """Who answers, as far as the one-answer rule needs to know: never stored as such."""

    kind: str
    value: str


def respondent_digest(*, survey_id: int, respondent: Respondent) -> str:
    """The keyed hash of (survey, respondent) that RespondentToken stores."""
    message = f"{survey_id}:{respondent.kind}:{respondent.value}"
    return salted_hmac("participation.respondent", message, algorithm="sha256").hexdigest()


def normalise_code(code: str) -> str:
    """The code as printed, whatever the case, spaces or dashes the respondent typed."""
    return "".join(ch for ch in (code or "")[:CODE_INPUT_MAX].upper() if ch.isalnum())


def access_code_hash(*, survey_id: int, code: str) -> str:
    """The keyed hash of an access code; the code itself is never stored."""
    message = f"{survey_id}:{normalise_code(code)}"
    return salted_hmac("participation.access_code", message, algorithm="sha256").hexdigest()


def new_code() -> str:
    """A random code, printed as two groups of five characters (about 49 bits)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def is_plausible_code(code: str) -> bool:
    normalised = normalise_code(code)
    return len(normalised) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in normalised)
