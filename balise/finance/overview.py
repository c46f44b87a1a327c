"""The money of every plan a federal or regional user follows, for one year: seven queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum

from balise import clock
from balise.accounts.rules import restrict_plans
from balise.accounts.users import Visitor
from balise.domain import money
from balise.finance.models import Category, Contingent, Expense, FinanceYear, Occupation, ReportDeadline
from balise.finance.selectors import (
    DeadlineRow,
    YearBudget,
    compute_budget,
    deadline_rows,
    line_of,
    rate_rules,
)
from balise.plans.models import Plan, PlanKind, PlanStatus


@dataclass(frozen=True)
class OverviewRow:
    plan: Plan
    budget: YearBudget
    spent_by_category: dict[str, Decimal]
    deadlines: list[DeadlineRow]

    @property
    def late_reports(self) -> int:
        return sum(1 for d in self.deadlines if d.status == money.ReportStatus.LATE)


@dataclass(frozen=True)
class Overview:
    year: int
    rows: list[OverviewRow]
    allocated_by_category: dict[str, Decimal]
    spent_by_category: dict[str, Decimal]

    @property
    def total_due(self) -> Decimal:
        return money.total(r.budget.total_due for r in self.rows)

    @property
    def total_spent(self) -> Decimal:
        return money.total(r.budget.total_spent for r in self.rows)


def plans_of_year(user: Visitor, year: int) -> QuerySet[Plan]:
    """Grant-carrying plans (municipal, not regional) in force during ``year`` that ``user`` reads."""
    plans = (
        Plan.objects.filter(municipality__isnull=False)
        .exclude(kind=PlanKind.PGSP)
        .exclude(status=PlanStatus.SUPERSEDED)
        .filter(Q(period_start__isnull=True) | Q(period_start__lte=date(year, 12, 31)))
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=date(year, 1, 1)))
    )
    return (
        restrict_plans(user, plans).select_related("municipality").order_by("municipality__name_fr", "title")
    )


def overview(user: Visitor, year: int, *, today: date | None = None) -> Overview:
    today = today or clock.today()
    plans = list(
        plans_of_year(user, year).prefetch_related(Prefetch("contingents", Contingent.objects.all()))
    )
    lineages = {p.lineage for p in plans}
    years = {fy.lineage: fy for fy in FinanceYear.objects.filter(lineage__in=lineages, year=year)}
    employed: dict = defaultdict(lambda: defaultdict(dict))
    for o in Occupation.objects.filter(finance_year__in=years.values()).select_related("finance_year"):
        employed[o.finance_year.lineage][o.contingent_name][o.month] = o.fte
    spent: dict = defaultdict(lambda: defaultdict(lambda: Decimal("0.00")))
    by_category: dict = defaultdict(lambda: defaultdict(lambda: Decimal("0.00")))
    for row in (
        Expense.objects.filter(lineage__in=lineages, finance_year__year=year)
        .values("lineage", "category", "contingent_name")
        .annotate(amount=Sum("amount_eur"))
    ):
        spent[row["lineage"]][line_of(row["category"], row["contingent_name"])] += row["amount"]
        by_category[row["lineage"]][row["category"]] += row["amount"]
    deadlines = defaultdict(list)
    for d in ReportDeadline.objects.filter(lineage__in=lineages, year=year):
        deadlines[d.lineage].append(d)
    rules = rate_rules()
    rows = []
    for plan in plans:
        finance_year = years.get(plan.lineage) or FinanceYear(plan=plan, lineage=plan.lineage, year=year)
        budget = compute_budget(
            plan,
            year,
            finance_year,
            plan.contingents.all(),
            employed[plan.lineage],
            spent[plan.lineage],
            rules,
        )
        categories = {c: by_category[plan.lineage][c] for c in Category.values}
        rows.append(OverviewRow(plan, budget, categories, deadline_rows(deadlines[plan.lineage], today)))
    return Overview(
        year,
        rows,
        _allocated(rows),
        {c: money.total(r.spent_by_category[c] for r in rows) for c in Category.values},
    )


def _allocated(rows: list[OverviewRow]) -> dict[str, Decimal]:
    """What each category allows across plans: the category budgets where they are set, and
    the contingents (personnel to personnel, equipment to functioning)."""
    result = {c: Decimal("0.00") for c in Category.values}
    for row in rows:
        for line in row.budget.categories:
            result[line.category] += line.allocated or 0
        for c in row.budget.contingents:
            result[Category.PERSONNEL] += c.personnel_due or 0
            result[Category.FUNCTIONING] += c.equipment_allowed or 0
    return {c: money.to_cents(v) for c, v in result.items()}
