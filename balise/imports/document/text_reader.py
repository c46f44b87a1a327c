"""Text (typed, exported or pasted from a PDF viewer) → document model.

One block per line, except that a line wrapped by the viewer is joined back to the line it
continues (it starts in lower case, or the line before ends with a hyphenated word or a comma).
A line with tabs is a table row (consecutive ones make a table); "# Title" is a heading; a line
that starts with a marker is a list item whose level grows with its indentation. Page numbers
("Page 3 sur 8", "- 3 -") cut the text into pages so that running headers are found as in a PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from balise.imports.document.furniture import PAGE_NUMBER, mark_furniture, repeats_title
from balise.imports.document.model import Block, Builder, Cell, Document, Kind, Position
from balise.imports.document.normalise import MARKER, join_lines, normalise, normalise_line, split_marker

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_CONTINUES = re.compile(r"(?:[^\W\d_][-\u2010]|[,(/])$")
_OPEN_ENDS = ("≥", "≤", ">", "<", "=", ">=", "<=", " à", " de", " des", " du", " et", " van", " de")


def read_text(
    text: str, source: str = "document", starts_block: Callable[[str], bool] | None = None
) -> Document:
    """``starts_block`` tells a line that begins something of its own (a label, say) from the
    wrapped end of the line above; the recogniser passes its vocabulary. Only with it is a line
    that filled the viewer's width joined to the next whatever their case."""
    builder = Builder(source, "text")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    width = _wrap_width(lines)
    page = 1
    table: list[tuple[int, list[str]]] = []
    previous: Block | None = None

    def flush_table() -> None:
        if table:
            rows = [[_cell(cell, number, page) for cell in cells] for number, cells in table]
            builder.table(rows, Position(page=page, line=table[0][0]))
            table.clear()

    last_line = ""
    title = ""  # the first line: running headers repeat it
    after_page_number = False
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
            # The line before may go on after the page break: ``previous`` is kept.
            builder.add(Kind.PARAGRAPH, flat, position=position, furniture="page number")
            page += 1
            after_page_number = True
            continue
        if after_page_number and title and repeats_title(flat, title):
            builder.add(Kind.PARAGRAPH, flat, position=position, furniture="running header or footer")
            continue
        after_page_number = False
        title = title or flat
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
            last_line = raw
            continue
        separate = starts_block is not None and starts_block(flat)
        if (
            previous is not None
            and previous.kind is not Kind.HEADING
            and not separate
            and (_continues(previous, flat) or (starts_block is not None and _full(last_line, flat, width)))
        ):
            previous.text = join_lines(previous.text, flat)
            last_line = raw
            continue
        previous = builder.add(Kind.PARAGRAPH, flat, position=position)
        last_line = raw
    flush_table()
    document = builder.document
    document.pages = page
    mark_furniture(document)
    return document


def _level(raw: str, indent: int) -> int:
    expanded = raw[:indent].replace("\t", "    ")
    return min(len(expanded) // 2, 8)


def _continues(previous: Block, tail: str) -> bool:
    """Whether ``tail`` is the wrapped end of ``previous``: it starts in lower case, or the line
    above ends mid-phrase (a hyphenated word, a comma, a comparator); a list item is also
    continued by a line starting with a figure ("…dans les quinze jours :" + "80 %")."""
    head = previous.text
    if tail[:1].islower() or _CONTINUES.search(head) or head.endswith(_OPEN_ENDS):
        return True
    if previous.kind is Kind.LIST_ITEM:
        return not tail[:1].isupper() or head.endswith(":")
    return False


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


def _wrap_width(lines: list[str]) -> int:
    """The width a viewer wrapped the text at: the longest lines, when many lines come close to
    it (a text typed with one paragraph per line has no such width: 0)."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip() and "\t" not in line)
    if len(lengths) < 10:
        return 0
    width = lengths[int(len(lengths) * 0.95)]
    near = sum(1 for n in lengths if n >= width - 15)
    return width if near >= 0.2 * len(lengths) else 0


def _full(line: str, tail: str, width: int) -> bool:
    """``line`` was broken only because the first word of ``tail`` did not fit in ``width``."""
    if not width or not line:
        return False
    first = tail.split(" ", 1)[0]
    ends_mid_sentence = line.rstrip()[-1:].islower()
    return ends_mid_sentence and len(line.rstrip()) + 1 + len(first) > width
