"""PDF → document model with pypdfium2 alone: pdfminer-based reading (pdfplumber) costs about a
second per dense page, pdfium a few milliseconds (measured by benchmarks/import_pages.py).

pdfium gives the text as segments, one per run on a printed line, with its box and font size,
and the drawing's paths, from which ``pdf_tables`` builds the ruled tables. Segments inside a
table's cells become the cells' blocks; the others become lines, then blocks:

- a line in a font clearly larger than the body text is a heading (level by size rank);
- a line starting with a marker starts a list item; otherwise a line continues the block above
  when it sits right under it and the line above was only broken because it reached the right
  edge (its end plus the first word of the next line would not fit) or this one starts in lower
  case; a word cut by a narrow column is glued back and a hyphen at a line end is kept or
  dropped by the rules of ``pdf_lines``, which weigh the glyphs against the document's words;
- a table cut by a page break continues on the next page (a repeated header row is dropped, a
  row whose cells continue in lower case is joined back, into the cell merged down over the
  last row when there is one).

Page numbers and running headers and footers are found afterwards by repetition across pages.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from balise.imports.document.furniture import mark_furniture, repeats_title
from balise.imports.document.lexicon import Lexicon, document_lexicon
from balise.imports.document.model import Block, Builder, Cell, Document, Kind, Position, Row
from balise.imports.document.normalise import join_lines, normalise, split_marker
from balise.imports.document.pdf_lines import Line, document_words, join
from balise.imports.document.pdf_tables import Table as _Grid
from balise.imports.document.pdf_tables import find_tables
from balise.imports.report import DocumentRefused

_HEADING_RATIO = 1.15  # font size over the body size
_LINE_GAP = 0.9  # a vertical gap above this many line heights ends a paragraph
# The document's words, the width of a space in it when it has any, and the lexicon of its
# language (see ``pdf_lines``).
_Wording = tuple[frozenset[str], float | None, Lexicon]
_EDGE = 0.09  # share of the page height at the top and at the bottom where headers and footers sit


@dataclass
class _Table:
    top: float
    rows: list[list[Cell]]
    page: int
    columns: int
    number: int = 0  # the table's number in the document, once added
    block_rows: list[Row] = field(default_factory=list)  # its rows in the document, once added


def read_pdf(data: bytes, label: str, starts_block: Callable[[str], bool] | None = None) -> Document:
    """``starts_block`` tells a line that begins something of its own (a label) from the
    wrapped end of the line above, as for text."""
    # Late: pypdfium2 loads the PDFium native library; only PDF documents need it.
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise DocumentRefused(
                _("%(file)s: PDF is password-protected; remove the password and import again")
                % {"file": label}
            ) from None
        raise DocumentRefused(
            _("%(file)s: not a readable PDF (truncated or corrupt: %(reason)s)")
            % {"file": label, "reason": message}
        ) from None
    pages: list[tuple[float, list[Line], list[_Grid]]] = []
    spaces: list[float] = []  # widths of the space characters the writer put in the text
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            lines = _segments(page, spaces)
            pages.append((page.get_size()[1], lines, find_tables(page) if lines else []))
            page.close()
    finally:
        pdf.close()
    words = document_words(line for _, lines, _ in pages for line in lines)
    space = statistics.median(spaces) if spaces else None
    lexicon = document_lexicon(line.text for _, lines, _ in pages for line in lines)
    items: list[tuple[int, float, object]] = []  # (page, top, Line | _Table)
    for number, (height, lines, grids) in enumerate(pages, start=1):
        rest = [line for line in lines if not any(_inside(line, grid.bbox) for grid in grids)]
        for grid in grids:
            rows = _table_rows(grid, lines, (words, space, lexicon), starts_block)
            if any(cell.blocks for row in rows for cell in row):
                found = _Table(grid.bbox[1], rows, number, len(grid.rows[0].cells))
                items.append((number, grid.bbox[1], found))
        for line in _merge_lines(rest):
            line.edge = line.top < _EDGE * height or line.bottom > (1 - _EDGE) * height
            items.append((number, line.top, line))
    if not items:
        raise DocumentRefused(
            _("%(file)s: PDF has no text layer (scanned PDF?); run OCR on it first") % {"file": label}
        )
    items.sort(key=lambda item: (item[0], item[1]))
    document = _build(label, items, (words, space, lexicon), starts_block)
    mark_furniture(document)
    return document


def _segments(page: Any, spaces: list[float]) -> list[Line]:
    """The page's runs of text; the widths of up to 20 of its space characters go to ``spaces``."""
    # Late: pypdfium2 loads the PDFium native library; only PDF documents need it.
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    text = textpage.get_text_range()
    start, found = text.find(" "), 0
    while start >= 0 and found < 20:
        if not raw.FPDFText_IsGenerated(textpage, start):
            left, _, right, _ = textpage.get_charbox(start)
            if right > left:
                spaces.append(right - left)
                found += 1
        start = text.find(" ", start + 1)
    _, height = page.get_size()
    out = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        if not text.strip():
            continue
        index = textpage.get_index(left + 0.5, (top + bottom) / 2, 2, 2)
        size = raw.FPDFText_GetFontSize(textpage, index) if index is not None and index >= 0 else top - bottom
        out.append(Line(left, height - top, right, height - bottom, text, float(size)))
    textpage.close()
    return out


