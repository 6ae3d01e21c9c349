"""The message catalogues: complete in fi, sv and en, and compiled from their current sources."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["fi", "sv", "en"]
DOMAINS = ["django"]
CATALOGUES = [
    pytest.param(LOCALE / language / "LC_MESSAGES" / f"{domain}.po", id=f"{language}-{domain}")
    for language in LANGUAGES
    for domain in DOMAINS
]


def _load(po_path: Path) -> polib.POFile:
    assert po_path.is_file(), f"{po_path.relative_to(LOCALE.parent)} is missing"
    return polib.pofile(str(po_path))


@pytest.mark.parametrize("po_path", CATALOGUES)
def test_catalogue__has_no_untranslated_or_fuzzy_messages(po_path):
    catalogue = _load(po_path)

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    # Obsolete entries (#~) are strings no code uses any more; `make catalogues` drops them, and
    # any left behind count as untranslated for gettext's own tools.
    untranslated += [f"obsolete: {entry.msgid}" for entry in catalogue.obsolete_entries()]

    assert not untranslated and not fuzzy, (
        f"{po_path.relative_to(LOCALE.parent)}: {len(untranslated)} untranslated, "
        f"{len(fuzzy)} fuzzy; first untranslated: {untranslated[:10]}, first fuzzy: {fuzzy[:10]}"
    )


@pytest.mark.parametrize("po_path", CATALOGUES)
def test_catalogue__is_compiled_from_its_current_source(po_path):
    catalogue = _load(po_path)
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.is_file(), f"{mo_path.name} of {po_path.parent} is missing: run `make messages`"
    assert mo_path.stat().st_mtime >= po_path.stat().st_mtime, (
        f"{mo_path.name} is older than {po_path.name}: run `make messages`"
    )

    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(mo_path))}
    stale = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if (entry.msgctxt, entry.msgid) not in compiled
        or compiled[(entry.msgctxt, entry.msgid)].msgstr != entry.msgstr
        or compiled[(entry.msgctxt, entry.msgid)].msgstr_plural != entry.msgstr_plural
    ]
    assert not stale, f"{mo_path.name} differs from {po_path.name} for: {stale[:10]}"
