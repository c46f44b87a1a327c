"""Spreadsheets that cannot hurt their reader: every text cell Balise writes stays text.

Users type titles, indicator texts, suppliers and descriptions; an export that wrote
``=HYPERLINK("http://evil", "Click")`` or ``=cmd|' /C calc'!A0`` as it came would hand the
reader a live formula (OWASP, "CSV Injection"). openpyxl turns any string that starts with
``=`` into a formula and ``#N/A``-like strings into error values, so every exporter saves its
workbook through :func:`workbook_bytes`, which makes each string cell a string:

- its data type is forced to text (the file holds an inline string, never ``<f>``);
- when it starts with a character a spreadsheet reads as the start of a formula (``=``, ``+``,
  ``-``, ``@``, tab, carriage return, or their full-width forms), the cell also carries the
  "quote prefix" style: the spreadsheet's own form of OWASP's leading apostrophe, so that editing
  the cell keeps it text, while the value read back (by Balise's own workbook import) is unchanged.

Balise writes no CSV today; a CSV export would prefix such values with an apostrophe instead.
"""

from __future__ import annotations

import io

from openpyxl.workbook import Workbook

# The characters that start a formula in Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise_formulas(book: Workbook) -> None:
    """Make every string cell of ``book`` a text cell (see the module's docstring)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                cell.data_type = "s"
                if starts_like_formula(value):
                    cell.quotePrefix = True


def workbook_bytes(book: Workbook) -> bytes:
    """The XLSX file of ``book`` with every text cell neutralised: the one way exports save."""
    neutralise_formulas(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
