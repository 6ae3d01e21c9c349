"""The Swedish dictionary that search reads word forms from, as each web worker holds it."""

import pytest

from portal import textsearch

pytestmark = pytest.mark.skipif(
    bool(textsearch.missing_analysers()),
    reason="word forms unavailable: install voikko-fi, libvoikko1 and hunspell-sv",
)

WORDS = [
    "skolcentret",
    "kommunens",
    "ansökningarna",
    "skolornas",
    "kommunstyrelsens",
    "budgetförslaget",
    "gatubelysning",
    "detaljplaneändringen",
    "verkställighet",
    "barnomsorgsavgifterna",
    "föreslås",
    "byggnadsnämnden",
    "simhallen",
    "ungdomsfullmäktige",
]


def test_swedish_dictionary__entries_share_their_parts_and_lowercase_ones_are_filed_once():
    dictionary = textsearch._swedish()
    entries = dictionary.dic.words

    flag_sets = {id(entry.flags) for entry in entries}
    distinct = {frozenset(entry.flags) for entry in entries}
    assert len(entries) > 100_000
    # One object per distinct flag set, not one per entry.
    assert len(flag_sets) == len(distinct) < len(entries) / 20
    assert len({id(entry.data) for entry in entries if not entry.data}) == 1
    assert len({id(entry.alt_spellings) for entry in entries if not entry.alt_spellings}) == 1
    assert all(type(found) is tuple for found in dictionary.dic.index.values())
    # The case-insensitive index holds the entries with capitals only, not every lowercase entry
    # under each of its letters.
    filed = dictionary.dic.lowercase_index
    assert sum(len(found) for found in filed.values()) < len(entries) / 5
    assert all(entry.captype.name != "NO" for found in filed.values() for entry in found)


def test_swedish_dictionary__reads_every_word_as_spylls_own_reading_does(monkeypatch):
    from spylls.hunspell import Dictionary

    shared = [textsearch._swedish_analyses(word) for word in WORDS]
    plain = Dictionary.from_files(textsearch.SWEDISH_DICTIONARY)
    monkeypatch.setattr(textsearch, "_swedish", lambda: plain)
    own = [textsearch._swedish_analyses(word) for word in WORDS]

    assert shared == own
    assert all(shared), "every word is in the dictionary"
