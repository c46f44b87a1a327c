"""Shared reads of the money of a plan: the budget of one year, the overview across
municipalities, the reports overdue for a user. Each runs a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from balise import clock
from balise.domain import money
from balise.finance.models import (
    Category,
    Contingent,
    Expense,
    FinanceYear,
    Occupation,
    RateRule,
    ReportDeadline,
)
from balise.monitoring.models import Evaluation
from balise.plans.models import Plan

ZERO = Decimal("0.00")
EQUIPMENT = "equipment"  # contingent line for functioning and investment expenses


def contingent_line_key(name: str, part: str) -> str:
    return f"contingent:{name}:{part}"


def line_of(category: str, contingent_name: str) -> str:
    """The budget line an expense is charged to."""
    if not contingent_name:
        return category
    return contingent_line_key(contingent_name, "personnel" if category == Category.PERSONNEL else EQUIPMENT)


@dataclass(frozen=True)
class ContingentLine:
    name: str
    code: str
    fte: Decimal | None
    monthly_rate: Decimal | None  # the contingent's own, else the rule's for the year
    months: int
    rule: money.RateRule | None
    personnel_planned: Decimal | None
    personnel_due: Decimal | None  # after the occupation of each month
    equipment_budget: Decimal | None  # as the convention states it
    equipment_limit: Decimal | None  # cap × FTE
    equipment_allowed: Decimal | None  # the equipment budget, never above the cap
    employed: Mapping[int, Decimal]
    personnel_spent: Decimal = ZERO
    equipment_spent: Decimal = ZERO

    @property
    def total_due(self) -> Decimal | None:
        return money.contingent_total(self.personnel_due, self.equipment_allowed)

    @property
    def rate_differs(self) -> bool:
        return bool(
            self.rule and self.monthly_rate is not None and self.monthly_rate != self.rule.monthly_rate
        )


@dataclass(frozen=True)
class CategoryLine:
    category: str
    label: str
    allocated: Decimal | None
    spent: Decimal

    @property
    def remaining(self) -> Decimal | None:
        return money.balance(self.allocated, self.spent)


@dataclass(frozen=True)
class Warning:
    line: str
    allowed: Decimal
    spent: Decimal

    @property
    def excess(self) -> Decimal:
        return money.to_cents(self.spent - self.allowed)


@dataclass(frozen=True)
class DeadlineRow:
    deadline: ReportDeadline
    status: money.ReportStatus
    overdue: bool


@dataclass
class YearBudget:
    plan: Plan
    year: int
    finance_year: FinanceYear  # unsaved when nothing was recorded for the year yet
    allocation: Decimal | None
    contingents: list[ContingentLine]
    categories: list[CategoryLine]
    warnings: list[Warning]
    expenses: list[Expense] = field(default_factory=list)
    deadlines: list[DeadlineRow] = field(default_factory=list)
    closed: bool = False

    @property
    def general_spent(self) -> Decimal:
        return money.total(c.spent for c in self.categories)

    @property
    def contingents_due(self) -> Decimal:
        return money.total(c.total_due for c in self.contingents)

    @property
    def contingents_spent(self) -> Decimal:
        return money.total(c.personnel_spent + c.equipment_spent for c in self.contingents)

    @property
    def total_due(self) -> Decimal:
        """The allocation plus what the contingents bring this year."""
        return money.total([self.allocation, self.contingents_due])

    @property
    def total_spent(self) -> Decimal:
        return money.total([self.general_spent, self.contingents_spent])

    @property
    def remaining(self) -> Decimal:
        return money.to_cents(self.total_due - self.total_spent)


def plan_years(plan: Plan) -> list[int]:
    """The calendar years of the plan's period (this year alone when the period is unknown)."""
    today = clock.today()
    first = plan.period_start.year if plan.period_start else today.year
    last = plan.period_end.year if plan.period_end else max(first, today.year)
    return list(range(first, last + 1))


def rate_rules() -> list[money.RateRule]:
    return [r.as_rule() for r in RateRule.objects.all()]


