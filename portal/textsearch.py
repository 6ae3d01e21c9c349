"""Word forms for search: one analysis of Finnish and Swedish text at index and at query time.

A word becomes its lexemes: Finnish words their base forms by Voikko (every analysis of an
ambiguous word) and the parts of a compound (koulukeskuksen → koulukeskus, koulu, keskus);
Swedish words their base forms and compound parts by the Hunspell Swedish dictionary, each
with its Snowball stem, so that a compound's joining form meets its word (skolcentret →
skolcenter, skol, center; skolan → skola, skol). Documents are stored as PostgreSQL tsvectors
built here, with one position per word of the text, and queries as tsqueries built here:
PostgreSQL's own parser and dictionaries never see the words, so both sides always agree.

Without libvoikko's native library or the Swedish dictionary a language falls back to the
lowercase word and its Snowball stem; a system check says how to install them.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

logger = logging.getLogger(__name__)

# Words are runs of letters and digits; everything else (hyphens, slashes, dots) separates them,
# so that a lexeme never needs quoting in a tsvector or tsquery.
WORD = re.compile(r"[^\W_]+")
LANGUAGES = ("fi", "sv")
SWEDISH_DICTIONARY = "/usr/share/hunspell/sv_FI"
INSTALL_HINT = (
    "Install the Debian packages voikko-fi, libvoikko1 and hunspell-sv "
    "(apt-get install voikko-fi libvoikko1 hunspell-sv) and restart."
)
# PostgreSQL keeps positions up to this number and at most 256 positions of one lexeme.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256
MAX_LEXEME_LENGTH = 200
# A compound part shorter than this is a joining letter or a dictionary artefact, not a word.
MIN_PART_LENGTH = 3
# The ways of reading one Swedish word that are kept (a long word can have dozens).
MAX_SWEDISH_FORMS = 6
# Words analysed per process, remembered (the vocabulary of a municipality's texts fits).
CACHE_SIZE = 200_000
# Seconds one document's Swedish text may spend on decompounding words not seen before, when
# it is saved in a request; after that its new words get their base forms only. (The Swedish
# dictionary's compounding takes some 20 ms a word; whole reindexing runs have no limit.)
DOCUMENT_BUDGET = 5.0


# --- Analysers ------------------------------------------------------------------------------


class _Voikko:
    def __init__(self):
        import libvoikko

        self._voikko = libvoikko.Voikko("fi")
        # A Voikko handle must not be used by two threads at once.
        self._lock = threading.Lock()

    def analyze(self, word: str) -> list[dict]:
        with self._lock:
            return self._voikko.analyze(word)


@cache
def _finnish():
    try:
        return _Voikko()
    except Exception as exc:  # noqa: BLE001 - OSError or VoikkoException: both mean "not here"
        logger.warning("Finnish word forms unavailable (%s). %s", exc, INSTALL_HINT)
        return None


@cache
def _swedish():
    try:
        return _read_swedish_dictionary(SWEDISH_DICTIONARY)
    except Exception as exc:  # noqa: BLE001 - a missing file or package: both mean "not here"
        logger.warning("Swedish word forms unavailable (%s). %s", exc, INSTALL_HINT)
        return None


_READING = threading.Lock()


def _read_swedish_dictionary(path: str):
    """The Hunspell dictionary at `path` as spylls reads it, in under a third of the memory.

    spylls keeps each of the Swedish dictionary's 150 000 entries as a dataclass instance with a
    set of flags, a dict of data tags and a list of alternative spellings of its own, although
    the entries have some 2 000 different flag sets and no data tags or spellings at all; it
    indexes them by stem in lists, mostly of one entry; and it files every lowercase entry under
    each of its letters in its case-insensitive index (1.4 million references under 82
    one-letter keys). That is 133 MB of Python objects in every web worker; read here, 39 MB.
    The entries are slotted objects with the same fields and methods, sharing one frozenset per
    distinct flag set and one empty dict and list; a stem's entries are a tuple; and the
    case-insensitive index keeps only the entries that have capitals, as spylls means it to: it
    is consulted for a word in capitals that matched nothing else, and a lowercase entry is
    found without it. spylls only reads these parts, so the forms it finds are the same (tested
    against its own reading).
    """
    from dataclasses import dataclass

    from spylls.hunspell import Dictionary
    from spylls.hunspell.data import dic

    word_class, index_class = dic.Word, dic.Dic

    flag_sets: dict[frozenset, frozenset] = {}
    no_data: dict = {}
    no_spellings: list = []

    @dataclass(slots=True, repr=False)
    class Entry:
        stem: str
        flags: frozenset
        data: dict
        alt_spellings: list
        captype: object
        __repr__ = word_class.__repr__
        __lt__ = word_class.__lt__

        def __post_init__(self):
            flags = frozenset(self.flags)
            self.flags = flag_sets.setdefault(flags, flags)
            self.data = self.data or no_data
            self.alt_spellings = self.alt_spellings or no_spellings

    class Entries(index_class):
        def append(self, word, *, lower):
            self.words.append(word)
            # Most stems have one entry: a tuple holds it in half a list's memory.
            self.index[word.stem] = (*self.index.get(word.stem, ()), word)
            # A lowercase entry comes with the entry itself as `lower`, a string, and would be
            # filed under each of its letters.
            for lowered in () if isinstance(lower, str) else lower:
                self.lowercase_index[lowered].append(word)

    # spylls' reader builds the index with dic.Dic and each entry with dic.Word; both are
    # swapped only while this reads.
    with _READING:
        dic.Word, dic.Dic = Entry, Entries
        try:
            return Dictionary.from_files(path)
        finally:
            dic.Word, dic.Dic = word_class, index_class


def preload() -> None:
    """Load the word-form dictionaries now, in a server's master process before it forks its
    workers (gunicorn.conf.py), so that every worker shares the master's copy."""
    _swedish()


