"""Page furniture: page numbers in any form, running headers and footers, tables of contents.

Furniture keeps its blocks (the ledger lists them) but takes them out of the recogniser's way.
Running headers and footers are found by repetition: the same text (digits ignored) at the top
or bottom of at least half the pages, and of three pages at least.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from balise.imports.document.model import Block, Document, Kind

PAGE_NUMBER = re.compile(
    r"""^\s*(?:
        (?:page|pagina|p\.|blz\.?|seite)\s*\d+(?:\s*(?:sur|/|of|van|de|von)\s*\d+)?
      | .{0,60}\b(?:page|pagina|seite)\s*\d+\s*(?:sur|/|of|van|von)\s*\d+
      | \d+\s*/\s*\d+
      | [-–—]\s*\d+\s*[-–—]
      | \d{1,3}
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
TOC_TITLE = re.compile(
    r"^\s*(?:table\s+des\s+mati[eè]res|sommaire|inhoud(?:stafel|sopgave)?|inhoudstabel|contents)\s*:?\s*$",
    re.IGNORECASE,
)
# "1.2 Objectif ........ 7", "Cambriolage\t12"
TOC_LINE = re.compile(r"(?:\.{3,}|…+|\t)\s*\d{1,3}\s*$")
_DIGITS = re.compile(r"\d+")
# Inside a table of contents, "Cambriolage 4" or "Cambriolage4": a title and its page number.
_ENDS_WITH_PAGE = re.compile(r"[^\d\s.]\s*\.*\s*\d{1,3}$")


def mark_furniture(document: Document) -> None:
    _page_numbers(document)
    _running(document)
    _table_of_contents(document)


def _page_numbers(document: Document) -> None:
    for block in document.blocks:
        if (
            block.kind is not Kind.TABLE
            and block.furniture is None
            and PAGE_NUMBER.match(f"{block.number} {block.text}".strip())
        ):
            block.furniture = "page number"


def _pages(document: Document) -> dict[int, list[Block]]:
    pages: dict[int, list[Block]] = defaultdict(list)
    for block in document.blocks:
        if block.kind is not Kind.TABLE and block.position.page is not None:
            pages[block.position.page].append(block)
    return pages


def _running(document: Document) -> None:
    """Lines repeated at the very top or bottom of pages; twice, for two-line headers."""
    pages = _pages(document)
    if len(pages) < 3:
        return
    for _ in range(2):
        seen: Counter[str] = Counter()
        edges: dict[int, list[Block]] = {}
        for number, blocks in pages.items():
            content = [b for b in blocks if b.furniture is None]
            edges[number] = content[:1] + content[-1:]
            seen.update({_key(b) for b in edges[number] if _key(b)})
        # Half the pages, three at least; a long line (a title, not a label) twice is enough.
        needed = max(3, len(pages) // 2)
        repeated = {
            key for key, count in seen.items() if count >= needed or (count >= 2 and len(key.split()) >= 4)
        }
        if not repeated:
            return
        for blocks in edges.values():
            for block in blocks:
                if block.furniture is None and _key(block) in repeated:
                    block.furniture = "running header or footer"


def _key(block: Block) -> str:
    """Digits ignored; "" for a line ending with a colon, which introduces what follows it (a
    label repeated at the end of pages is still content)."""
    text = f"{block.number} {block.text}".strip()
    return "" if text.endswith(":") else _DIGITS.sub("#", text.lower())


def _table_of_contents(document: Document) -> None:
    inside = False
    for block in document.blocks:
        if block.kind is Kind.TABLE:
            inside = False
            continue
        if TOC_TITLE.match(block.text):
            block.furniture = "table of contents"
            inside = True
            continue
        if block.furniture is not None:
            continue
        in_toc = inside and _ENDS_WITH_PAGE.search(block.text)
        if in_toc or TOC_LINE.search(block.text) or block.style.lower().startswith(("toc", "inhoud", "tdm")):
            block.furniture = "table of contents"
        elif inside:
            inside = False


def repeats_title(line: str, title: str) -> bool:
    """A running header repeats the document's title, often with the municipality's name."""
    words = set(re.findall(r"\w+", line.lower()))
    title_words = set(re.findall(r"\w+", title.lower()))
    return len(title_words) >= 3 and len(words & title_words) >= 0.7 * len(title_words)
