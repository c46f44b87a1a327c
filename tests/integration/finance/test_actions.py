"""Writes to the money of a plan: what is accepted, what is refused (nothing saved), closed years."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balise.finance import actions
from balise.finance.errors import Invalid, YearClosed
from balise.finance.models import Expense, FinanceYear, Occupation
from balise.finance.selectors import year_budget
from balise.monitoring import workflow
from balise.monitoring.models import Evaluation
from balise.plans.editing import PlanLocked
from balise.plans.versioning import amend_plan
from tests.integration.finance.conftest import CONTINGENT, YEAR, expense

pytestmark = pytest.mark.django_db


def test_the_budget_of_a_year_computes_every_total(plan):
    budget = year_budget(plan, YEAR)
    line = budget.contingents[0]
    assert (line.personnel_planned, line.equipment_allowed, line.total_due) == (
        Decimal("7560.00"),
        Decimal("550.29"),
        Decimal("8110.29"),
    )
    assert (budget.allocation, budget.total_due, budget.remaining) == (
        Decimal("250000.00"),
        Decimal("258110.29"),
        Decimal("258110.29"),
    )
    assert budget.finance_year.pk is None  # reading creates nothing


def test_a_year_can_have_its_own_allocation_split_by_category(plan, owner):
    actions.set_allocation(
        plan,
        YEAR,
        {"allocation_eur": "260.000,00", "personnel_eur": "200000", "functioning_eur": "60000"},
        owner,
    )
    budget = year_budget(plan, YEAR)
    assert budget.allocation == Decimal("260000.00")
    assert {c.category: c.allocated for c in budget.categories} == {
        "personnel": Decimal("200000.00"),
        "functioning": Decimal("60000.00"),
        "investment": None,
    }
    assert year_budget(plan, YEAR + 1).allocation == Decimal("250000.00")  # other years keep the plan's


def test_categories_cannot_add_up_to_more_than_the_allocation(plan, owner):
    with pytest.raises(Invalid) as caught:
        actions.set_allocation(plan, YEAR, {"personnel_eur": "200000", "investment_eur": "50000,01"}, owner)
    assert "__all__" in caught.value.errors
    assert not FinanceYear.objects.exists()


def test_a_vacant_month_lowers_what_the_contingent_brings(plan, owner):
    actions.record_occupation(plan, YEAR, CONTINGENT, {1: "1,5", 2: "0", 3: "1"}, owner)
    line = year_budget(plan, YEAR).contingents[0]
    # February vacant (-1,5 FTE), March half (-0,5 FTE): 2 FTE-months × 420 less.
    assert line.personnel_due == Decimal("7560.00") - 2 * Decimal(420)
    assert line.employed == {1: Decimal("1.50"), 2: Decimal("0.00"), 3: Decimal("1.00")}
    actions.record_occupation(plan, YEAR, CONTINGENT, {2: ""}, owner)  # back to the planned FTE
    assert year_budget(plan, YEAR).contingents[0].personnel_due == Decimal("7560.00") - Decimal(210)


@pytest.mark.parametrize(
    ("months", "field"),
    [({4: "2"}, "m4"), ({4: "-1"}, "m4"), ({4: "un"}, "m4"), ({13: "1"}, "m13")],
)
def test_an_impossible_occupation_is_refused_and_nothing_is_saved(plan, owner, months, field):
    with pytest.raises(Invalid) as caught:
        actions.record_occupation(plan, YEAR, CONTINGENT, {1: "1", **months}, owner)
    assert field in caught.value.errors
    assert not Occupation.objects.exists() and not FinanceYear.objects.exists()


def test_more_fte_than_the_contingent_says_so(plan, owner):
    with pytest.raises(Invalid) as caught:
        actions.record_occupation(plan, YEAR, CONTINGENT, {5: "2"}, owner)
    assert "more than the contingent" in caught.value.errors["m5"][0]


def test_an_expense_is_recorded_and_lowers_the_balance(plan, owner):
    recorded = actions.add_expense(plan, YEAR, expense(), owner)
    assert (recorded.amount_eur, recorded.entered_by) == (Decimal("1234.56"), owner)
    budget = year_budget(plan, YEAR)
    assert budget.general_spent == Decimal("1234.56")
    assert budget.remaining == Decimal("258110.29") - Decimal("1234.56")
    assert recorded.history.first().history_user == owner


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount_eur": "-10"}, "amount_eur"),
        ({"amount_eur": "dix euros"}, "amount_eur"),
        ({"amount_eur": ""}, "amount_eur"),
        ({"amount_eur": "0"}, "amount_eur"),
        ({"spent_on": date(2026, 1, 5)}, "spent_on"),  # after the plan's period
        ({"spent_on": date(2023, 5, 5)}, "spent_on"),  # in the plan, not in this year
        ({"spent_on": "32/01/2024"}, "spent_on"),
        ({"supplier": "  "}, "supplier"),
        ({"category": "travel"}, "category"),
        ({"contingent_name": "Gardiens 999"}, "contingent_name"),
    ],
)
def test_bad_expenses_are_refused_with_a_clear_error_and_nothing_saved(plan, owner, changes, field):
    with pytest.raises(Invalid) as caught:
        actions.add_expense(plan, YEAR, expense(**changes), owner)
    assert list(caught.value.errors) == [field]
    assert caught.value.errors[field][0]
    assert not Expense.objects.exists() and not FinanceYear.objects.exists()


def test_an_expense_outside_the_plan_period_is_refused_in_words(plan, owner):
    with pytest.raises(Invalid) as caught:
        actions.add_expense(plan, 2025, expense(spent_on=date(2026, 1, 5)), owner)
    assert caught.value.errors["spent_on"] == ["This date is outside the period of the plan."]
    with pytest.raises(Invalid):
        actions.add_expense(plan, 2019, expense(spent_on=date(2019, 5, 5)), owner)  # a year outside


def test_a_supporting_document_justifies_one_expense_per_plan_even_across_years(plan, owner):
    actions.add_expense(plan, YEAR, expense(reference="F-1"), owner)
    with pytest.raises(Invalid) as caught:
        actions.add_expense(plan, YEAR + 1, expense(reference="f-1", spent_on=date(YEAR + 1, 2, 2)), owner)
    assert "already justifies another expense" in caught.value.errors["reference"][0]
    assert Expense.objects.count() == 1


def test_an_expense_can_be_changed_and_keeps_its_own_reference(plan, owner):
    recorded = actions.add_expense(plan, YEAR, expense(), owner)
    actions.update_expense(plan, recorded, {"amount_eur": "99,90"}, owner)
    recorded.refresh_from_db()
    assert recorded.amount_eur == Decimal("99.90") and recorded.reference == "F-2024-001"


def test_spending_beyond_a_category_or_a_cap_warns(plan, owner):
    actions.set_allocation(plan, YEAR, {"functioning_eur": "1000"}, owner)
    actions.add_expense(plan, YEAR, expense(amount_eur="1000,01"), owner)
    actions.add_expense(
        plan,
        YEAR,
        expense(contingent_name=CONTINGENT, amount_eur="600", reference="F-2", category="investment"),
        owner,
    )
    warnings = {w.line: w.excess for w in year_budget(plan, YEAR).warnings}
    assert warnings == {
        "functioning": Decimal("0.01"),
        f"contingent:{CONTINGENT}:equipment": Decimal("49.71"),  # 600 for 1,5 × 366,86 = 550,29
    }


def test_a_contingent_of_a_draft_takes_its_rates_from_the_rule_table_and_respects_the_cap(plan, owner):
    draft = amend_plan(plan, owner)
    created = actions.save_contingent(
        draft, {"name": "Gardiens de la paix 346", "fte": "2", "equipment_eur": "733,72"}, owner
    )
    assert (created.monthly_rate_eur, created.equipment_cap_per_fte_eur) == (
        Decimal("420.00"),
        Decimal("366.86"),
    )
    assert created.annual_amount_eur == Decimal("10813.72")
    with pytest.raises(Invalid) as caught:
        actions.save_contingent(draft, {"fte": "2", "equipment_eur": "733,73"}, owner, created)
    assert list(caught.value.errors) == ["equipment_eur"]
    created.refresh_from_db()
    assert created.equipment_eur == Decimal("733.72")


def test_a_signed_plan_keeps_its_contingents(plan, owner):
    with pytest.raises(PlanLocked):
        actions.save_contingent(plan, {"name": "Autre 12", "fte": "1", "monthly_rate_eur": "400"}, owner)


def test_nobody_changes_a_closed_year(plan, owner, analyst, admin):
    recorded = actions.add_expense(plan, YEAR, expense(), owner)
    actions.close_year(plan, YEAR, analyst)
    for write in (
        lambda: actions.add_expense(plan, YEAR, expense(reference="F-9"), admin),
        lambda: actions.update_expense(plan, recorded, {"amount_eur": "1"}, owner),
        lambda: actions.delete_expense(plan, recorded, owner),
        lambda: actions.record_occupation(plan, YEAR, CONTINGENT, {1: "1"}, owner),
        lambda: actions.set_allocation(plan, YEAR, {"allocation_eur": "1"}, owner),
    ):
        with pytest.raises(YearClosed):
            write()
    assert Expense.objects.get().amount_eur == Decimal("1234.56")
    actions.add_expense(
        plan, YEAR + 1, expense(reference="F-9", spent_on=date(YEAR + 1, 1, 2)), owner
    )  # next year open
    actions.reopen_year(plan, YEAR, admin)
    actions.delete_expense(plan, recorded, owner)


def test_a_closed_evaluation_closes_the_money_of_its_year(plan, owner, analyst, admin):
    evaluation = workflow.evaluation_for(plan, YEAR)
    Evaluation.objects.filter(pk=evaluation.pk).update(state=Evaluation.State.CLOSED)
    with pytest.raises(YearClosed):
        actions.add_expense(plan, YEAR, expense(), owner)
    assert year_budget(plan, YEAR).closed
    assert not FinanceYear.objects.exists()


def test_the_money_of_a_year_survives_an_amendment(plan, owner):
    actions.add_expense(plan, YEAR, expense(), owner)
    draft = amend_plan(plan, owner)
    assert year_budget(draft, YEAR).general_spent == Decimal("1234.56")


def test_the_budget_of_a_year_takes_a_fixed_number_of_queries(plan, owner):
    for n in range(5):
        actions.add_expense(plan, YEAR, expense(reference=f"F-{n}"), owner)
    actions.record_occupation(plan, YEAR, CONTINGENT, {1: "1"}, owner)
    with CaptureQueriesContext(connection) as ctx:
        budget = year_budget(plan, YEAR)
        [e.entered_by for e in budget.expenses]
    assert len(ctx.captured_queries) <= 7
