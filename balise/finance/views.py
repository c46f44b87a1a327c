"""The money pages of one plan, under /plans/<plan_id>/finance/: the budget of a year (allocation,
contingents and their occupation, expenses, reports) and its writes. Thin: read the form,
authorize, call one action, show the page again (with the errors next to the form, nothing saved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balise.accounts.users import AuthenticatedRequest, Visitor
from balise.finance import actions, calendar
from balise.finance.errors import Invalid, YearClosed
from balise.finance.models import Category, Contingent, Expense, ReportKind
from balise.finance.reports import budget_chart
from balise.finance.rules import can_close_finance_year, can_edit_finance, can_reopen_finance_year
from balise.finance.selectors import plan_years, year_budget
from balise.monitoring.errors import MonitoringError
from balise.monitoring.selectors import default_year
from balise.plans.access import plan_for
from balise.plans.editing import PlanLocked
from balise.plans.models import Plan

YEAR_PAGE = "finance/year.html"
MONTHS = range(1, 13)


def year_url(plan_id: int, year: int, anchor: str = "") -> str:
    return reverse("finance-year", args=[plan_id, year]) + (f"#{anchor}" if anchor else "")


def plan_and_year(user: Visitor, plan_id: int, year: int, *, edit: bool = False) -> Plan:
    plan = plan_for(user, plan_id)
    if year not in plan_years(plan):
        raise Http404
    if edit and not can_edit_finance(user, plan):
        raise PermissionDenied
    return plan


def _context(request: HttpRequest, plan: Plan, year: int, **extra: Any) -> dict[str, Any]:
    budget = year_budget(plan, year)
    user = request.user
    return {
        "plan": plan,
        "year": year,
        "years": plan_years(plan),
        "budget": budget,
        "chart": budget_chart(budget),
        "months": MONTHS,
        "categories": Category.choices,
        "report_kinds": ReportKind.choices,
        "may_edit": can_edit_finance(user, plan) and not budget.closed,
        "may_close": can_close_finance_year(user, plan) and not budget.finance_year.closed,
        "may_reopen": can_reopen_finance_year(user) and budget.finance_year.closed,
        "may_move_deadlines": can_close_finance_year(user, plan) and not budget.closed,
        "errors": {},
        "form": "",
        "posted": {},
        **extra,
    }


def _page(request: HttpRequest, plan: Plan, year: int, *, status: int = 200, **extra: Any) -> HttpResponse:
    # A browser posting a form expects a 200 page; htmx and the tests read the 422/409.
    if status != 200 and not request.headers.get("HX-Request"):
        status = 200 if status == 422 else status
    return render(request, YEAR_PAGE, _context(request, plan, year, **extra), status=status)


def _write(
    request: HttpRequest, plan: Plan, year: int, form: str, action: Callable[[], object], done: str
) -> HttpResponse:
    """Run one action; on success back to the page (PRG), else the page with what went wrong."""
    try:
        action()
    except Invalid as exc:
        return _page(request, plan, year, status=422, errors=exc.errors, form=form, posted=request.POST)
    except (YearClosed, PlanLocked, MonitoringError) as exc:
        return _page(request, plan, year, status=409, refusal=str(exc), form=form)
    messages.success(request, done)
    return redirect(year_url(plan.pk, year, form))


@login_required
def finance_index(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)

    return redirect(year_url(plan.pk, default_year(plan_years(plan))))


@login_required
def year_page(request: AuthenticatedRequest, plan_id: int, year: int) -> HttpResponse:
    plan = plan_and_year(request.user, plan_id, year)
    return _page(request, plan, year)


@login_required
@require_POST
def allocation(request: AuthenticatedRequest, plan_id: int, year: int) -> HttpResponse:
    plan = plan_and_year(request.user, plan_id, year, edit=True)
    fields = ("allocation_eur", *(f"{c}_eur" for c in Category.values))
    data = {name: request.POST.get(name, "") for name in fields}
    return _write(
        request,
        plan,
        year,
        "allocation",
        lambda: actions.set_allocation(plan, year, data, request.user),
        _("Allocation saved."),
    )


@login_required
@require_POST
def contingent(
    request: AuthenticatedRequest, plan_id: int, year: int, contingent_id: int | None = None
) -> HttpResponse:
    plan = plan_and_year(request.user, plan_id, year, edit=True)
    current = get_object_or_404(Contingent, pk=contingent_id, plan=plan) if contingent_id else None
    fields = ("name", "fte", "monthly_rate_eur", "equipment_eur", "equipment_cap_per_fte_eur")
    data = {name: request.POST[name] for name in fields if name in request.POST}
    return _write(
        request,
        plan,
        year,
        "contingents",
        lambda: actions.save_contingent(plan, data, request.user, current),
        _("Contingent saved."),
    )


@login_required
@require_POST
def occupation(request: AuthenticatedRequest, plan_id: int, year: int) -> HttpResponse:
    plan = plan_and_year(request.user, plan_id, year, edit=True)
    name = request.POST.get("contingent", "")
    months = {m: request.POST.get(f"m{m}", "") for m in MONTHS if f"m{m}" in request.POST}
    return _write(
        request,
        plan,
        year,
        "occupation",
        lambda: actions.record_occupation(plan, year, name, months, request.user),
        _("Occupation saved."),
    )


EXPENSE_FIELDS = (
    "category",
    "contingent_name",
    "spent_on",
    "supplier",
    "description",
    "amount_eur",
    "reference",
)


@login_required
@require_POST
def expense_add(request: AuthenticatedRequest, plan_id: int, year: int) -> HttpResponse:
    plan = plan_and_year(request.user, plan_id, year, edit=True)
    data = {name: request.POST.get(name, "") for name in EXPENSE_FIELDS}
    return _write(
        request,
        plan,
        year,
        "expenses",
        lambda: actions.add_expense(plan, year, data, request.user),
        _("Expense recorded."),
    )


def _expense(plan: Plan, year: int, expense_id: int) -> Expense:
    return get_object_or_404(
        Expense.objects.select_related("finance_year"),
        pk=expense_id,
        lineage=plan.lineage,
        finance_year__year=year,
    )


@login_required
@require_POST
def expense_edit(request: AuthenticatedRequest, plan_id: int, year: int, expense_id: int) -> HttpResponse:
    plan = plan_and_year(request.user, plan_id, year, edit=True)
    expense = _expense(plan, year, expense_id)
    data = {name: request.POST[name] for name in EXPENSE_FIELDS if name in request.POST}
    return _write(
        request,
        plan,
        year,
        f"expense-{expense.pk}",
        lambda: actions.update_expense(plan, expense, data, request.user),
        _("Expense saved."),
    )


@login_required
@require_POST
def expense_delete(request: AuthenticatedRequest, plan_id: int, year: int, expense_id: int) -> HttpResponse:
    plan = plan_and_year(request.user, plan_id, year, edit=True)
    expense = _expense(plan, year, expense_id)
    return _write(
        request,
        plan,
        year,
        "expenses",
        lambda: actions.delete_expense(plan, expense, request.user),
        _("Expense deleted."),
    )


@login_required
@require_POST
def report(request: AuthenticatedRequest, plan_id: int, year: int, kind: str) -> HttpResponse:
    """Record when a report was sent (the municipality) or move its deadline (federal analysts)."""
    plan = plan_and_year(request.user, plan_id, year)
    if kind not in ReportKind.values:
        raise Http404
    data = {}
    if "sent_on" in request.POST:
        if not can_edit_finance(request.user, plan):
            raise PermissionDenied
        data["sent_on"] = request.POST["sent_on"]
    if "due_on" in request.POST:
        if not can_close_finance_year(request.user, plan):
            raise PermissionDenied
        data["due_on"] = request.POST["due_on"]
    if not data:
        raise PermissionDenied if not can_edit_finance(request.user, plan) else Http404
    return _write(
        request,
        plan,
        year,
        "reports",
        lambda: calendar.set_deadline(plan, year, kind, data, request.user),
        _("Reporting calendar saved."),
    )


@login_required
@require_POST
def calendar_defaults(request: AuthenticatedRequest, plan_id: int, year: int) -> HttpResponse:
    plan = plan_and_year(request.user, plan_id, year)
    if not (can_edit_finance(request.user, plan) or can_close_finance_year(request.user, plan)):
        raise PermissionDenied
    return _write(
        request,
        plan,
        year,
        "reports",
        lambda: calendar.ensure_calendar(plan, request.user),
        _("Deadlines set for every year of the plan."),
    )


@login_required
@require_POST
def transmissions(request: AuthenticatedRequest, plan_id: int, year: int) -> HttpResponse:
    plan = plan_and_year(request.user, plan_id, year, edit=True)
    return _write(
        request,
        plan,
        year,
        "reports",
        lambda: calendar.record_transmissions(plan, year, request.user),
        _("The transmission indicators took their value from the calendar."),
    )


@login_required
@require_POST
def close(request: AuthenticatedRequest, plan_id: int, year: int) -> HttpResponse:
    plan = plan_and_year(request.user, plan_id, year)
    if not can_close_finance_year(request.user, plan):
        raise PermissionDenied
    return _write(
        request, plan, year, "", lambda: actions.close_year(plan, year, request.user), _("Year closed.")
    )


@login_required
@require_POST
def reopen(request: AuthenticatedRequest, plan_id: int, year: int) -> HttpResponse:
    plan = plan_and_year(request.user, plan_id, year)
    if not can_reopen_finance_year(request.user):
        raise PermissionDenied
    return _write(
        request, plan, year, "", lambda: actions.reopen_year(plan, year, request.user), _("Year reopened.")
    )
