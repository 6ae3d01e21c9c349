"""Every block of visible text on a Finnish or Swedish page is written in that page's language.

The test requests the accessibility crawl's targets (tests/e2e/crawl.py) with the test client on
the demo municipality, as the crawl completeness test does, and runs a language identifier
(lingua, offline, restricted to Finnish, Swedish and English) over each block of visible text:
paragraphs, headings, list items, table cells, labels, buttons and the like. A block written in
the other official language fails, unless it or an ancestor carries that language in its `lang`
attribute, which is how the portal marks a deliberate fallback (PRODUCT.md §2, WCAG 3.1.2).
English blocks are not judged: English is a service language, and names, codes and references
are often read as English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.test import Client
from lingua import Language, LanguageDetectorBuilder

from tests.e2e.conftest import DEMO_PASSWORD, _parse_accounts
from tests.e2e.crawl import (
    ANONYMOUS,
    LOGIN_FIELD,
    PASSWORD_FIELD,
    RESIDENT,
    Inventory,
    crawl_targets,
    site_inventory,
)
from tests.e2e.test_crawl_completeness import _visit
from tests.fixtures.demo import loaded_demo

CLIENT_ADDRESS = "192.0.2.45"
CHECKED_LANGUAGES = ("fi", "sv")
# Shorter runs of words are names, references and labels that no identifier can place reliably.
MIN_WORDS = 4
LANGUAGE_CODES = {Language.FINNISH: "fi", Language.SWEDISH: "sv", Language.ENGLISH: "en"}

# Elements whose text is one block; text of nested blocks belongs to the nested block.
BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "label", "legend",
    "caption", "figcaption", "blockquote", "button", "option", "summary", "title", "div",
    "section", "article", "aside", "header", "footer", "main", "nav", "form", "fieldset",
    "table", "tr", "ul", "ol", "dl", "details", "figure", "address", "pre", "body", "html",
}  # fmt: skip
INVISIBLE = {"script", "style", "template", "head", "svg", "noscript", "textarea"}
WORD = re.compile(r"\b[^\W\d_]{2,}\b")
# E-mail addresses and web addresses are in no language.
ADDRESS = re.compile(r"\S+@\S+|\bhttps?://\S+|\b[\w.-]+\.(?:fi|com|org|net|invalid)\b/?\S*")


@dataclass(frozen=True)
class Finding:
    page: str
    text: str
    expected: str
    detected: str

    def __str__(self) -> str:
        return f"{self.page}: [{self.detected} in a {self.expected} page] {self.text[:200]!r}"


def _blocks(html: str, page_language: str) -> list[tuple[str, str]]:
    """(block text, the language the block is marked with) for every visible block of text.

    Text inside a descendant marked with another language than its block is left out of the
    block: it is a deliberately marked fragment (such as a name in a fallback language).
    """
    soup = BeautifulSoup(html, "html.parser")
    title = soup.find("title")
    out: list[tuple[str, str]] = []
    if title and title.string:
        out.append((title.string.strip(), page_language))

    def walk(node: Tag, language: str, parts: list[str], block_language: str) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if language == block_language:
                    parts.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in INVISIBLE:
                continue
            if child.has_attr("hidden"):
                continue
            child_language = (child.get("lang") or language).split("-")[0].lower()
            if child.name in BLOCKS:
                inner: list[str] = []
                walk(child, child_language, inner, child_language)
                text = " ".join("".join(inner).split())
                if text:
                    out.append((text, child_language))
                parts.append(" ")
            else:
                walk(child, child_language, parts, block_language)
            if child.name in {"input", "img"}:
                for attribute in ("placeholder", "alt", "value"):
                    value = child.get(attribute)
                    if value and child.get("type") not in {"hidden", "password", "email"}:
                        out.append((value, child_language))

    body = soup.find("body") or soup
    walk(body, page_language, [], page_language)
    return out


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with loaded_demo(django_db_blocker, password=DEMO_PASSWORD) as output:
        yield output


@pytest.mark.django_db
def test_content_language__every_block_is_in_the_pages_language(demo_output):
    detector = (
        LanguageDetectorBuilder.from_languages(*LANGUAGE_CODES)
        .with_minimum_relative_distance(0.1)
        .build()
    )
    resident = next(a for a in _parse_accounts(demo_output) if a.role == "resident")
    clients = {role: Client(REMOTE_ADDR=CLIENT_ADDRESS) for role in (ANONYMOUS, RESIDENT)}
    signed_in = clients[RESIDENT].post(
        "/fi/accounts/login/", {LOGIN_FIELD: resident.email, PASSWORD_FIELD: resident.password}
    )
    assert signed_in.status_code == 302, "the demo resident could not sign in"

    targets = crawl_targets(Inventory(**site_inventory()), resident_password=resident.password)
    findings: list[Finding] = []
    pages = blocks_checked = 0
    for target in targets:
        response = _visit(clients[target.role], target)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        match = re.search(r"<html[^>]*\blang=\"([a-z]{2})", html)
        if not match or match.group(1) not in CHECKED_LANGUAGES:
            continue
        page_language = match.group(1)
        pages += 1
        for block, marked in _blocks(html, page_language):
            text = " ".join(ADDRESS.sub(" ", block).split())
            if len(WORD.findall(text)) < MIN_WORDS:
                continue
            blocks_checked += 1
            detected = LANGUAGE_CODES.get(detector.detect_language_of(text))
            if detected in CHECKED_LANGUAGES and detected != marked:
                findings.append(Finding(f"{target.label} {target.path}", text, marked, detected))

    # The figures, for the record (pytest -s shows them).
    print(f"language test: {pages} pages in fi and sv, {blocks_checked} blocks checked")  # noqa: T201
    assert pages > 100, f"the crawl reached only {pages} Finnish and Swedish pages"
    unique = sorted({(f.page.split(" ")[-1], f.text): f for f in findings}.values(), key=str)
    assert not unique, (
        f"{len(unique)} block(s) are not in their page's language and carry no lang attribute "
        f"saying so:\n" + "\n".join(map(str, unique))
    )
