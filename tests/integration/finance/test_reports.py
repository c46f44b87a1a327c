"""The chart of allocated against spent, the overview's cost, the calendar command."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balise import charts
from balise.accounts.actors import SYSTEM
from balise.domain.interchange import loads
from balise.finance import actions
from balise.finance.models import ReportDeadline
from balise.finance.overview import overview
from balise.finance.reports import budget_bars, budget_chart
from balise.finance.selectors import year_budget
from balise.plans.actions import import_plan
from tests.factories import FIXTURES
from tests.integration.finance.conftest import CONTINGENT, YEAR, expense

pytestmark = pytest.mark.django_db


def test_the_chart_compares_each_budget_line_with_its_spending(plan, owner):
    actions.set_allocation(plan, YEAR, {"functioning_eur": "1000"}, owner)
    actions.add_expense(plan, YEAR, expense(amount_eur="1500"), owner)
    bars = budget_bars(year_budget(plan, YEAR))
    assert [(b.label, b.allocated, b.spent) for b in bars] == [
        ("personnel", None, Decimal(0)),
        ("functioning", Decimal("1000.00"), Decimal("1500.00")),
        ("investment", None, Decimal(0)),
        (f"{CONTINGENT} · personnel", Decimal("7560.00"), Decimal(0)),
        (f"{CONTINGENT} · equipment", Decimal("550.29"), Decimal(0)),
    ]
    chart = budget_chart(year_budget(plan, YEAR))
    assert chart.png.startswith(b"\x89PNG") and "<svg" in chart.svg
    assert "functioning: allocated 1000.00, spent 1500.00" in chart.alt


def test_the_same_figures_draw_the_chart_once(plan):
    before = charts.RENDERS["allocated_vs_spent"]
    first, second = budget_chart(year_budget(plan, YEAR)), budget_chart(year_budget(plan, YEAR))
    assert first.key == second.key
    assert charts.RENDERS["allocated_vs_spent"] - before <= 1


def _another_plan(name: str):
    data = json.loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))
    data["municipality"], data["title"] = name, f"PSSP 2020-2025 {name}"
    return import_plan(loads(json.dumps(data)), user=SYSTEM).plan


def test_the_overview_takes_the_same_number_of_queries_for_one_plan_or_four(plan, owner, analyst):
    actions.add_expense(plan, YEAR, expense(), owner)
    overview(analyst, YEAR)  # the user's roles are read once, then cached on the user
    counts = []
    for extra in ([], ["Etterbeek", "Forest", "Uccle"]):
        for name in extra:
            _another_plan(name)
        with CaptureQueriesContext(connection) as ctx:
            result = overview(analyst, YEAR)
        counts.append(len(ctx.captured_queries))
    assert len(result.rows) == 4
    assert counts[0] == counts[1] <= 7
    assert result.total_due == 4 * Decimal("258110.29")
    assert result.spent_by_category["functioning"] == Decimal("1234.56")


def test_a_regional_coordinator_sees_only_the_plans_of_their_region(plan, coordinator, analyst):
    assert [r.plan for r in overview(coordinator, YEAR).rows] == [plan]
    assert overview(analyst, 2031).rows == []  # no plan in force


def test_the_calendar_command_sets_the_deadlines_of_every_plan_once(plan, capsys):
    call_command("finance_calendar")
    assert ReportDeadline.objects.count() == 12
    call_command("finance_calendar", "--transmissions", str(YEAR))
    assert "0 deadline(s) created; 0 transmission value(s) recorded" in capsys.readouterr().out
