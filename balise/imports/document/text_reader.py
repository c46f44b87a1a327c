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
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    reading = _Reading(Builder(source, "text"), _wrap_width(lines), starts_block)
    for number, raw in enumerate(lines, start=1):
        reading.line(number, raw)
    reading.flush_table()
    document = reading.builder.document
    document.pages = reading.page
    mark_furniture(document)
    return document


class _Reading:
    """The text read so far: the page, the table rows waiting, the block a wrapped line would
    continue and the line it ended on, the title running headers repeat."""

    def __init__(self, builder: Builder, width: int, starts_block: Callable[[str], bool] | None) -> None:
        self.builder = builder
        self.width = width
        self.starts_block = starts_block
        self.page = 1
        self.table: list[tuple[int, list[str]]] = []
        self.previous: Block | None = None
        self.last_line = ""
        self.title = ""  # the first line: running headers repeat it
        self.after_page_number = False

    def line(self, number: int, raw: str) -> None:
        """A line is a table row, page furniture, a heading, a list item or a paragraph's line;
        a blank line ends a paragraph."""
        if "\f" in raw:
            self.page += 1
        line = normalise_line(raw.replace("\f", ""))
        if not line:
            self.previous = None
            return
        if self.table_row(number, line):
            return
        self.flush_table()
        flat = normalise(line)
        position = Position(page=self.page, line=number)
        if self.furniture(flat, position):
            return
        self.after_page_number = False
        self.title = self.title or flat
        if not self.heading(flat, position):
            self.text_line(raw, flat, position)

    def table_row(self, number: int, line: str) -> bool:
        """Two cells or more between tabs make a row (not a lone marker before a tab)."""
        cells = line.split("\t")
        lone = MARKER.match(cells[0])
        if len([c for c in cells if c.strip()]) < 2 or (lone and lone.end() == len(cells[0])):
            return False
        self.table.append((number, cells))
        self.previous = None
        return True

    def flush_table(self) -> None:
        if self.table:
            rows = [[_cell(cell, number, self.page) for cell in cells] for number, cells in self.table]
            self.builder.table(rows, Position(page=self.page, line=self.table[0][0]))
            self.table.clear()

    def furniture(self, flat: str, position: Position) -> bool:
        """A page number ends the page; the line right after it that repeats the title is a
        running header or footer."""
        if PAGE_NUMBER.match(flat):
            # The line before may go on after the page break: ``previous`` is kept.
            self.builder.add(Kind.PARAGRAPH, flat, position=position, furniture="page number")
            self.page += 1
            self.after_page_number = True
            return True
        if self.after_page_number and self.title and repeats_title(flat, self.title):
            self.builder.add(Kind.PARAGRAPH, flat, position=position, furniture="running header or footer")
            return True
        return False

    def heading(self, flat: str, position: Position) -> bool:
        """ "# Title": a heading of the level its hashes say."""
        heading = _MARKDOWN_HEADING.match(flat)
        if heading:
            self.previous = self.builder.add(
                Kind.HEADING, heading.group(2).strip(" #"), level=len(heading.group(1)), position=position
            )
        return heading is not None

    def text_line(self, raw: str, flat: str, position: Position) -> None:
        """A marker starts a list item, nested by its indentation; a line wrapped by the viewer
        goes on the block above; any other line starts a paragraph."""
        marker, rest = split_marker(flat)
        if marker:
            level = _level(raw, len(raw) - len(raw.lstrip(" \t")))
            self.previous = self.builder.add(
                Kind.LIST_ITEM, rest, level=level, number=marker, position=position
            )
        elif self.previous is not None and self.wraps(self.previous, flat):
            self.previous.text = join_lines(self.previous.text, flat)
        else:
            self.previous = self.builder.add(Kind.PARAGRAPH, flat, position=position)
        self.last_line = raw

    def wraps(self, previous: Block, flat: str) -> bool:
        """``flat`` is the wrapped end of ``previous`` (never of a heading, nor a line that
        starts something of its own): by its look, or because the line above filled the width."""
        starts_block = self.starts_block
        if previous.kind is Kind.HEADING or (starts_block is not None and starts_block(flat)):
            return False
        return _continues(previous, flat) or (
            starts_block is not None and _full(self.last_line, flat, self.width)
        )


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
