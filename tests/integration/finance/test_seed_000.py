"""Seed 000 (PSSP 2020-2022 of Molenbeek) imported as a user would: its money reconciles to the cent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from balise.accounts.actors import SYSTEM
from balise.domain.interchange import outline_to_dict
from balise.finance.selectors import year_budget
from balise.imports.pipeline import parse_file
from balise.plans.actions import import_plan
from balise.plans.selectors import plan_outline, plan_with_tree
from tests.seeds import seed_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def molenbeek(reference):
    result = parse_file(seed_path("000"))
    return result.outline, import_plan(
        result.outline, source_name="000", layout=result.layout, user=SYSTEM
    ).plan


def test_the_contingent_of_seed_000_reconciles_exactly(molenbeek):
    outline, plan = molenbeek
    contingent = plan.contingents.get()
    assert contingent.code == "346"
    assert (contingent.fte, contingent.monthly_rate_eur, contingent.months) == (Decimal(2), Decimal(420), 12)
    assert contingent.personnel_eur == Decimal("10080.00")
    assert contingent.equipment_limit_eur == Decimal("733.72")
    assert contingent.equipment_eur == Decimal("733.72")
    assert contingent.annual_amount_eur == Decimal("10813.72")
    assert plan.annual_amount_eur == Decimal("592354.64")
    # What the document wrote equals what Balise computes.
    written = outline.finance.contingents[0]
    assert (written.personnel_eur, written.annual_amount_eur) == (
        contingent.personnel_eur,
        contingent.annual_amount_eur,
    )


def test_the_budget_of_each_year_of_seed_000_adds_the_contingent_to_the_allocation(molenbeek):
    _outline, plan = molenbeek
    for year in (2020, 2021, 2022):
        budget = year_budget(plan, year, today=date(2023, 1, 10))
        line = budget.contingents[0]
        assert line.rule is not None and line.rule.monthly_rate == Decimal("420.00")  # the default table
        assert (line.personnel_due, line.equipment_limit, line.total_due) == (
            Decimal("10080.00"),
            Decimal("733.72"),
            Decimal("10813.72"),
        )
        assert budget.allocation == Decimal("592354.64")
        assert budget.total_due == Decimal("603168.36")
        assert budget.warnings == [] and not line.rate_differs


def test_the_interchange_json_of_the_stored_plan_carries_the_figures(molenbeek):
    _outline, plan = molenbeek
    finance = outline_to_dict(plan_outline(plan_with_tree(plan.pk)))["finance"]
    assert finance["annual_amount_eur"] == "592354.64"
    expected = {
        "personnel_eur": "10080.00",
        "equipment_eur": "733.72",
        "equipment_cap_per_fte_eur": "366.86",
        "annual_amount_eur": "10813.72",
    }
    contingent = finance["contingents"][0]
    assert {name: contingent[name] for name in expected} == expected