def _inside(line: Line, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
    return x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1


def _merge_lines(segments: list[Line]) -> list[Line]:
    """Segments of one printed line (overlapping vertically) joined left to right: a bullet
    glyph drawn a little higher than its text still belongs to the text's line."""
    groups: list[list[Line]] = []
    for seg in sorted(segments, key=lambda s: s.top):
        height = max(seg.bottom - seg.top, 1.0)
        for group in groups[-3:]:
            top, bottom = min(g.top for g in group), max(g.bottom for g in group)
            if min(bottom, seg.bottom) - max(top, seg.top) > 0.5 * min(height, bottom - top):
                group.append(seg)
                break
        else:
            groups.append([seg])
    lines = []
    for group in groups:
        group.sort(key=lambda s: s.x0)
        text = group[0].text
        for previous, seg in zip(group, group[1:], strict=False):
            text = f"{text} {seg.text}" if seg.x0 > previous.x1 + 0.5 else text + seg.text
        size = max(group, key=lambda s: len(s.text)).size
        lines.append(
            Line(
                group[0].x0,
                min(g.top for g in group),
                max(g.x1 for g in group),
                max(g.bottom for g in group),
                text,
                size,
            )
        )
    return lines


def _table_rows(
    table: Any, segments: list[Line], wording: _Wording, starts_block: Callable[[str], bool] | None
) -> list[list[Cell]]:
    """pdfplumber's grid: ``None`` where a merged cell covers the position, from above (a
    vertical merge, kept as a continuation cell) or from the left (a wider cell)."""
    centres = [(column.bbox[0] + column.bbox[2]) / 2 for column in table.columns]
    rows: list[list[Cell]] = []
    for r, row in enumerate(table.rows):
        cells: list[Cell] = []
        for c, bbox in enumerate(row.cells):
            if bbox is None:
                if c < len(centres) and _covered_from_above(table, r, centres[c]):
                    cells.append(Cell(merged_above=True))
                elif cells:
                    cells[-1].col_span += 1
                else:
                    cells.append(Cell())
                continue
            inside = _merge_lines([s for s in segments if _inside(s, bbox)])
            # Where the cell's text ends: its right border less the padding seen on the left.
            padding = min((line.x0 for line in inside), default=bbox[0]) - bbox[0]
            edge = max([bbox[2] - padding, *(line.x1 for line in inside)])
            cells.append(Cell(_blocks(inside, bbox[2], edge, wording, page=0, starts_block=starts_block)))
        rows.append(cells)
    return rows


def _covered_from_above(table: Any, r: int, x: float) -> bool:
    top = table.rows[r].bbox[1]
    return any(
        bbox is not None and bbox[0] <= x <= bbox[2] and bbox[3] > top + 1
        for earlier in table.rows[:r]
        for bbox in earlier.cells
    )


def _blocks(
    lines: list[Line],
    right: float,
    edge: float,
    wording: _Wording,
    page: int,
    starts_block: Callable[[str], bool] | None = None,
) -> list[Block]:
    """Printed lines → paragraphs and list items, rejoining lines wrapped at ``right`` (the
    column's border; ``edge`` is where its text ends; ``wording`` the document's words and the
    width of its spaces)."""
    words, space, lexicon = wording
    if not any(line.text.endswith(" ") for line in lines):  # this writer drops them all here
        space = None
    blocks: list[Block] = []
    previous: Line | None = None
    for line in lines:
        text = normalise(line.text)
        if not text:
            continue
        marker, rest = split_marker(text)
        separate = bool(marker) or (starts_block is not None and starts_block(text))
        if previous is not None and blocks and not separate and _continues(previous, line, text, right):
            blocks[-1].text = join(blocks[-1].text, previous, line, text, edge, words, space, lexicon)
        elif marker:
            position = Position(page=page or None)
            # The indentation, in points for now: ``_list_levels`` turns it into a level.
            level = round(line.x0)
            blocks.append(Block("", Kind.LIST_ITEM, rest, level=level, number=marker, position=position))
        else:
            blocks.append(Block("", Kind.PARAGRAPH, text, position=Position(page=page or None)))
        previous = line
    return blocks


def _continues(previous: Line, line: Line, text: str, right: float) -> bool:
    height = max(previous.bottom - previous.top, 1.0)
    if line.top - previous.bottom > _LINE_GAP * height:
        return False
    if text[:1].islower():
        return True
    first = text.split(" ", 1)[0]
    per_char = (previous.x1 - previous.x0) / max(len(previous.text), 1)
    return previous.x1 + per_char * (len(first) + 1) >= right - 2


def _build(
    label: str,
    items: list[tuple[int, float, object]],
    wording: _Wording,
    starts_block: Callable[[str], bool] | None,
) -> Document:
    """The page's items in reading order → the document: tables (joined across a page break),
    lines at the page's edges, headings (by font size), and runs of body lines made blocks."""
    lines = [item for _, _, item in items if isinstance(item, Line)]
    assembly = _Assembly(Builder(label, "pdf"), _heading_sizes(lines), wording, starts_block)
    assembly.right = max((line.x1 for line in lines), default=0.0)
    for page, _order, item in items:
        if isinstance(item, _Table):
            assembly.table(page, item)
        else:
            assert isinstance(item, Line)
            assembly.line(page, item)
    assembly.flush()
    _list_levels(assembly.builder.document)
    return assembly.builder.document


def _heading_sizes(lines: list[Line]) -> list[float]:
    """The font sizes clearly larger than the body's (the median), largest first: a heading's
    level is its size's rank."""
    sizes = [round(line.size, 1) for line in lines if line.size]
    body = statistics.median(sizes) if sizes else 0.0
    return sorted({s for s in sizes if body and s >= body * _HEADING_RATIO}, reverse=True)


@dataclass
class _Assembly:
    """The document built so far: the run of body lines not yet made blocks, the table a cut
    table continues, the heading a wrapped heading line continues, the title."""

    builder: Builder
    heading_sizes: list[float]
    wording: _Wording
    starts_block: Callable[[str], bool] | None
    right: float = 0.0
    run: list[Line] = field(default_factory=list)
    run_page: int = 0
    last_table: _Table | None = None
    heading: tuple[Block, Line] | None = None
    title: str = ""  # the document's first line: a running header repeats it

    def flush(self) -> None:
        """The run of body lines → paragraphs and list items."""
        for block in _blocks(
            self.run, self.right, self.right, self.wording, self.run_page, self.starts_block
        ):
            self.builder.document.blocks.append(block)
            block.id = f"b{len(self.builder.document.blocks) - 1}"
        self.run.clear()

    def table(self, page: int, item: _Table) -> None:
        """A table with as many columns as the one on the page before continues it."""
        self.flush()
        last = self.last_table
        if last is not None and item.page == last.page + 1 and item.columns == last.columns:
            _continue_table(last, item)
            last.page = item.page
            return
        block = self.builder.table(item.rows, Position(page=page))
        item.block_rows, item.number = block.rows, int(block.id[1:])
        self.last_table = item

    def line(self, page: int, item: Line) -> None:
        if not item.edge and not self.title:
            self.title = normalise(item.text)
        if item.edge:  # never a reason to end a table cut by the page break
            self.edge_line(page, item)
        elif item.size and round(item.size, 1) in self.heading_sizes:
            self.heading_line(page, item)
        else:
            self.heading = None
            if self.run and page != self.run_page:
                self.flush()
            self.run_page = page
            self.run.append(item)
            self.last_table = None

    def edge_line(self, page: int, item: Line) -> None:
        """A line at the top or bottom of a page: after page 1, one repeating the title is a
        running header or footer."""
        self.flush()
        text = normalise(item.text)
        self.title = self.title or text
        furniture = "running header or footer" if page > 1 and repeats_title(text, self.title) else None
        self.builder.add(Kind.PARAGRAPH, text, position=Position(page=page), furniture=furniture)

    def heading_line(self, page: int, item: Line) -> None:
        """A heading, numbered when its marker is a figure; or the wrapped end of the one above."""
        self.flush()
        level = self.heading_sizes.index(round(item.size, 1)) + 1
        text = normalise(item.text)
        marker, rest = split_marker(text)
        number = marker if marker[:1].isdigit() else ""
        if self.heading is not None and _heading_continues(self.heading, item, level, number):
            self.heading[0].text = join_lines(self.heading[0].text, text)
            self.heading = (self.heading[0], item)
            return
        shown = rest if number else text
        block = self.builder.add(
            Kind.HEADING, shown, level=level, number=number, position=Position(page=page)
        )
        self.heading = (block, item)
        self.last_table = None


def _list_levels(document: Document) -> None:
    """List items' indentations (points) → nesting levels, per table cell or outside tables."""
    groups: list[list[Block]] = [[b for b in document.blocks if b.kind is Kind.LIST_ITEM]]
    for table in (b for b in document.blocks if b.is_table):
        for row in table.rows:
            for cell in row.cells:
                groups.append([b for b in cell.blocks if b.kind is Kind.LIST_ITEM])
    for items in groups:
        indents: list[int] = []
        for x in sorted({b.level for b in items}):
            if not indents or x - indents[-1] > 4:
                indents.append(x)
        for b in items:
            b.level = max(n for n, x in enumerate(indents) if x <= b.level + 4) if indents else 0


def _heading_continues(heading: tuple[Block, Line], line: Line, level: int, number: str) -> bool:
    """A heading wrapped over two lines: same level, no number of its own, right below."""
    block, previous = heading
    height = max(previous.bottom - previous.top, 1.0)
    return block.level == level and not number and 0 <= line.top - previous.bottom < _LINE_GAP * height


def _owner(rows: list[Row], c: int) -> tuple[int, Cell]:
    """(row index, cell) of the cell printed at column ``c`` of the last row: the first one up
    the column that is not the continuation of a vertical merge."""
    r = len(rows) - 1
    while r > 0 and c < len(rows[r].cells) and rows[r].cells[c].merged_above and c < len(rows[r - 1].cells):
        r -= 1
    return r, rows[r].cells[c]


def _continue_table(table: _Table, more: _Table) -> None:
    """Rows of ``more`` (the same table on the next page) appended to ``table``'s block."""
    rows = list(more.rows)
    for header in table.block_rows:  # the header rows repeated on the new page
        if not rows or [c.text for c in rows[0]] != [c.text for c in header.cells]:
            break
        rows = rows[1:]
    number = table.number
    # The cells the last row shows: a cell merged down from a row above is that row's cell.
    last = (
        [_owner(table.block_rows, c) for c in range(len(table.block_rows[-1].cells))]
        if table.block_rows
        else []
    )
    wrapped = rows and any(c.blocks and c.blocks[0].text[:1].islower() for c in rows[0])
    # A row cut by the page break: its first cell (the parent) is empty on the new page.
    cut = rows and last and not rows[0][0].blocks and last[0][1].blocks and any(c.blocks for c in rows[0])
    if wrapped or cut:
        for (_, previous), cell in zip(last, rows[0], strict=False):
            if wrapped and cell.blocks and previous.blocks and cell.blocks[0].text[:1].islower():
                previous.blocks[-1].text = join_lines(previous.blocks[-1].text, cell.blocks[0].text)
                previous.blocks.extend(cell.blocks[1:])
            elif cell.blocks:
                previous.blocks.extend(cell.blocks)
        for c, (r, cell) in enumerate(last):
            for k, inner in enumerate(cell.blocks):
                inner.id = f"t{number}.r{r}.c{c}.p{k}"
                inner.position = Position(page=inner.position.page, table=number, row=r + 1, cell=c + 1)
        rows = rows[1:]
    for r, cells in enumerate(rows, start=len(table.block_rows)):
        for c, cell in enumerate(cells):
            for k, inner in enumerate(cell.blocks):
                inner.id = f"t{number}.r{r}.c{c}.p{k}"
                inner.position = Position(page=more.page, table=number, row=r + 1, cell=c + 1)
        table.block_rows.append(Row(cells))
