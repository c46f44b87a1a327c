"""DOCX → document model, with Word's own structure rather than its look.

- headings from the style ("Heading 2", "Titre 2", "Kop 2", and styles based on them) or the
  paragraph's outline level, their number from Word's automatic numbering (numbering.xml),
  resolved to its printed form ("1.2.", "II.", "b)") by the reader the line parsers use;
- list items with their level (w:ilvl) and marker; a typed marker ("• ", "1) ") counts too;
- tables with merged cells: w:gridSpan widens a cell, a w:vMerge continuation is marked as
  merged with the cell above; each cell's paragraphs and list items stay separate blocks;
- text boxes after their anchor paragraph; tracked changes accepted (w:ins kept, w:del dropped);
- running headers and footers (header*.xml, footer*.xml) as furniture.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from lxml import etree

from balise.imports.document.furniture import TOC_LINE, mark_furniture
from balise.imports.document.model import Block, Builder, Cell, Document, Kind
from balise.imports.document.normalise import normalise, split_marker
from balise.imports.report import DocumentRefused, one_line
from balise.imports.wordml import (
    W_P,
    W_TBL,
    W_TC,
    W_TR,
    Numbering,
    content,
    grid_before,
    is_vmerge_continuation,
    open_docx,
    paragraph_text,
    val,
)

# "Heading 2", "Titre 2", "Kop 2"; Word's "Title" style is the document's title, not a heading.
_HEADING_STYLE = re.compile(r"^(?:heading|titre|kop|berschrift)\s*(\d)$", re.IGNORECASE)


def read_docx(data: bytes, label: str) -> Document:
    return docx_model(open_docx(data, label), label)


def docx_model(document: Any, label: str) -> Document:
    """The document model of a python-docx document opened by ``wordml.open_docx``."""
    try:
        numbering = Numbering.of(document)
        styles = _Styles(document.part.styles.element)
        builder = Builder(label, "docx")
        reader = _Reader(builder, numbering, styles)
        for section in document.sections:
            for part in (section.header, section.footer):
                if not part.is_linked_to_previous:
                    for block in reader.blocks(part._element):
                        block.furniture = "running header or footer"
        reader.body(document.element.body)
    except DocumentRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise anything on a damaged package
        raise DocumentRefused(
            _("%(file)s: not a readable .docx (corrupt: %(reason)s)")
            % {"file": label, "reason": one_line(exc)}
        ) from None
    model = builder.document
    mark_furniture(model)
    return model


class _Styles:
    """Heading level per paragraph style id, following w:basedOn; and each style's name."""

    def __init__(self, root: etree._Element) -> None:
        self.names: dict[str, str] = {}
        self.levels: dict[str, int] = {}
        based: dict[str, str] = {}
        own: dict[str, int] = {}
        for style in root.iterfind(qn("w:style")):
            sid = style.get(qn("w:styleId"), "")
            name = val(style, "w:name") or sid
            self.names[sid] = name
            match = _HEADING_STYLE.match(name.strip()) or _HEADING_STYLE.match(sid)
            outline = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if outline is not None and outline.get(qn("w:val"), "9").isdigit():
                level = int(outline.get(qn("w:val"), "9")) + 1
                if level <= 9:
                    own[sid] = level
            elif match:
                own[sid] = int(match.group(1) or 0) or 1
            parent = val(style, "w:basedOn")
            if parent:
                based[sid] = parent
        for sid in self.names:
            current, seen = sid, set()
            while current and current not in seen:
                seen.add(current)
                if current in own:
                    self.levels[sid] = own[current]
                    break
                current = based.get(current, "")


