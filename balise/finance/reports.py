"""The financial report of a plan's year, as XLSX (openpyxl) and PDF (WeasyPrint), with the
chart of allocated against spent per budget line (`balise.charts`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from balise import charts
from balise.finance.contingents import contingent_label
from balise.finance.models import ReportKind
from balise.finance.selectors import YearBudget
from balise.spreadsheets import workbook_bytes
from balise.typography import typeset_html

EUR_FORMAT = '#,##0.00\\ "€"'
FTE_FORMAT = "0.00"


def budget_bars(budget: YearBudget) -> list[charts.BudgetBar]:
    """The budget lines as plain data for the chart: categories, then each contingent's parts."""
    bars = [charts.BudgetBar(c.label, c.allocated, c.spent) for c in budget.categories]
    for c in budget.contingents:
        name = contingent_label(c.name)
        bars.append(charts.BudgetBar(f"{name} · {_('personnel')}", c.personnel_due, c.personnel_spent))
        bars.append(charts.BudgetBar(f"{name} · {_('equipment')}", c.equipment_allowed, c.equipment_spent))
    return bars


def budget_chart(budget: YearBudget) -> charts.Chart:
    return charts.allocated_vs_spent(
        budget_bars(budget), title=f"{budget.plan.municipality_label} {budget.year}"
    )


def _sheet(
    workbook: Workbook,
    title: str,
    header: list[str],
    rows: Sequence[Sequence[object]],
    money_columns: set[int],
) -> Worksheet:

    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Lazy translations are not text to openpyxl: make them so.
        sheet.append([str(v) if isinstance(v, Promise) else v for v in row])
    for column in money_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = EUR_FORMAT
    for n, name in enumerate(header, start=1):
        sheet.column_dimensions[sheet.cell(1, n).column_letter].width = max(14, min(50, len(name) + 4))
    return sheet


def to_xlsx(budget: YearBudget) -> bytes:
    """Amounts are numbers in the cells (formatted in euros), so the sheet adds them up itself.
    One sheet each: summary, categories, contingents, expenses, reports."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for add_sheet in (_summary_sheet, _categories_sheet, _contingents_sheet, _expenses_sheet, _reports_sheet):
        add_sheet(workbook, budget)
    return workbook_bytes(workbook)


def _summary_sheet(workbook: Workbook, budget: YearBudget) -> None:
    summary: list[list[object]] = [
        [_("Plan"), budget.plan.title],
        [_("Municipality"), budget.plan.municipality_label],
        [_("Year"), budget.year],
        [_("Allocation"), budget.allocation],
        [_("Contingents"), budget.contingents_due],
        [_("Total due"), budget.total_due],
        [_("Total spent"), budget.total_spent],
        [_("Remaining"), budget.remaining],
        [_("Year closed"), _("yes") if budget.closed else _("no")],
    ]
    sheet = _sheet(workbook, _("Summary"), [_("Item"), _("Value")], summary, set())
    for (cell,) in sheet.iter_rows(min_row=5, max_row=9, min_col=2, max_col=2):
        cell.number_format = EUR_FORMAT


def _categories_sheet(workbook: Workbook, budget: YearBudget) -> None:
    _sheet(
        workbook,
        _("Categories"),
        [_("Category"), _("Allocated"), _("Spent"), _("Remaining")],
        [[c.label, c.allocated, c.spent, c.remaining] for c in budget.categories],
        {2, 3, 4},
    )


def _contingents_sheet(workbook: Workbook, budget: YearBudget) -> None:
    _sheet(
        workbook,
        _("Contingents"),
        [
            _("Contingent"),
            _("FTE"),
            _("Monthly intervention per FTE"),
            _("Months"),
            _("Personnel (planned)"),
            _("Personnel (due after occupation)"),
            _("Equipment cap"),
            _("Equipment"),
            _("Total due"),
            _("Spent on personnel"),
            _("Spent on equipment"),
        ],
        [
            [
                c.name,
                c.fte,
                c.monthly_rate,
                c.months,
                c.personnel_planned,
                c.personnel_due,
                c.equipment_limit,
                c.equipment_allowed,
                c.total_due,
                c.personnel_spent,
                c.equipment_spent,
            ]
            for c in budget.contingents
        ],
        {3, 5, 6, 7, 8, 9, 10, 11},
    )


def _expenses_sheet(workbook: Workbook, budget: YearBudget) -> None:
    _sheet(
        workbook,
        _("Expenses"),
        [
            _("Date"),
            _("Category"),
            _("Contingent"),
            _("Supplier"),
            _("Description"),
            _("Amount"),
            _("Document"),
        ],
        [
            [
                e.spent_on,
                e.get_category_display(),
                e.contingent_name,
                e.supplier,
                e.description,
                e.amount_eur,
                e.reference,
            ]
            for e in budget.expenses
        ],
        {6},
    )


def _reports_sheet(workbook: Workbook, budget: YearBudget) -> None:
    _sheet(
        workbook,
        _("Reports"),
        [_("Report"), _("Due on"), _("Sent on"), _("Status")],
        [
            [ReportKind(d.deadline.kind).label, d.deadline.due_on, d.deadline.sent_on, status_label(d.status)]
            for d in budget.deadlines
        ],
        set(),
    )


def status_label(status: str) -> str:
    return {"to_do": _("to do"), "on_time": _("sent on time"), "late": _("late")}.get(status, status)


def to_pdf(budget: YearBudget) -> bytes:
    # Late: WeasyPrint (Pango, fonts) takes seconds to import; only PDF rendering needs it.
    from weasyprint import HTML

    html = render_to_string("finance/report_pdf.html", {"budget": budget, "chart": budget_chart(budget)})
    return HTML(string=typeset_html(html, get_language()), base_url=None).write_pdf()
