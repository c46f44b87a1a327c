"""Spreadsheets (XLSX, ODS) → document model: one table per sheet, merges kept.

A plan kept in a spreadsheet is one sheet per module or one flat table whose first columns carry
the hierarchy, parents merged down the rows or repeated on each; the recogniser reads both from
the table. XLSX is read with openpyxl in read-only mode (rows streamed); its merged ranges, which
read-only mode does not load, come from the sheet's own XML through the bounded archive reader.
ODS is read directly from content.xml with the same safe parser: odfpy would add a dependency to
read one XML part, and loads it into its own DOM without the archive bounds.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from lxml import etree

from balise.imports.archive import open_archive, read_xml
from balise.imports.document.model import Block, Builder, Cell, Document, Kind, Position
from balise.imports.document.normalise import normalise, split_marker
from balise.imports.report import DocumentRefused

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
# Rows or columns repeated more than this are the empty tail of a sheet, never content.
_MAX_REPEAT = 1000

Grid = list[list[str]]
Span = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)


def read_xlsx(data: bytes, label: str) -> Document:
    # Late: openpyxl takes a noticeable time to import; only .xlsx workbooks need it.
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything on a damaged workbook
        # One line whatever openpyxl says (its XML errors span several): the CLI prints one line.
        reason = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise DocumentRefused(
            _("%(file)s: not a readable .xlsx workbook (%(reason)s)") % {"file": label, "reason": reason}
        ) from None
    builder = Builder(label, "xlsx")
    try:
        with open_archive(data, label) as archive:
            for sheet in book.worksheets:
                try:
                    grid = _bounded_grid(sheet, label)
                except DocumentRefused:
                    raise
                except Exception as exc:  # noqa: BLE001 - read-only openpyxl reads (and fails) lazily
                    reason = " ".join(str(exc).split())[:160] or type(exc).__name__
                    message = _("%(file)s: sheet “%(sheet)s” is not readable (%(reason)s)") % {
                        "file": label,
                        "sheet": sheet.title,
                        "reason": reason,
                    }
                    raise DocumentRefused(message) from None
                spans = _xlsx_merges(read_xml(archive, sheet._worksheet_path, label))
                _add_sheet(builder, sheet.title, grid, spans)
    finally:
        book.close()
    return builder.document


# A plan fits far within these; a sheet beyond them is refused while it is read, before its rows
# fill memory (a million tiny rows compress to a few megabytes).
MAX_ROWS = 10_000
MAX_CELLS = 200_000


def _bounded_grid(sheet: Any, label: str) -> Grid:
    grid: Grid = []
    cells = 0
    for row in sheet.iter_rows():
        cells += len(row)
        if len(grid) >= MAX_ROWS or cells > MAX_CELLS:
            title = getattr(sheet, "title", "")
            raise DocumentRefused(
                _(
                    "%(file)s: sheet “%(sheet)s” is too large for a plan "
                    "(at most %(rows)s rows and %(cells)s cells)"
                )
                % {
                    "file": label,
                    "sheet": title,
                    "rows": number_format(MAX_ROWS, force_grouping=True),
                    "cells": number_format(MAX_CELLS, force_grouping=True),
                }
            )
        grid.append([_value(cell) for cell in row])
    return grid


def _value(cell: object) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    fmt = str(getattr(cell, "number_format", "") or "")
    if isinstance(value, int | float | Decimal):
        if "%" in fmt:
            return f"{Decimal(str(value)) * 100:f}".rstrip("0").rstrip(".") + " %"
        return f"{Decimal(str(value)):f}".rstrip("0").rstrip(".") if "." in str(value) else str(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _xlsx_merges(root: etree._Element) -> list[Span]:
    # Late: openpyxl takes a noticeable time to import; only .xlsx workbooks need it.
    from openpyxl.utils.cell import range_boundaries

    spans = []
    for merge in root.iter(f"{_MAIN}mergeCell"):
        ref = merge.get("ref", "")
        try:
            c1, r1, c2, r2 = range_boundaries(ref)
        except ValueError:
            continue
        spans.append((r1 - 1, c1 - 1, r2 - 1, c2 - 1))
    return spans


def read_ods(data: bytes, label: str) -> Document:
    builder = Builder(label, "ods")
    with open_archive(data, label) as archive:
        root = read_xml(archive, "content.xml", label)
    for table in root.iter(f"{_TABLE}table"):
        grid: Grid = []
        spans: list[Span] = []
        for row in _ods_rows(table):
            r = len(grid)
            values: list[str] = []
            for cell in row:
                c = len(values)
                text = "\n".join(_odf_text(p) for p in cell.iter(f"{_TEXT}p"))
                columns = int(cell.get(f"{_TABLE}number-columns-spanned", "1") or 1)
                rows = int(cell.get(f"{_TABLE}number-rows-spanned", "1") or 1)
                if columns > 1 or rows > 1:
                    spans.append((r, c, r + rows - 1, c + columns - 1))
                repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1") or 1)
                values.extend([text] * (min(repeat, _MAX_REPEAT) if text else min(repeat, 64)))
            grid.append(values)
        _add_sheet(builder, table.get(f"{_TABLE}name", ""), grid, spans)
    return builder.document


def _ods_rows(table: etree._Element) -> Iterable[list[etree._Element]]:
    for row in table.iter(f"{_TABLE}table-row"):
        cells = [c for c in row if c.tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")]
        repeat = int(row.get(f"{_TABLE}number-rows-repeated", "1") or 1)
        empty = not any("".join(c.itertext()).strip() for c in cells)
        for _row in range(1 if empty else min(repeat, _MAX_REPEAT)):
            yield cells


def _odf_text(element: etree._Element) -> str:
    """Text of an ODF paragraph: <text:s text:c="3"/> is spaces, <text:tab/> and line breaks too."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag
            if tag == f"{_TEXT}s":
                parts.append(" " * int(child.get(f"{_TEXT}c", "1") or 1))
            elif tag == f"{_TEXT}tab":
                parts.append("\t")
            elif tag == f"{_TEXT}line-break":
                parts.append("\n")
            elif tag not in (f"{_TEXT}note", f"{_OFFICE}annotation", f"{_TEXT}tracked-changes"):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def _add_sheet(builder: Builder, name: str, grid: Grid, spans: list[Span]) -> None:
    """One table for the sheet; a merged range keeps its text in its first cell and marks the
    cells it covers, as Word's merged cells are."""
    while grid and not any(v.strip() for v in grid[-1]):
        grid.pop()
    if not grid:
        return
    width = max(len(row) for row in grid)
    while width and not any(len(row) >= width and row[width - 1].strip() for row in grid):
        width -= 1
    covered: dict[tuple[int, int], str] = {}
    starts: dict[tuple[int, int], tuple[int, int]] = {}
    for r1, c1, r2, c2 in spans:
        starts[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered[(r, c)] = "above" if c == c1 and r > r1 else "left"
    rows: list[list[Cell]] = []
    for r, values in enumerate(grid):
        cells: list[Cell] = []
        c = 0
        while c < width:
            if covered.get((r, c)) == "left":
                c += 1
                continue
            rows_span, cols_span = starts.get((r, c), (1, 1))
            cols_span = min(cols_span, width - c)
            if covered.get((r, c)) == "above":
                cells.append(Cell(col_span=cols_span, merged_above=True))
            else:
                text = values[c] if c < len(values) else ""
                cells.append(Cell(_cell_blocks(text, r), col_span=cols_span, row_span=rows_span))
            c += cols_span
        rows.append(cells)
    builder.table(rows, Position(sheet=name))


def _cell_blocks(text: str, row: int) -> list[Block]:
    blocks = []
    for line in text.replace("\r", "\n").split("\n"):
        clean = normalise(line)
        if not clean:
            continue
        marker, rest = split_marker(clean)
        kind = Kind.LIST_ITEM if marker else Kind.PARAGRAPH
        blocks.append(Block("", kind, rest, number=marker, position=Position(line=row + 1)))
    return blocks
