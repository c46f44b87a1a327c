"""Writes to the money of a plan: named, atomic, with history (the author is ``_history_user``).

Every action validates all its input first and raises `Invalid` (nothing saved) or `YearClosed`
(the year is closed in finance or its evaluation is closed in monitoring).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balise import clock
from balise.accounts.actors import Actor, require
from balise.accounts.history import set_author
from balise.accounts.users import signed_in
from balise.domain import money
from balise.finance import validation as read
from balise.finance.errors import Invalid, YearClosed
from balise.finance.models import Category, Contingent, Expense, FinanceYear, Occupation
from balise.finance.rules import can_close_finance_year, can_edit_finance, can_reopen_finance_year
from balise.finance.selectors import is_year_closed, plan_years, rate_rules
from balise.plans.editing import PlanLocked
from balise.plans.models import Plan, PlanStatus


def check_year(plan: Plan, year: int) -> None:
    if year not in plan_years(plan):
        raise Invalid({"year": [_("%(year)s is outside the period of the plan.") % {"year": year}]})


def ensure_year_open(plan: Plan, year: int, finance_year: FinanceYear | None = None) -> None:
    if is_year_closed(plan, year, finance_year):
        raise YearClosed(year)


def _open_year(plan: Plan, year: int, user: Actor) -> FinanceYear:
    """The financial year, created on first write, locked for the rest of the transaction."""
    check_year(plan, year)
    finance_year = FinanceYear.objects.select_for_update().filter(lineage=plan.lineage, year=year).first()
    if finance_year is None:
        finance_year = FinanceYear(plan=plan, lineage=plan.lineage, year=year)
        set_author(finance_year, user)
        finance_year.save()
    ensure_year_open(plan, year, finance_year)
    return finance_year


@transaction.atomic
def set_allocation(plan: Plan, year: int, data: dict[str, Any], user: Actor) -> FinanceYear:
    """The allocation of a year (blank: the plan's annual amount) and its split by category;
    the categories together cannot pass the allocation."""
    require(can_edit_finance, user, plan)
    errors: read.Errors = {}
    values = {
        name: read.amount(errors, name, data.get(name), required=False)
        for name in ("allocation_eur", *(f"{c}_eur" for c in Category.values))
    }
    allocation = values["allocation_eur"] if values["allocation_eur"] is not None else plan.annual_amount_eur
    split = money.total(values[f"{c}_eur"] for c in Category.values)
    if not errors and allocation is not None and split > allocation:
        errors["__all__"] = [
            _("The categories add up to %(split)s, more than the allocation of %(allocation)s.")
            % {"split": money.format_eur(split), "allocation": money.format_eur(allocation)}
        ]
    if errors:
        raise Invalid(errors)
    finance_year = _open_year(plan, year, user)
    for name, value in values.items():
        setattr(finance_year, name, value)
    finance_year.revision += 1
    set_author(finance_year, user)
    finance_year.save()
    return finance_year


@transaction.atomic
def save_contingent(
    plan: Plan, data: dict[str, Any], user: Actor, contingent: Contingent | None = None
) -> Contingent:
    """Create or change a contingent of a draft plan. The rate and the cap default to the rule
    table in force at the start of the plan; the equipment budget cannot pass cap × FTE."""
    require(can_edit_finance, user, plan)
    if plan.status != PlanStatus.DRAFT:
        raise PlanLocked(plan)
    errors: read.Errors = {}
    name = read.text(errors, "name", data.get("name", contingent.name if contingent else ""), max_length=200)
    fte = read.fte(errors, "fte", data.get("fte"))
    equipment = read.amount(errors, "equipment_eur", data.get("equipment_eur"), required=False)
    rule = money.rule_for(rate_rules(), plan.period_start or clock.today(), money.contingent_code(name))
    rate = read.amount(errors, "monthly_rate_eur", data.get("monthly_rate_eur"), required=rule is None)
    cap = read.amount(
        errors, "equipment_cap_per_fte_eur", data.get("equipment_cap_per_fte_eur"), required=False
    )
    rate = rate if rate is not None else (rule.monthly_rate if rule else None)
    cap = cap if cap is not None else (rule.equipment_cap_per_fte if rule else None)
    if (
        fte is not None
        and cap is not None
        and equipment is not None
        and equipment > money.equipment_cap(fte, cap)
    ):
        errors.setdefault("equipment_eur", []).append(
            _("Equipment and training cannot pass %(cap)s (%(per)s per FTE).")
            % {"cap": money.format_eur(money.equipment_cap(fte, cap)), "per": money.format_eur(cap)}
        )
    clash = plan.contingents.filter(name__iexact=name)
    if contingent is not None:
        clash = clash.exclude(pk=contingent.pk)
    if name and clash.exists():
        errors.setdefault("name", []).append(_("This plan already has a contingent of that name."))
    if errors:
        raise Invalid(errors)
    closed = (
        FinanceYear.objects.filter(lineage=plan.lineage, closed=True).values_list("year", flat=True).first()
    )
    if closed is not None:
        raise YearClosed(closed)
    contingent = contingent or Contingent(plan=plan, order=plan.contingents.count())
    contingent.name, contingent.fte, contingent.months = name, fte, contingent.months or 12
    contingent.monthly_rate_eur, contingent.equipment_cap_per_fte_eur = rate, cap
    contingent.equipment_eur = equipment
    set_author(contingent, user)
    contingent.save()
    return contingent


@transaction.atomic
def record_occupation(
    plan: Plan, year: int, contingent_name: str, months: dict[int, Any], user: Actor
) -> list[Occupation]:
    """The FTE employed each month on a contingent; a blank month goes back to the planned FTE.
    Never more than the contingent's FTE."""
    require(can_edit_finance, user, plan)
    contingent = plan.contingents.filter(name=contingent_name).first()
    if contingent is None:
        raise Invalid({"contingent": [_("This plan has no such contingent.")]})
    errors: read.Errors = {}
    values: dict[int, Any] = {}
    for month, raw in months.items():
        if not 1 <= int(month) <= (contingent.months or 12):
            errors.setdefault(f"m{month}", []).append(_("This month is outside the contingent."))
            continue
        fte = read.fte(errors, f"m{month}", raw, required=False)
        if fte is not None and contingent.fte is not None and fte > contingent.fte:
            errors.setdefault(f"m{month}", []).append(
                _("%(fte)s FTE is more than the contingent's %(planned)s.")
                % {"fte": money.format_number(fte), "planned": money.format_number(contingent.fte)}
            )
        values[int(month)] = fte
    if errors:
        raise Invalid(errors)
    finance_year = _open_year(plan, year, user)
    existing = {o.month: o for o in finance_year.occupations.filter(contingent_name=contingent_name)}
    kept = []
    for month, fte in sorted(values.items()):
        row = existing.get(month)
        if fte is None:
            if row is not None:
                set_author(row, user)
                row.delete()
            continue
        row = row or Occupation(
            finance_year=finance_year, contingent_name=contingent_name, month=month, fte=fte
        )
        row.fte = fte
        set_author(row, user)
        row.save()
        kept.append(row)
    return kept


def _expense_values(plan: Plan, year: int, data: dict[str, Any], current: Expense | None) -> dict[str, Any]:
    errors: read.Errors = {}
    amount = read.amount(errors, "amount_eur", data.get("amount_eur"))
    if amount is not None and amount == 0:
        errors.setdefault("amount_eur", []).append(_("An expense cannot be zero."))
    spent_on = read.day(errors, "spent_on", data.get("spent_on"))
    supplier = read.text(errors, "supplier", data.get("supplier"), max_length=200)
    description = read.text(errors, "description", data.get("description"), max_length=300, required=False)
    reference = read.text(errors, "reference", data.get("reference"), max_length=100)
    category = data.get("category") or ""
    if category not in Category.values:
        errors.setdefault("category", []).append(_("Choose personnel, functioning or investment."))
    contingent_name = (data.get("contingent_name") or "").strip()
    if contingent_name and not plan.contingents.filter(name=contingent_name).exists():
        errors.setdefault("contingent_name", []).append(_("This plan has no such contingent."))
    if spent_on is not None:
        if (plan.period_start and spent_on < plan.period_start) or (
            plan.period_end and spent_on > plan.period_end
        ):
            errors.setdefault("spent_on", []).append(_("This date is outside the period of the plan."))
        elif spent_on.year != year:
            errors.setdefault("spent_on", []).append(
                _("This date is not in %(year)s, the year of these accounts.") % {"year": year}
            )
    if reference:
        duplicate = Expense.objects.filter(lineage=plan.lineage, reference__iexact=reference)
        if current is not None:
            duplicate = duplicate.exclude(pk=current.pk)
        if duplicate.exists():
            errors.setdefault("reference", []).append(
                _("The supporting document “%(reference)s” already justifies another expense of this plan.")
                % {"reference": reference}
            )
    if errors:
        raise Invalid(errors)
    return {
        "amount_eur": amount,
        "spent_on": spent_on,
        "supplier": supplier,
        "description": description,
        "reference": reference,
        "category": category,
        "contingent_name": contingent_name,
    }


@transaction.atomic
def add_expense(plan: Plan, year: int, data: dict[str, Any], user: Actor) -> Expense:
    require(can_edit_finance, user, plan)
    check_year(plan, year)
    values = _expense_values(plan, year, data, None)
    finance_year = _open_year(plan, year, user)
    expense = Expense(finance_year=finance_year, lineage=plan.lineage, entered_by=signed_in(user), **values)
    set_author(expense, user)
    expense.save()
    return expense


@transaction.atomic
def update_expense(plan: Plan, expense: Expense, data: dict[str, Any], user: Actor) -> Expense:
    require(can_edit_finance, user, plan)
    year = expense.finance_year.year
    values = _expense_values(plan, year, {**_as_data(expense), **data}, expense)
    _open_year(plan, year, user)
    for name, value in values.items():
        setattr(expense, name, value)
    set_author(expense, user)
    expense.save()
    return expense


@transaction.atomic
def delete_expense(plan: Plan, expense: Expense, user: Actor) -> None:
    require(can_edit_finance, user, plan)
    _open_year(plan, expense.finance_year.year, user)
    set_author(expense, user)
    expense.delete()


def _as_data(expense: Expense) -> dict[str, Any]:
    return {
        "amount_eur": expense.amount_eur,
        "spent_on": expense.spent_on,
        "supplier": expense.supplier,
        "description": expense.description,
        "reference": expense.reference,
        "category": expense.category,
        "contingent_name": expense.contingent_name,
    }


@transaction.atomic
def close_year(plan: Plan, year: int, user: Actor) -> FinanceYear:
    """Close the accounts of a year: nothing of it changes until an administrator reopens it."""
    require(can_close_finance_year, user, plan)
    finance_year = _open_year(plan, year, user)
    finance_year.closed, finance_year.closed_on, finance_year.closed_by = (
        True,
        timezone.now(),
        signed_in(user),
    )
    finance_year.revision += 1
    set_author(finance_year, user)
    finance_year.save()
    return finance_year


@transaction.atomic
def reopen_year(plan: Plan, year: int, user: Actor) -> FinanceYear:
    require(can_reopen_finance_year, user)
    finance_year = FinanceYear.objects.select_for_update().filter(lineage=plan.lineage, year=year).first()
    if finance_year is None or not finance_year.closed:
        raise Invalid({"year": [_("The year %(year)s is not closed.") % {"year": year}]})
    finance_year.closed, finance_year.closed_on, finance_year.closed_by = False, None, None
    finance_year.revision += 1
    set_author(finance_year, user)
    finance_year.save()
    return finance_year
