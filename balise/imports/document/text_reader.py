"""Text (typed, exported or pasted from a PDF viewer) → document model.

One block per line, except that a line wrapped by the viewer is joined back to the line it
continues (it starts in lower case, or the line before ends with a hyphenated word or a comma).
A line with tabs is a table row (consecutive ones make a table); "# Title" is a heading; a line
that starts with a marker is a list item whose level grows with its indentation. Page numbers
("Page 3 sur 8", "- 3 -") cut the text into pages so that running headers are found as in a PDF.
"""

from __future__ import annotations

import re

from balise.imports.document.furniture import PAGE_NUMBER, mark_furniture
from balise.imports.document.model import Block, Builder, Cell, Document, Kind, Position
from balise.imports.document.normalise import MARKER, join_lines, normalise, normalise_line, split_marker

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_CONTINUES = re.compile(r"(?:[^\W\d_][-\u2010]|[,(/])$")


def read_text(text: str, source: str = "document") -> Document:
    builder = Builder(source, "text")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    page = 1
    table: list[tuple[int, list[str]]] = []
    previous: Block | None = None

    def flush_table() -> None:
        if table:
            rows = [[_cell(cell, number, page) for cell in cells] for number, cells in table]
            builder.table(rows, Position(page=page, line=table[0][0]))
            table.clear()

    for number, raw in enumerate(lines, start=1):
        if "\f" in raw:
            page += 1
        line = normalise_line(raw.replace("\f", ""))
        if not line:
            previous = None  # a blank line ends a paragraph
            continue
        position = Position(page=page, line=number)
        cells = line.split("\t")
        lone = MARKER.match(cells[0])
        if len([c for c in cells if c.strip()]) >= 2 and not (lone and lone.end() == len(cells[0])):
            table.append((number, cells))
            previous = None
            continue
        flush_table()
        flat = normalise(line)
        if PAGE_NUMBER.match(flat):
            builder.add(Kind.PARAGRAPH, flat, position=position, furniture="page number")
            page += 1
            previous = None
            continue
        heading = _MARKDOWN_HEADING.match(flat)
        if heading:
            previous = builder.add(
                Kind.HEADING, heading.group(2).strip(" #"), level=len(heading.group(1)), position=position
            )
            continue
        marker, rest = split_marker(flat)
        if marker:
            indent = len(raw) - len(raw.lstrip(" \t"))
            previous = builder.add(
                Kind.LIST_ITEM, rest, level=_level(raw, indent), number=marker, position=position
            )
            continue
        if previous is not None and previous.kind is not Kind.HEADING and _continues(previous.text, flat):
            previous.text = join_lines(previous.text, flat)
            continue
        previous = builder.add(Kind.PARAGRAPH, flat, position=position)
    flush_table()
    document = builder.document
    document.pages = page
    mark_furniture(document)
    return document


def _level(raw: str, indent: int) -> int:
    expanded = raw[:indent].replace("\t", "    ")
    return min(len(expanded) // 2, 8)


def _continues(head: str, tail: str) -> bool:
    if head.endswith(":"):
        return False
    return tail[:1].islower() or bool(_CONTINUES.search(head))


def _cell(text: str, line: int, page: int) -> Cell:
    """A pasted cell may hold "• a • b": each marker starts a list item."""
    text = normalise(text)
    parts = [p for p in re.split(r"\s(?=[•\uf0b7▪●]\s)", text) if p.strip()] if text else []
    blocks = []
    for part in parts:
        marker, rest = split_marker(part)
        kind = Kind.LIST_ITEM if marker else Kind.PARAGRAPH
        blocks.append(Block("", kind, rest, number=marker, position=Position(page=page, line=line)))
    return Cell(blocks)