def _contingent_line(
    c: Contingent, year: int, rules: list[money.RateRule], employed: Mapping[int, Decimal], spent: Mapping
) -> ContingentLine:
    rule = money.rule_for(rules, date(year, 1, 1), c.code)
    rate = c.monthly_rate_eur if c.monthly_rate_eur is not None else (rule.monthly_rate if rule else None)
    cap = c.equipment_cap_per_fte_eur
    if cap is None and rule is not None:
        cap = rule.equipment_cap_per_fte
    months = c.months or 12
    planned = due = limit = None
    if c.fte is not None and rate is not None:
        planned = money.personnel_amount(c.fte, rate, months)
        due = money.personnel_due(c.fte, rate, months, employed)
    if c.fte is not None and cap is not None:
        limit = money.equipment_cap(c.fte, cap)
    allowed = c.equipment_eur if c.equipment_eur is not None else limit
    if allowed is not None and limit is not None:
        allowed = min(allowed, limit)
    return ContingentLine(
        name=c.name,
        code=c.code,
        fte=c.fte,
        monthly_rate=rate,
        months=months,
        rule=rule,
        personnel_planned=planned,
        personnel_due=due,
        equipment_budget=c.equipment_eur,
        equipment_limit=limit,
        equipment_allowed=allowed,
        employed=dict(employed),
        personnel_spent=spent.get(contingent_line_key(c.name, "personnel"), ZERO),
        equipment_spent=spent.get(contingent_line_key(c.name, EQUIPMENT), ZERO),
    )


def compute_budget(
    plan: Plan,
    year: int,
    finance_year: FinanceYear,
    contingents: Iterable[Contingent],
    employed: Mapping[str, Mapping[int, Decimal]],
    spent: Mapping[str, Decimal],
    rules: list[money.RateRule],
) -> YearBudget:
    """The budget from rows already fetched (no query): shared by the plan page and the overview."""
    allocation = (
        finance_year.allocation_eur if finance_year.allocation_eur is not None else plan.annual_amount_eur
    )
    lines = [_contingent_line(c, year, rules, employed.get(c.name, {}), spent) for c in contingents]
    categories = [
        CategoryLine(value, str(label), finance_year.budget_of(value), spent.get(value, ZERO))
        for value, label in Category.choices
    ]
    allowed: dict[str, Decimal | None] = {c.category: c.allocated for c in categories}
    allowed["allocation"] = allocation
    used = dict(spent)
    used["allocation"] = money.total(c.spent for c in categories)
    for line in lines:
        allowed[contingent_line_key(line.name, "personnel")] = line.personnel_due
        allowed[contingent_line_key(line.name, EQUIPMENT)] = line.equipment_allowed
        # The equipment budget written in the convention may itself pass the cap.
        if line.equipment_limit is not None and line.equipment_budget is not None:
            allowed[contingent_line_key(line.name, "cap")] = line.equipment_limit
            used[contingent_line_key(line.name, "cap")] = line.equipment_budget
    warnings = [Warning(o.line, o.allowed, o.spent) for o in money.overruns(allowed, used)]
    return YearBudget(plan, year, finance_year, allocation, lines, categories, warnings)


def finance_year_of(plan: Plan, year: int) -> FinanceYear:
    found = FinanceYear.objects.filter(lineage=plan.lineage, year=year).first()
    return found or FinanceYear(plan=plan, lineage=plan.lineage, year=year, revision=0)


def is_year_closed(plan: Plan, year: int, finance_year: FinanceYear | None = None) -> bool:

    finance_year = finance_year or finance_year_of(plan, year)
    if finance_year.closed:
        return True
    return Evaluation.objects.filter(lineage=plan.lineage, year=year, state=Evaluation.State.CLOSED).exists()


def spent_by_line(expenses: Iterable[Expense]) -> dict[str, Decimal]:
    spent: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for e in expenses:
        spent[line_of(e.category, e.contingent_name)] += e.amount_eur
    return dict(spent)


def year_budget(plan: Plan, year: int, *, today: date | None = None) -> YearBudget:
    """Everything the finance page of one year shows: seven queries whatever the plan."""
    today = today or clock.today()
    finance_year = finance_year_of(plan, year)
    contingents = list(plan.contingents.all())
    expenses = list(
        Expense.objects.filter(lineage=plan.lineage, finance_year__year=year).select_related("entered_by")
    )
    employed: dict[str, dict[int, Decimal]] = defaultdict(dict)
    if finance_year.pk:
        for o in Occupation.objects.filter(finance_year=finance_year):
            employed[o.contingent_name][o.month] = o.fte
    budget = compute_budget(
        plan, year, finance_year, contingents, employed, spent_by_line(expenses), rate_rules()
    )
    budget.expenses = expenses
    budget.deadlines = deadline_rows(ReportDeadline.objects.filter(lineage=plan.lineage, year=year), today)
    budget.closed = is_year_closed(plan, year, finance_year)
    return budget


def deadline_rows(deadlines: Iterable[ReportDeadline], today: date) -> list[DeadlineRow]:
    return [DeadlineRow(d, d.status(today), money.is_overdue(d.due_on, d.sent_on, today)) for d in deadlines]
