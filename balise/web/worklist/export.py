"""The worklist as a spreadsheet (XLSX) or a CSV file: one row per municipality and year.

User text (titles, names) stays text: the XLSX goes through `balise.spreadsheets.workbook_bytes`,
and a CSV value that starts like a formula gets a leading apostrophe (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from balise.domain.money import ReportStatus
from balise.finance.models import ReportKind
from balise.monitoring.models import ColourCode
from balise.spreadsheets import starts_like_formula, workbook_bytes
from balise.web.worklist.selectors import WorklistRow

REPORT_LABELS = {
    ReportStatus.ON_TIME: lambda: _("on time"),
    ReportStatus.LATE: lambda: _("late"),
    ReportStatus.TO_DO: lambda: _("to do"),
}


def _report(status: ReportStatus | None) -> str:
    return REPORT_LABELS[status]() if status is not None else _("no deadline")


def header(scale: list[ColourCode]) -> list[str]:
    return [
        _("Region"),
        _("Municipality"),
        _("Plan"),
        _("Version"),
        _("Year"),
        _("State"),
        _("Submitted on"),
        _("Indicators needing values"),
        _("With values"),
        _("Completeness (%)"),
        _("Activity report"),
        _("Financial report"),
        _("Assessed"),
        _("Indicators"),
        *[c.label for c in scale],
    ]


def values(row: WorklistRow, scale: list[ColourCode]) -> list[object]:
    submitted = timezone.localtime(row.submitted_at).date() if row.submitted_at else None
    return [
        row.region.name if row.region else "",
        row.municipality.name,
        row.plan.title,
        row.plan.version,
        row.year,
        row.state_label,
        submitted,
        row.indicators,
        row.with_values,
        row.completeness,
        _report(row.reports.get(ReportKind.ACTIVITY)),
        _report(row.reports.get(ReportKind.FINANCIAL)),
        row.assessed,
        row.total,
        *[row.colours.get(c.code, 0) for c in scale],
    ]


def to_xlsx(rows: list[WorklistRow], scale: list[ColourCode]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Worklist")[:31]
    sheet.append(header(scale))
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in values(row, scale)])
    sheet.freeze_panes = "C2"
    for cell in sheet["G"][1:]:
        cell.number_format = "DD/MM/YYYY"
    return workbook_bytes(book)


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value}".replace(".", ",")  # Belgian decimal comma (the file uses ";")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return "'" + text if starts_like_formula(text) else text


def to_csv(rows: list[WorklistRow], scale: list[ColourCode]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header(scale))
    for row in rows:
        writer.writerow([_csv_cell(v) for v in values(row, scale)])
    return "\ufeff" + out.getvalue()  # a BOM, so that spreadsheets read UTF-8
