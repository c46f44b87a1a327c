"""/api/…: the money of a plan (budget of a year, allocation, occupation, expenses, reports) and
the overview across municipalities.

Amounts are strings with two decimals ("10080.00"); they are accepted as JSON numbers or strings
(Belgian "1.234,56" too). Refusals: 422 with field paths (nothing saved), 409 (year closed, plan
signed), 403 (role), 404 (plan not readable).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from balise.accounts.users import User
from balise.api import schemas
from balise.api.auth import ApiRequest
from balise.api.errors import InvalidInput
from balise.finance import actions, calendar
from balise.finance.models import Expense
from balise.finance.overview import overview
from balise.finance.rules import can_close_finance_year, can_edit_finance, sees_overview
from balise.finance.selectors import YearBudget, plan_years, year_budget
from balise.plans.access import plan_for
from balise.plans.models import Plan

router = Router(tags=["finance"])
READ_ERRORS = {401: schemas.Detail, 404: schemas.Detail, 422: schemas.ValidationErrors}
WRITE_ERRORS = {**READ_ERRORS, 413: schemas.Detail, 403: schemas.Detail, 409: schemas.Detail}
Amount = schemas.Amount
# A text the form requires: something else than spaces.
FILLED = r"\S"


class AllocationIn(Schema):
    allocation_eur: Amount = Field(None, description="blank: the plan's annual allocation")
    personnel_eur: Amount = None
    functioning_eur: Amount = None
    investment_eur: Amount = None


class OccupationIn(Schema):
    contingent: str = Field(max_length=200)
    months: dict[int, Amount] = Field(
        description="FTE employed by month (1-12); null: the planned FTE",
        json_schema_extra={"propertyNames": {"pattern": schemas.MONTH_KEY}},
    )


class ExpenseIn(Schema):
    category: Literal["personnel", "functioning", "investment"]
    contingent_name: str = Field("", max_length=200, description="blank: charged to the allocation")
    spent_on: date = Field(description="within the year of these accounts and the plan's period")
    supplier: str = Field(max_length=200, pattern=FILLED)
    description: str = Field("", max_length=300)
    amount_eur: schemas.RequiredAmount = Field(description="more than 0")
    reference: str = Field(
        max_length=100, pattern=FILLED, description="supporting document; unique within the plan"
    )


class ReportIn(Schema):
    sent_on: date | None = Field(None, description="when the report was sent (null: not sent)")
    due_on: date | None = Field(None, description="move the deadline (federal analysts)")


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def expense_out(e: Expense) -> dict[str, Any]:
    return {
        "id": e.pk,
        "year": e.finance_year.year,
        "category": e.category,
        "contingent_name": e.contingent_name,
        "spent_on": e.spent_on.isoformat(),
        "supplier": e.supplier,
        "description": e.description,
        "amount_eur": _money(e.amount_eur),
        "reference": e.reference,
    }


def budget_out(budget: YearBudget) -> dict[str, Any]:
    return {
        "plan_id": budget.plan.pk,
        "year": budget.year,
        "closed": budget.closed,
        "allocation_eur": _money(budget.allocation),
        "contingents_eur": _money(budget.contingents_due),
        "total_due_eur": _money(budget.total_due),
        "total_spent_eur": _money(budget.total_spent),
        "remaining_eur": _money(budget.remaining),
        "categories": [
            {
                "category": c.category,
                "allocated_eur": _money(c.allocated),
                "spent_eur": _money(c.spent),
                "remaining_eur": _money(c.remaining),
            }
            for c in budget.categories
        ],
        "contingents": [
            {
                "name": c.name,
                "code": c.code,
                "fte": None if c.fte is None else str(c.fte),
                "monthly_rate_eur": _money(c.monthly_rate),
                "months": c.months,
                "personnel_eur": _money(c.personnel_planned),
                "personnel_due_eur": _money(c.personnel_due),
                "equipment_eur": _money(c.equipment_allowed),
                "equipment_cap_eur": _money(c.equipment_limit),
                "total_due_eur": _money(c.total_due),
                "employed": {str(m): str(f) for m, f in sorted(c.employed.items())},
            }
            for c in budget.contingents
        ],
        "warnings": [
            {"line": w.line, "allowed_eur": _money(w.allowed), "spent_eur": _money(w.spent)}
            for w in budget.warnings
        ],
        "reports": [
            {
                "kind": d.deadline.kind,
                "due_on": d.deadline.due_on.isoformat(),
                "sent_on": d.deadline.sent_on.isoformat() if d.deadline.sent_on else None,
                "status": d.status.value,
                "overdue": d.overdue,
            }
            for d in budget.deadlines
        ],
        "expenses": [expense_out(e) for e in budget.expenses],
    }


def _plan(user: User, plan_id: int, year: int, *, edit: bool = False) -> Plan:
    plan = plan_for(user, plan_id)
    if year not in plan_years(plan):
        raise Http404
    if edit and not can_edit_finance(user, plan):
        raise PermissionDenied
    return plan


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else (None if value is None else str(value))


@router.get("/plans/{int:plan_id}/finance/{int:year}", response={200: dict[str, Any], **READ_ERRORS})
def get_budget(request: ApiRequest, plan_id: schemas.Id, year: schemas.Year) -> dict[str, Any]:
    """The budget of a year: allocation, contingents (after occupation), expenses, warnings, reports."""
    return budget_out(year_budget(_plan(request.auth, plan_id, year), year))


@router.put(
    "/plans/{int:plan_id}/finance/{int:year}/allocation", response={200: dict[str, Any], **WRITE_ERRORS}
)
def put_allocation(
    request: ApiRequest, plan_id: schemas.Id, year: schemas.Year, payload: AllocationIn
) -> dict[str, Any]:
    plan = _plan(request.auth, plan_id, year, edit=True)
    actions.set_allocation(plan, year, {k: _text(v) for k, v in payload.dict().items()}, request.auth)
    return budget_out(year_budget(plan, year))


@router.put(
    "/plans/{int:plan_id}/finance/{int:year}/occupation", response={200: dict[str, Any], **WRITE_ERRORS}
)
def put_occupation(
    request: ApiRequest, plan_id: schemas.Id, year: schemas.Year, payload: OccupationIn
) -> dict[str, Any]:
    plan = _plan(request.auth, plan_id, year, edit=True)
    months = {m: _text(v) for m, v in payload.months.items()}
    actions.record_occupation(plan, year, payload.contingent, months, request.auth)
    return budget_out(year_budget(plan, year))


@router.post(
    "/plans/{int:plan_id}/finance/{int:year}/expenses", response={201: dict[str, Any], **WRITE_ERRORS}
)
def post_expense(request: ApiRequest, plan_id: schemas.Id, year: schemas.Year, payload: ExpenseIn) -> Status:
    plan = _plan(request.auth, plan_id, year, edit=True)
    expense = actions.add_expense(plan, year, {k: _text(v) for k, v in payload.dict().items()}, request.auth)
    return Status(201, expense_out(expense))


@router.delete(
    "/plans/{int:plan_id}/finance/{int:year}/expenses/{int:expense_id}",
    response={204: None, **WRITE_ERRORS},
)
def delete_expense(
    request: ApiRequest, plan_id: schemas.Id, year: schemas.Year, expense_id: schemas.Id
) -> Status:
    plan = _plan(request.auth, plan_id, year, edit=True)
    expense = (
        Expense.objects.select_related("finance_year")
        .filter(pk=expense_id, lineage=plan.lineage, finance_year__year=year)
        .first()
    )
    if expense is None:
        raise Http404
    actions.delete_expense(plan, expense, request.auth)
    return Status(204, None)


@router.put(
    "/plans/{int:plan_id}/finance/{int:year}/reports/{kind}", response={200: dict[str, Any], **WRITE_ERRORS}
)
def put_report(
    request: ApiRequest,
    plan_id: schemas.Id,
    year: schemas.Year,
    kind: Literal["activity", "financial"],
    payload: ReportIn,
) -> dict[str, Any]:
    """Record when a report was sent (the municipality) or move its deadline (federal analysts)."""
    plan = _plan(request.auth, plan_id, year)
    sent = payload.model_fields_set & {"sent_on"}
    moved = payload.model_fields_set & {"due_on"}
    if (sent and not can_edit_finance(request.auth, plan)) or (
        moved and not can_close_finance_year(request.auth, plan)
    ):
        raise PermissionDenied
    if not sent and not moved:
        raise InvalidInput([("sent_on", _("Send sent_on, due_on or both."))])
    data = {name: _text(getattr(payload, name)) for name in sent | moved}
    calendar.set_deadline(plan, year, kind, data, request.auth)
    return budget_out(year_budget(plan, year))


@router.post("/plans/{int:plan_id}/finance/{int:year}/close", response={200: dict[str, Any], **WRITE_ERRORS})
def close_year(request: ApiRequest, plan_id: schemas.Id, year: schemas.Year) -> dict[str, Any]:
    plan = _plan(request.auth, plan_id, year)
    if not can_close_finance_year(request.auth, plan):
        raise PermissionDenied
    actions.close_year(plan, year, request.auth)
    return budget_out(year_budget(plan, year))


@router.get("/finance/overview", response={200: dict[str, Any], 401: schemas.Detail, 403: schemas.Detail})
def get_overview(request: ApiRequest, year: schemas.Year) -> dict[str, Any]:
    """Every plan in force during ``year`` the caller follows (federal analysts, regional coordinators)."""
    if not sees_overview(request.auth):
        raise PermissionDenied
    result = overview(request.auth, year)
    return {
        "year": year,
        "total_due_eur": _money(result.total_due),
        "total_spent_eur": _money(result.total_spent),
        "allocated_by_category": {k: _money(v) for k, v in result.allocated_by_category.items()},
        "spent_by_category": {k: _money(v) for k, v in result.spent_by_category.items()},
        "plans": [
            {
                "plan_id": row.plan.pk,
                "municipality": row.plan.municipality_label,
                "allocation_eur": _money(row.budget.allocation),
                "contingents_eur": _money(row.budget.contingents_due),
                "total_due_eur": _money(row.budget.total_due),
                "total_spent_eur": _money(row.budget.total_spent),
                "warnings": len(row.budget.warnings),
                "reports": {d.deadline.kind: d.status.value for d in row.deadlines},
            }
            for row in result.rows
        ],
    }
