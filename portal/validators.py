"""Checks of text from outside: personal identity codes, and characters that disguise text."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# --- Finnish personal identity codes (henkilötunnus) -------------------------------------------

# DDMMYY, the century sign, the individual number, the check character. Since 2023 the 1900s
# are also marked with Y, X, W, V or U and the 2000s with B, C, D, E or F (besides - and A).
PERSONAL_IDENTITY_CODE = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$")
CENTURIES = {"+": 1800, **dict.fromkeys("-YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}
CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def personal_identity_code_is_valid(code: str) -> bool:
    """A real date, an individual number from 002 up, and the right check character."""
    match = PERSONAL_IDENTITY_CODE.match(code or "")
    if match is None:
        return False
    day, month, year, sign, individual, check = match.groups()
    try:
        date(CENTURIES[sign] + int(year), int(month), int(day))
    except ValueError:
        return False
    if int(individual) < 2:
        return False
    return CHECK_CHARACTERS[int(day + month + year + individual) % 31] == check


def validate_personal_identity_code(code: str) -> None:
    if not personal_identity_code_is_valid((code or "").strip().upper()):
        raise ValidationError(
            _("Enter a valid personal identity code, such as 131052-308T."),
            code="invalid_personal_identity_code",
        )


# --- Characters that change how text reads -----------------------------------------------------

# Control characters other than tab and line breaks, and the bidirectional embeddings, overrides
# and isolates that can make a text display differently from what it says ("Trojan source").
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ALLOWED_CONTROLS = "\t\n\r"


def disguising_characters(text: str) -> list[str]:
    """The refused characters in `text`, as U+XXXX, in order of first appearance."""
    found: dict[str, None] = {}
    for char in text:
        if char in _ALLOWED_CONTROLS:
            continue
        if char in _BIDI_CONTROLS or unicodedata.category(char) == "Cc":
            found.setdefault(f"U+{ord(char):04X}")
    return list(found)


def validate_plain_text(text) -> None:
    """Refuse control characters and bidirectional overrides in text from outside."""
    if not isinstance(text, str):
        return
    found = disguising_characters(text)
    if found:
        raise ValidationError(
            _("The text contains characters that are not allowed."), code="disallowed_characters"
        )
