"""DOCX → lines, shaped like the seed text extractions.

One line per paragraph with a blank line between blocks (list items stay tight, as in the seeds);
a document that spaces its paragraphs with empty ones gets exactly those as blank lines instead. List
paragraphs prefixed with their rendered number or "- ", table rows as tab-joined cells.
The XML is walked directly rather than through ``Paragraph.text`` because python-docx skips text
in content controls, tracked insertions and fields, which national templates use a lot.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

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
)

Block = tuple[str, list[str]]  # kind ("para" | "item" | "table" | "empty"), lines
# Empty paragraphs for at least this share of the other blocks are the document's blank lines.
_EMPTY_SHARE = 0.2


def read_docx_lines(data: bytes, label: str) -> list[str]:
    return docx_lines(open_docx(data, label), label)


def docx_lines(document: Any, label: str) -> list[str]:
    """The lines of a python-docx document opened by ``wordml.open_docx``."""
    try:
        numbering = Numbering.of(document)
        blocks = list(_blocks(document.element.body, numbering))
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise anything on a damaged package
        raise DocumentRefused(
            _("%(file)s: not a readable .docx (corrupt: %(reason)s)")
            % {"file": label, "reason": one_line(exc)}
        ) from None
    lines = _tight_lines(blocks) if _spaced_by_empty_paragraphs(blocks) else _spaced_lines(blocks)
    if not any(line.strip() for line in lines):
        raise DocumentRefused(_("%(file)s: the Word document contains no text") % {"file": label})
    return lines


def _blocks(container: etree._Element, numbering: Numbering) -> Iterator[Block]:
    for child in content(container):
        if child.tag == W_P:
            boxes: list[etree._Element] = []
            text = paragraph_text(child, boxes)
            prefix = numbering.label(child)
            if text.strip():
                yield ("item" if prefix else "para", (prefix + text).split("\n"))
            elif not boxes:
                yield ("empty", [])
            for box in boxes:  # text boxes anchored in the paragraph, after it
                yield from _blocks(box, numbering)
        elif child.tag == W_TBL:
            rows = [_row_line(tr, numbering) for tr in content(child, W_TR)]
            if any(rows):
                yield ("table", rows)


def _spaced_lines(blocks: list[Block]) -> list[str]:
    """The spacing is in the paragraph format: one blank line between blocks, none inside a list."""
    lines: list[str] = []
    previous = ""
    for kind, block_lines in blocks:
        if kind == "empty":
            continue
        if lines and not (kind == "item" and previous == "item"):
            lines.append("")
        lines.extend(block_lines)
        previous = kind
    return lines


def _tight_lines(blocks: list[Block]) -> list[str]:
    """The author's empty paragraphs are the blank lines; paragraphs without one between them stay
    together (a PDF extraction pasted into Word keeps its wrapped lines as consecutive paragraphs)."""
    return [line for _, block_lines in blocks for line in (block_lines or [""])]


def _spaced_by_empty_paragraphs(blocks: list[Block]) -> bool:
    """Whether the document separates its paragraphs with empty ones rather than with paragraph
    spacing: a few stray empty paragraphs do not count, one for every few paragraphs does."""
    empty = sum(1 for kind, _ in blocks if kind == "empty")
    return empty > 0 and empty >= _EMPTY_SHARE * (len(blocks) - empty)


def _row_line(tr: etree._Element, numbering: Numbering) -> str:
    # Leading grid columns the row skips stay as empty cells so columns keep lining up.
    cells = [""] * grid_before(tr)
    for tc in content(tr, W_TC):
        # python-docx repeats a merged cell's text in every grid column / row it covers; here a
        # horizontally merged cell counts once and a vertical continuation is empty, as in the seeds.
        cells.append("" if is_vmerge_continuation(tc) else _cell_text(tc, numbering))
    line = "\t".join(cells)
    return line if line.strip() else ""


def _cell_text(tc: etree._Element, numbering: Numbering) -> str:
    parts = [" ".join(block_lines) for _, block_lines in _blocks(tc, numbering)]
    return " ".join(" ".join(parts).split())  # line breaks and tabs inside a cell become spaces