@cache
def _stemmer(language: str):
    import snowballstemmer

    return snowballstemmer.stemmer("finnish" if language == "fi" else "swedish")


def missing_analysers() -> list[str]:
    """The languages whose word forms fall back to plain words, and why (cheap: no loading)."""
    import importlib.util
    import os

    missing = []
    if _finnish() is None:
        missing.append("Finnish: libvoikko or its Finnish dictionary (voikko-fi) is missing")
    if importlib.util.find_spec("spylls") is None or not os.path.exists(
        f"{SWEDISH_DICTIONARY}.dic"
    ):
        missing.append(f"Swedish: the Hunspell dictionary {SWEDISH_DICTIONARY}.dic is missing")
    return missing


def check_analysers(app_configs=None, **kwargs):
    """System check: search finds every word form only with Voikko and the Swedish dictionary."""
    from django.core.checks import Warning

    return [
        Warning(
            f"Search matches only the words as written. {reason}.",
            hint=INSTALL_HINT,
            id="portal.W010",
        )
        for reason in missing_analysers()
    ]


def _stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def _clean(words: Iterable[str]) -> list[str]:
    """Lowercase lexemes split like the text, in first-seen order, without duplicates."""
    out: dict[str, None] = {}
    for word in words:
        for piece in WORD.findall(word.lower()):
            if len(piece) <= MAX_LEXEME_LENGTH:
                out[piece] = None
    return list(out)


_FINNISH_PART = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")


def _finnish_analyses(word: str) -> list[tuple[str, list[str]]]:
    """(base form, compound parts) of every reading Voikko has of a word."""
    analyser = _finnish()
    if analyser is None:
        return []
    readings: dict[str, list[str]] = {}
    for analysis in analyser.analyze(word):
        base = (analysis.get("BASEFORM") or "").lower()
        if not base:
            continue
        parts = _finnish_parts(analysis.get("WORDBASES") or "")
        # Of several readings with one base form, the one with fewest parts is the compound's
        # natural split (asema+kaava rather than ase+makaa+va).
        if base not in readings or 0 < len(parts) < len(readings[base]):
            readings[base] = parts
    return [
        (base, [part for part in parts if len(part) >= MIN_PART_LENGTH] if len(parts) > 1 else [])
        for base, parts in readings.items()
    ]


def _finnish_parts(wordbases: str) -> list[str]:
    """The base forms of a Finnish compound's parts from Voikko's WORDBASES.

    "+päivä(päivä)+koti(koti)" → päivä, koti; a derivational ending "(+us)" joins the part
    before it ("+kaavoit(kaavoittaa)+us(+us)" → kaavoitus).
    """
    parts: list[tuple[str, str]] = []  # (surface, base)
    for surface, base in _FINNISH_PART.findall(wordbases):
        if base.startswith("+"):
            if parts:
                # A derivational ending: the derived word is the surface of both together.
                previous_surface = parts[-1][0] + surface
                parts[-1] = (previous_surface, previous_surface)
            continue
        parts.append((surface, base or surface))
    return [base.lower() for _surface, base in parts]


