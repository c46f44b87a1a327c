"""The evaluation workbook (XLSX) of one plan and one year, written from its `WorkbookSpec`.

A read-me sheet (how to fill it in, the plan's ids and a fingerprint of the structure), then one
sheet per module: one row per indicator, hidden id columns, the objectives, the indicator and its
target, one group of input columns per period of the year (yellow, unlocked, with data
validation), and the progress Balise computed, its status coloured by conditional formatting.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from balise.domain.progress import Status
from balise.domain.targets import TargetKind
from balise.monitoring.period_names import period_name
from balise.spreadsheets import workbook_bytes
from balise.workbook.spec import (
    FIELD_ROW,
    FIRST_ROW,
    FIRST_SLOT_COL,
    FORMAT,
    ID_COL,
    KEY_COL,
    PERIOD_ROW,
    PROGRESS,
    README,
    README_KEYS,
    REVISIONS_COL,
    Line,
    SheetSpec,
    WorkbookSpec,
    cell_value,
    excel_number,
    field_label,
    fixed_labels,
    granularity_label,
    progress_labels,
    revisions_text,
    status_label,
    target_label,
    yes_no,
)

_INPUT = PatternFill("solid", fgColor="FFF8DC")
_BLOCKED = PatternFill("solid", fgColor="E0E0E0")
_HEAD = PatternFill("solid", fgColor="DDE6F0")
_STATUS_FILLS = {
    Status.MET: "C8E6C9",
    Status.PARTLY_MET: "FFE0B2",
    Status.NOT_MET: "FFCDD2",
    Status.NO_DATA: "EEEEEE",
}
_UNLOCKED = Protection(locked=False)
_WRAP = Alignment(wrap_text=True, vertical="top")
_BOLD = Font(bold=True)


def write_workbook(spec: WorkbookSpec) -> bytes:
    """The XLSX file of ``spec``, labels in the active language (which should be ``spec.language``)."""
    book = Workbook()
    _write_readme(book.active, spec)
    for sheet in spec.sheets:
        _write_sheet(book.create_sheet(sheet.title), sheet, spec)
    book.security.lockStructure = True  # no renaming, moving or deleting sheets (no password)
    return workbook_bytes(book)


def _write_readme(ws: Worksheet, spec: WorkbookSpec) -> None:
    ws.title = README
    ws["A1"] = _("Balise — values of “%(plan)s” for %(year)s") % {"plan": spec.plan_title, "year": spec.year}
    ws["A1"].font = Font(bold=True, size=14)
    labels = {
        "format": _("Format"),
        "plan_id": _("Plan id"),
        "version": _("Version"),
        "lineage": _("Lineage"),
        "year": _("Year"),
        "language": _("Language"),
        "fingerprint": _("Structure fingerprint"),
    }
    values = {
        "format": FORMAT,
        "plan_id": spec.plan_id,
        "version": spec.version,
        "lineage": spec.lineage,
        "year": spec.year,
        "language": spec.language,
        "fingerprint": spec.fingerprint,
    }
    for n, key in enumerate(README_KEYS, start=3):
        ws.cell(n, 1, key)
        ws.cell(n, 2, labels[key]).font = _BOLD
        ws.cell(n, 3, values[key])
    lines = _instructions(spec)
    start = len(README_KEYS) + 4
    for n, text in enumerate(lines):
        ws.cell(start + n, 1, text).font = _BOLD if n == 0 else Font()
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 40
    ws.protection.sheet = True


def _instructions(spec: WorkbookSpec) -> list[str]:
    """How to fill in the workbook, line by line under its identity on the read-me sheet."""
    yes, no = yes_no(spec.language)
    lines = [
        _("How to fill in this workbook"),
        _(
            "One sheet per module, one row per indicator, one column per period of the year (row 3) and kind "
            "of value (row 4)."
        ),
        _("Type values in the yellow cells only; grey cells do not apply to the indicator of their row."),
        _(
            "Counts are whole numbers; hours may have decimals; yes/no cells take “%(yes)s” or “%(no)s”; "
            "dates are written YYYY-MM-DD."
        )
        % {"yes": yes, "no": no},
        _(
            "A percentage is entered as two numbers: the count and the total it is out of. Hours per day are "
            "entered per month with the days worked."
        ),
        _(
            "An indicator broken down by categories (sex, age band…) has one row per category under its "
            "own row: type the values of each category; its own row is the total, computed by Balise."
        ),
        _("Type values, not formulas. Do not rename, move or delete sheets, rows or columns."),
        _(
            "Leave a cell empty when you have no value. A value already recorded cannot be removed here: "
            "delete it on the values page."
        ),
        _(
            "Actual, expected and status are computed by Balise when the workbook is produced; they are "
            "computed again once the workbook is uploaded. “Other values” lists values recorded for other "
            "periods (they count for progress)."
        ),
        _("Upload the file on the plan's workbook page, or run: balise import-workbook FILE"),
    ]
    if spec.locked_state:
        lines.append(
            _(
                "The evaluation of %(year)s is %(state)s: its values are read-only until an administrator "
                "reopens it."
            )
            % {"year": spec.year, "state": spec.locked_state}
        )
    return lines


def _validations(ws: Worksheet, language: str) -> dict[str, DataValidation]:
    yes, no = yes_no(language)
    whole = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    whole.error = _("Enter a whole number (0 or more).")
    decimal = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    decimal.error = _("Enter a number (0 or more).")
    positive = DataValidation(type="decimal", operator="greaterThan", formula1="0")
    positive.error = _("Enter a number greater than 0.")
    boolean = DataValidation(type="list", formula1=f'"{yes},{no}"')
    boolean.error = _("Answer “%(yes)s” or “%(no)s”.") % {"yes": yes, "no": no}
    day = DataValidation(type="date", operator="greaterThan", formula1="1")
    day.error = _("Enter a date (YYYY-MM-DD).")
    found = {"whole": whole, "decimal": decimal, "positive": positive, "boolean": boolean, "date": day}
    for dv in found.values():
        dv.showErrorMessage = True
        dv.allow_blank = True
        ws.add_data_validation(dv)
    return found


def validation_kind(line: Line, slot_field: str) -> str | None:
    kind = line.target.kind if line.target else None
    if slot_field == "done_on":
        return "date"
    if slot_field in ("days", "denominator"):
        return "positive"
    if slot_field == "numerator":
        return "decimal"
    if kind in (TargetKind.BOOLEAN, TargetKind.DEADLINE):
        return "boolean"
    if kind is TargetKind.COUNT:
        return "whole"
    if kind in (TargetKind.HOURS, TargetKind.RANGE):
        return "decimal"
    return None  # no target yet: a number or a yes/no


def _write_sheet(ws: Worksheet, sheet: SheetSpec, spec: WorkbookSpec) -> None:
    ws.cell(1, 4, sheet.module).font = Font(bold=True, size=13)
    ws.cell(2, 4, _("Values of %(year)s: fill in the yellow cells.") % {"year": spec.year})
    progress_col = sheet.progress_col
    for col, label in enumerate(fixed_labels(), start=1):
        ws.cell(FIELD_ROW, col, label)
    for n, slot in enumerate(sheet.slots):
        ws.cell(PERIOD_ROW, FIRST_SLOT_COL + n, period_name(slot.period))
        ws.cell(FIELD_ROW, FIRST_SLOT_COL + n, field_label(slot.field))
    for n, label in enumerate(progress_labels()):
        ws.cell(FIELD_ROW, progress_col + n, label)
    ws.cell(PERIOD_ROW, progress_col, _("Progress (computed)"))
    for row in ws.iter_rows(min_row=PERIOD_ROW, max_row=FIELD_ROW, max_col=progress_col + len(PROGRESS) - 1):
        for cell in row:
            cell.fill, cell.font = _HEAD, _BOLD
    checks = _validations(ws, spec.language)
    locked = bool(spec.locked_state)
    for r, line in enumerate(sheet.lines, start=FIRST_ROW):
        fixed = (
            line.indicator_id,
            line.key,
            revisions_text(line),
            line.strategic_objective,
            line.operational_objective,
            line.text,
            line.target.raw if line.target else "",
            target_label(line.target),
            granularity_label(line.granularity),
        )
        for col, value in enumerate(fixed, start=1):
            ws.cell(r, col, value).alignment = _WRAP
        for n, slot in enumerate(sheet.slots):
            cell = ws.cell(r, FIRST_SLOT_COL + n)
            if not sheet.applies(line, slot):
                cell.fill = _BLOCKED
                continue
            cell.value = cell_value(line, slot, spec.language)
            if slot.field == "done_on":
                cell.number_format = "yyyy-mm-dd"
            if locked:
                continue  # a read-only year: no input cell
            cell.fill, cell.protection = _INPUT, _UNLOCKED
            kind = validation_kind(line, slot.field)
            if kind:
                checks[kind].add(cell.coordinate)
        progress = (
            excel_number(line.actual),
            excel_number(line.expected),
            status_label(line.status),
            line.others,
        )
        for n, value in enumerate(progress):
            ws.cell(r, progress_col + n, value)
    _format_status(ws, sheet, progress_col + 2)
    _layout(ws, sheet, progress_col)


def _format_status(ws: Worksheet, sheet: SheetSpec, col: int) -> None:
    if not sheet.lines:
        return
    letter = get_column_letter(col)
    cells = f"{letter}{FIRST_ROW}:{letter}{FIRST_ROW + len(sheet.lines) - 1}"
    for status, colour in _STATUS_FILLS.items():
        label = status_label(status).replace('"', '""')
        fill = PatternFill("solid", fgColor=colour, bgColor=colour)
        ws.conditional_formatting.add(cells, CellIsRule(operator="equal", formula=[f'"{label}"'], fill=fill))


def _layout(ws: Worksheet, sheet: SheetSpec, progress_col: int) -> None:
    for col in (ID_COL, KEY_COL, REVISIONS_COL):
        ws.column_dimensions[get_column_letter(col)].hidden = True
    for col, width in ((4, 30), (5, 30), (6, 45), (7, 14), (8, 18), (9, 10)):
        ws.column_dimensions[get_column_letter(col)].width = width
    for n in range(len(sheet.slots)):
        ws.column_dimensions[get_column_letter(FIRST_SLOT_COL + n)].width = 11
    ws.column_dimensions[get_column_letter(progress_col + 3)].width = 30
    ws.freeze_panes = ws.cell(FIRST_ROW, FIRST_SLOT_COL)
    ws.protection.sheet = True  # no password: it guards against slips, the upload checks the rest
    ws.protection.formatColumns = False  # widths may still be adjusted
