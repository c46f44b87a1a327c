"""The document model between readers and recognisers: ordered blocks with their source position.

Readers (text, DOCX, PDF, ODT, XLSX, ODS) produce a ``Document``; recognisers never see a file
format. Every piece of text a role can be given to is a *unit*: a block outside tables, or one
paragraph / list item inside a table cell. Units have stable ids (``b12``, ``t3.r2.c1.p0``) so
that a user's correction ("b12 is an indicator") can be stored and replayed on the same document.

Plain dataclasses, no Django: the review step serialises them as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"


@dataclass(frozen=True)
class Position:
    """Where a unit comes from; ``line`` is 1-based in a text source, ``page`` 1-based too."""

    page: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    sheet: str | None = None

    def describe(self) -> str:
        parts = []
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet}")
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.cell is not None:
            parts.append(f"cell {self.cell}")
        return ", ".join(parts)


@dataclass
class Block:
    """A heading, paragraph or list item (``rows`` is empty), or a table (``rows`` filled).

    ``number`` is the printed numbering of a heading or the marker of a list item ("1.2.", "•",
    "a)"), never part of ``text``. ``furniture`` names why a block is page furniture (running
    header, page number, table of contents), else it is ``None``.
    """

    id: str
    kind: Kind
    text: str = ""
    level: int = 0
    number: str = ""
    style: str = ""
    position: Position = field(default_factory=Position)
    rows: list[Row] = field(default_factory=list)
    furniture: str | None = None

    @property
    def is_table(self) -> bool:
        return self.kind is Kind.TABLE


@dataclass
class Cell:
    blocks: list[Block] = field(default_factory=list)
    col_span: int = 1
    row_span: int = 1
    # A vertically merged cell's continuation: the text is in the cell above.
    merged_above: bool = False

    @property
    def text(self) -> str:
        return " ".join(b.text for b in self.blocks if b.text)


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Document:
    source: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    pages: int = 0

    def units(self) -> Iterator[Block]:
        """Every unit in document order: blocks outside tables, and each cell's blocks."""
        for block in self.blocks:
            if block.is_table:
                for row in block.rows:
                    for cell in row.cells:
                        yield from cell.blocks
            else:
                yield block

    def unit(self, unit_id: str) -> Block | None:
        return next((u for u in self.units() if u.id == unit_id), None)

    def lines(self) -> list[str]:
        """The document as plain lines (tables as tab-separated rows), for line-based detection."""
        out: list[str] = []
        for block in self.blocks:
            if block.is_table:
                out.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
            elif block.kind is Kind.LIST_ITEM:
                marker = "-" if not block.number[:1].isalnum() else block.number
                out.append(f"{marker} {block.text}")
            else:
                out.append(f"{block.number} {block.text}".strip())
        return out

    def counts(self) -> dict[str, int]:
        kinds = {kind.value: 0 for kind in Kind}
        for block in self.blocks:
            kinds[block.kind.value] += 1
        return kinds


class Builder:
    """Numbers blocks as a reader appends them, so ids are stable for one document."""

    def __init__(self, source: str, fmt: str) -> None:
        self.document = Document(source, fmt)
        self._tables = 0

    def add(
        self,
        kind: Kind,
        text: str,
        *,
        level: int = 0,
        number: str = "",
        style: str = "",
        position: Position | None = None,
        furniture: str | None = None,
    ) -> Block:
        block = Block(
            f"b{len(self.document.blocks)}",
            kind,
            text,
            level=level,
            number=number,
            style=style,
            position=position or Position(),
            furniture=furniture,
        )
        self.document.blocks.append(block)
        return block

    def table(self, rows: list[list[Cell]], position: Position | None = None) -> Block:
        """Append a table; the cells' blocks are renumbered ``t<n>.r<r>.c<c>.p<k>``."""
        self._tables += 1
        base = position or Position()
        block = Block(f"t{self._tables}", Kind.TABLE, position=base)
        for r, cells in enumerate(rows):
            for c, cell in enumerate(cells):
                for k, inner in enumerate(cell.blocks):
                    inner.id = f"t{self._tables}.r{r}.c{c}.p{k}"
                    inner.position = Position(
                        page=inner.position.page or base.page,
                        line=inner.position.line,
                        table=self._tables,
                        row=r + 1,
                        cell=c + 1,
                        sheet=base.sheet,
                    )
            block.rows.append(Row(cells))
        self.document.blocks.append(block)
        return block