def _swedish_analyses(word: str, *, compounds: bool = True) -> list[tuple[str, list[str]]]:
    """(base form, compound parts) of the readings the Swedish dictionary has of a word."""
    dictionary = _swedish()
    if dictionary is None:
        return []
    from spylls.hunspell.algo.lookup import CompoundForm

    readings: dict[str, list[str]] = {}
    forms = dictionary.lookuper.good_forms(word, compound_forms=compounds)
    for number, form in enumerate(forms):
        if number >= MAX_SWEDISH_FORMS:
            break
        if isinstance(form, CompoundForm):
            bases = [_swedish_base(part) for part in form.parts]
            whole = "".join(part.text for part in form.parts[:-1]) + bases[-1]
            parts = [base for base in bases if len(base) >= MIN_PART_LENGTH]
            readings.setdefault(whole.lower(), []).extend(parts)
        else:
            readings.setdefault(_swedish_base(form).lower(), [])
    return list(readings.items())


def _swedish_base(form) -> str:
    word = form.in_dictionary.stem if form.in_dictionary is not None else form.stem
    return word.lower()


_CACHE: dict[tuple[str, str], tuple[str, ...]] = {}


def forget() -> None:
    """Drop the remembered analyses (after the analysers change)."""
    _CACHE.clear()


def _analyse(word: str, language: str, *, compounds: bool = True) -> tuple[str, ...]:
    if language == "fi":
        analyses = _finnish_analyses(word)
    else:
        analyses = _swedish_analyses(word, compounds=compounds)
    if not analyses:
        return tuple(_clean([word, _stem(word, language)]))
    lexemes = []
    for base, parts in analyses:
        lexemes.append(base)
        lexemes += parts
    if language == "sv":
        lexemes += [_stem(lexeme, language) for lexeme in list(lexemes)]
    return tuple(_clean(lexemes))


def word_lexemes(word: str, language: str) -> tuple[str, ...]:
    """The lexemes of one lowercase word: base forms, compound parts and (Swedish) stems."""
    key = (language, word)
    found = _CACHE.get(key)
    if found is None:
        found = _analyse(word, language)
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = found
    return found


class _Budget:
    """Full analysis of new words until a deadline, then base forms only (not remembered)."""

    def __init__(self, seconds: float | None):
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def lexemes(self, word: str, language: str) -> tuple[str, ...]:
        if (
            self.deadline is None
            or language != "sv"
            or (language, word) in _CACHE
            or time.monotonic() < self.deadline
        ):
            return word_lexemes(word, language)
        return _analyse(word, language, compounds=False)


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def lexemes(text: str, language: str) -> list[str]:
    """Every lexeme of a text in first-seen order (the same analysis as queries get)."""
    out: dict[str, None] = {}
    for word in words(text):
        out.update(dict.fromkeys(word_lexemes(word, language)))
    return list(out)


def lexeme_text(text: str, language: str) -> str:
    """A text's lexemes separated and surrounded by spaces, for matching whole lexemes."""
    return index_document(text, language)[0]


def tsvector(text: str, language: str, *, title: str = "") -> str:
    """A PostgreSQL tsvector literal of `text` (see index_document)."""
    return index_document(text, language, title=title)[1]


def index_document(
    text: str, language: str, *, title: str = "", budget: float | None = None
) -> tuple[str, str]:
    """A text's lexemes as space-separated text and as a PostgreSQL tsvector literal.

    In the vector each word's lexemes stand at the word's position; words of the text's first
    `title` characters weigh A (the title), the rest D. `budget` limits the seconds spent on
    decompounding new Swedish words (DOCUMENT_BUDGET).
    """
    if language == "sv" and budget is not None:
        _swedish()  # loading the dictionary is not decompounding: start the clock after it
    analyser = _Budget(budget)
    positions: dict[str, list[str]] = {}
    title_end = len(title) if title and text.startswith(title) else 0
    for number, match in enumerate(WORD.finditer(text.lower()), start=1):
        position = min(number, MAX_POSITION)
        mark = f"{position}A" if match.start() < title_end else str(position)
        for lexeme in analyser.lexemes(match.group(), language):
            found = positions.setdefault(lexeme, [])
            if len(found) < MAX_POSITIONS_PER_LEXEME:
                found.append(mark)
    words_text = f" {' '.join(positions)} " if positions else ""
    vector = " ".join(f"'{lexeme}':{','.join(marks)}" for lexeme, marks in positions.items())
    return words_text, vector


