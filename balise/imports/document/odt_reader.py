"""OpenDocument text (ODT) → document model, from content.xml read through the bounded archive.

Headings (text:h) keep their outline level and the number LibreOffice caches in text:number;
lists keep their nesting level; tables keep their spans (covered cells are merged ones); text
boxes (draw:frame) come after their paragraph; tracked changes are accepted (the deleted text
that ODF stores in text:tracked-changes is skipped). Running headers and footers live in
styles.xml and never reach the content, so they need no furniture rule here. Read directly
rather than through odfpy for the reasons given in ``sheets``.
"""

from __future__ import annotations

from lxml import etree

from balise.imports.archive import open_archive, read_xml
from balise.imports.document.furniture import mark_furniture
from balise.imports.document.model import Block, Builder, Cell, Document, Kind
from balise.imports.document.normalise import normalise, split_marker
from balise.imports.document.sheets import _odf_text

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def read_odt(data: bytes, label: str) -> Document:
    with open_archive(data, label) as archive:
        root = read_xml(archive, "content.xml", label)
    builder = Builder(label, "odt")
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is not None:
        for block in _blocks(body, builder, 0):
            _append(builder, block)
    document = builder.document
    mark_furniture(document)
    return document


def _append(builder: Builder, block: Block) -> None:
    block.id = f"b{len(builder.document.blocks)}"
    builder.document.blocks.append(block)


def _blocks(
    container: etree._Element, builder: Builder | None, level: int, in_list: bool = False
) -> list[Block]:
    """Blocks of ``container``; tables are added to ``builder`` directly (None inside a cell,
    where a nested table is flattened into its paragraphs)."""
    out: list[Block] = []
    for child in container:
        tag = child.tag
        if tag == f"{_TEXT}h":
            number = child.findtext(f"{_TEXT}number") or ""
            text = normalise(_odf_text_without_number(child))
            if text:
                level_attr = int(child.get(f"{_TEXT}outline-level", "1") or 1)
                out.append(Block("", Kind.HEADING, text, level=level_attr, number=number.strip()))
        elif tag == f"{_TEXT}p":
            out.extend(_paragraph(child, level if in_list else None))
            for frame in child.iter(f"{_DRAW}text-box"):
                out.extend(_blocks(frame, builder, 0))
        elif tag == f"{_TEXT}list":
            for item in child:
                if item.tag in (f"{_TEXT}list-item", f"{_TEXT}list-header"):
                    out.extend(_blocks(item, builder, level + (1 if in_list else 0), in_list=True))
        elif tag == f"{_TABLE}table":
            if builder is None:
                for row in child.iter(f"{_TABLE}table-cell"):
                    out.extend(_blocks(row, None, 0))
                continue
            for block in out:
                _append(builder, block)
            out = []
            _table(child, builder)
        elif tag in (f"{_TEXT}section", f"{_TEXT}soft-page-break") or tag.endswith("}sequence-decls"):
            out.extend(_blocks(child, builder, level, in_list))
    return out


def _odf_text_without_number(element: etree._Element) -> str:
    number = element.find(f"{_TEXT}number")
    if number is None:
        return _odf_text(element)
    saved, number.text = number.text, ""
    try:
        return _odf_text(element)
    finally:
        number.text = saved


def _paragraph(p: object, list_level: int | None) -> list[Block]:
    out = []
    for piece in _odf_text(p).split("\n"):
        text = normalise(piece)
        if not text:
            continue
        marker, rest = split_marker(text)
        if list_level is not None:
            out.append(
                Block("", Kind.LIST_ITEM, rest if marker else text, level=list_level, number=marker or "•")
            )
        elif marker:
            out.append(Block("", Kind.LIST_ITEM, rest, number=marker))
        else:
            out.append(Block("", Kind.PARAGRAPH, text))
    return out


def _table(table: etree._Element, builder: Builder) -> None:
    rows: list[list[Cell]] = []
    for tr in table.iter(f"{_TABLE}table-row"):
        cells: list[Cell] = []
        for tc in tr:
            if tc.tag == f"{_TABLE}covered-table-cell":
                # Covered by a cell to the left (same row) or above: only the latter is a cell.
                cells.append(Cell(merged_above=True))
            elif tc.tag == f"{_TABLE}table-cell":
                span = int(tc.get(f"{_TABLE}number-columns-spanned", "1") or 1)
                rows_span = int(tc.get(f"{_TABLE}number-rows-spanned", "1") or 1)
                cells.append(Cell(_blocks(tc, None, 0), col_span=span, row_span=rows_span))
        rows.append(_drop_left_covered(cells))
    if any(cell.blocks for row in rows for cell in row):
        builder.table(rows)


def _drop_left_covered(cells: list[Cell]) -> list[Cell]:
    """ODF writes a covered cell for every grid column a wide cell spans: drop those."""
    out: list[Cell] = []
    skip = 0
    for cell in cells:
        if skip:
            skip -= 1
            continue
        out.append(cell)
        skip = cell.col_span - 1
    return out
