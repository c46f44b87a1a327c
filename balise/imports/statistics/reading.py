"""Files → rows of text cells (CSV with `,` `;` or tab, or the first sheet of an XLSX)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from balise import errors


class StatisticsFileError(errors.Invalid):
    """A statistics file that cannot be read; the message says what and where."""


def read_rows(name: str, content: bytes) -> list[list[str]]:
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise StatisticsFileError(
                _("%(file)s: not a readable XLSX workbook (%(reason)s)") % {"file": name, "reason": error}
            ) from None
        sheet = book.worksheets[0]
        rows = [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        book.close()
        return rows
    if suffix in (".csv", ".txt", ".tsv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252")
        # The separator most lines use (a title line above the table has none): ";" in Belgian
        # exports, "," or tab elsewhere.
        lines = text.splitlines()[:50]
        delimiter = max(";,\t", key=lambda d: sum(1 for line in lines if d in line))
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    raise StatisticsFileError(_("%(file)s: choose a .csv or .xlsx file") % {"file": name})