_TSVECTOR_ENTRY = re.compile(r"'((?:[^']|'')*)'(?::([0-9A-D,]+))?")


def tsvector_positions(vector: str, wanted: set[str]) -> set[int]:
    """Word positions of the `wanted` lexemes in a tsvector as PostgreSQL prints it."""
    found: set[int] = set()
    for lexeme, marks in _TSVECTOR_ENTRY.findall(vector or ""):
        if lexeme in wanted and marks:
            found.update(int(mark.rstrip("ABCD")) for mark in marks.split(","))
    return found


# --- Queries --------------------------------------------------------------------------------


@dataclass
class Query:
    """A parsed search: clauses that must all match, each one of its alternatives; exclusions.

    A term is the lexemes of one word (any of them matches); a phrase is terms in a row.
    """

    clauses: list[list[list[tuple[str, ...]]]] = field(default_factory=list)
    excluded: list[list[tuple[str, ...]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.clauses)

    def lexemes(self) -> set[str]:
        """Every lexeme that a match may contain (for highlighting)."""
        return {
            lexeme
            for clause in self.clauses
            for phrase in clause
            for term in phrase
            for lexeme in term
        }

    def tsquery(self) -> str:
        """The query as a PostgreSQL tsquery literal."""

        def term(lexemes: tuple[str, ...]) -> str:
            return "(" + " | ".join(f"'{lexeme}'" for lexeme in lexemes) + ")"

        def phrase(terms: list[tuple[str, ...]]) -> str:
            return "(" + " <-> ".join(term(t) for t in terms) + ")"

        parts = ["(" + " | ".join(phrase(p) for p in clause) + ")" for clause in self.clauses]
        parts += [f"!{phrase(p)}" for p in self.excluded]
        return " & ".join(parts)


_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


def parse_query(q: str, language: str) -> Query:
    """A web-search-like query: words all match, "quoted phrases", -excluded, `or` between."""
    query = Query()
    join_next = False
    for minus_quoted, quoted, minus, word in _QUERY_PART.findall(q):
        text = quoted if (minus_quoted or quoted) else word
        excluded = bool(minus_quoted or minus) if (quoted or word) else False
        if not quoted and word.lower() == "or" and query.clauses:
            join_next = True
            continue
        terms = [word_lexemes(w, language) for w in words(text)]
        terms = [t for t in terms if t]
        if not terms:
            continue
        if excluded:
            query.excluded.append(terms)
        elif join_next:
            query.clauses[-1].append(terms)
        else:
            query.clauses.append([terms])
        join_next = False
    return query


# --- Highlighting ---------------------------------------------------------------------------


def headline(
    text: str,
    marked: set[int],
    *,
    start: str,
    stop: str,
    max_words: int = 35,
    fragments: int = 2,
) -> str:
    """Up to `fragments` passages of `text` around the words at the `marked` positions.

    Positions count words from 1 as tsvector() does; marked words are wrapped in start/stop.
    Without marked words, the beginning of the text.
    """
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    if not spans:
        return text[:600]
    hits = sorted(p - 1 for p in marked if 0 < p <= len(spans))
    if not hits:
        end = spans[min(len(spans), max_words) - 1][1]
        return text[:end] + ("…" if end < len(text) else "")
    windows: list[tuple[int, int]] = []
    for hit in hits:
        if windows and hit < windows[-1][1]:
            continue
        first = max(0, hit - max_words // 3)
        windows.append((first, min(len(spans), first + max_words)))
        if len(windows) == fragments:
            break
    wanted = {p - 1 for p in marked}
    pieces = []
    for first, last in windows:
        out, cursor = [], spans[first][0]
        for index in range(first, last):
            begin, end = spans[index]
            out.append(text[cursor:begin])
            word = text[begin:end]
            out.append(f"{start}{word}{stop}" if index in wanted else word)
            cursor = end
        piece = "".join(out)
        if first > 0:
            piece = "…" + piece
        if last < len(spans):
            piece += "…"
        pieces.append(piece)
    return " ".join(pieces)


def positions_in(text: str, wanted: set[str], language: str) -> set[int]:
    """Word positions in `text` that have one of the `wanted` lexemes (as tsvector() counts)."""
    return {
        number
        for number, word in enumerate(words(text), start=1)
        if wanted.intersection(word_lexemes(word, language))
    }