class _Reader:
    def __init__(self, builder: Builder, numbering: Numbering, styles: _Styles) -> None:
        self.builder = builder
        self.numbering = numbering
        self.styles = styles

    def body(self, body: etree._Element) -> None:
        for child in content(body):
            if child.tag == W_TBL:
                self.table(child)
            elif child.tag == W_P:
                for block in self.paragraph(child):
                    self.builder.document.blocks.append(block)
                    block.id = f"b{len(self.builder.document.blocks) - 1}"

    def blocks(self, container: etree._Element) -> list[Block]:
        """Blocks of a header, footer or cell, tables flattened into their paragraphs."""
        out: list[Block] = []
        for child in content(container):
            if child.tag == W_P:
                out.extend(self.paragraph(child))
            elif child.tag == W_TBL:
                for tr in content(child, W_TR):
                    for tc in content(tr, W_TC):
                        out.extend(self.blocks(tc))
        if container.tag != W_TC:
            for block in out:
                self.builder.document.blocks.append(block)
                block.id = f"b{len(self.builder.document.blocks) - 1}"
        return out

    def paragraph(self, p: etree._Element) -> list[Block]:
        boxes: list[etree._Element] = []
        raw = paragraph_text(p, boxes)
        label = self.numbering.label(p).strip()
        ppr = p.find(qn("w:pPr"))
        style = (val(ppr, "w:pStyle") if ppr is not None else None) or ""
        out: list[Block] = []
        for piece in raw.split("\n"):
            text = normalise(piece)
            if text:
                out.append(self._block(text, label, ppr, style))
                if TOC_LINE.search(piece):  # "Cambriolage<tab>3": the tab is gone once normalised
                    out[-1].furniture = "table of contents"
                label = ""  # a line break continues the same paragraph: one number only
        for box in boxes:
            for child in content(box):
                if child.tag == W_P:
                    out.extend(self.paragraph(child))
        return out

    def _block(self, text: str, label: str, ppr: etree._Element | None, style: str) -> Block:
        name = self.styles.names.get(style, style)
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        level = self.styles.levels.get(style)
        if outline is not None and (outline.get(qn("w:val")) or "").isdigit():
            level = int(outline.get(qn("w:val"), "9")) + 1 if int(outline.get(qn("w:val"), "9")) < 9 else None
        if level is not None:
            return Block("", Kind.HEADING, text, level=level, number=label, style=name)
        if label:
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            ilvl = val(num_pr, "w:ilvl") if num_pr is not None else None
            marker = "•" if label == "-" else label
            return Block("", Kind.LIST_ITEM, text, level=int(ilvl or 0), number=marker, style=name)
        marker, rest = split_marker(text)
        if marker:
            return Block("", Kind.LIST_ITEM, rest, number=marker, style=name)
        return Block("", Kind.PARAGRAPH, text, style=name)

    def table(self, tbl: etree._Element) -> None:
        rows: list[list[Cell]] = []
        for tr in content(tbl, W_TR):
            cells = [Cell() for _ in range(grid_before(tr))]
            for tc in content(tr, W_TC):
                span = val(tc.find(qn("w:tcPr")), "w:gridSpan") if tc.find(qn("w:tcPr")) is not None else None
                cell = Cell(col_span=int(span) if span and span.isdigit() else 1)
                if is_vmerge_continuation(tc):
                    cell.merged_above = True
                else:
                    cell.blocks = self.blocks(tc)
                cells.append(cell)
            rows.append(cells)
        _row_spans(rows)
        if any(cell.blocks for row in rows for cell in row):
            self.builder.table(rows)


def _row_spans(rows: list[list[Cell]]) -> None:
    """A restarting vMerge cell spans the continuations below it in the same grid column."""

    def grid(row: list[Cell]) -> dict[int, Cell]:
        out, column = {}, 0
        for cell in row:
            out[column] = cell
            column += cell.col_span
        return out

    grids = [grid(row) for row in rows]
    for r, cells in enumerate(grids):
        for column, cell in cells.items():
            if cell.merged_above:
                continue
            below = r + 1
            while below < len(grids) and grids[below].get(column, Cell()).merged_above:
                below += 1
            cell.row_span = below - r
