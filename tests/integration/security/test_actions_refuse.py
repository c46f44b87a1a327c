"""The writes themselves refuse who may not make them, whoever calls them (a page, the API, the
command line, a job): each action checks the acting user with the rule the pages use. Called
directly, from the attacker's side: another municipality's editor, a regional partner, a
colleague who only reads, nobody logged in. Balise itself acts as `SYSTEM`, never as ``None``."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.finance import actions as finance
from balise.finance.models import Expense, FinanceYear
from balise.monitoring.actions import (
    CellWrite,
    bulk_record,
    delete_measurement,
    record_cells,
    record_measurement,
)
from balise.monitoring.models import Measurement
from balise.plans.models import Indicator, Plan
from tests.factories import outside_plan, user_with_role

YEAR = 2021  # of the values
MONEY_YEAR = 2024


@pytest.fixture
def plan(reference) -> Plan:
    return outside_plan()  # Ixelles


@pytest.fixture
def indicator(plan) -> Indicator:
    """“Nombre de visites techno-préventives : ≥ 50 /an”: a count per year."""
    return Indicator.objects.get(strategic_objective__module__plan=plan, text__startswith="Nombre de visites")


@pytest.fixture
def owner(reference):
    return user_with_role("owner", Role.MUNICIPALITY_EDITOR, "21009")


@pytest.fixture(params=["outsider", "partner", "viewer", "anonymous", "nobody"])
def intruder(request, outsider):
    return {
        "outsider": lambda: outsider,
        "partner": lambda: user_with_role("partner", Role.PARTNER, "5340"),
        "viewer": lambda: user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009"),
        "anonymous": AnonymousUser,
        "nobody": lambda: None,  # a caller that forgot to say who acts
    }[request.param]()


@pytest.mark.django_db
def test_values_are_recorded_only_by_those_who_record_the_plans_values(plan, indicator, owner, intruder):
    with pytest.raises(PermissionDenied):
        record_measurement(indicator, str(YEAR), {"amount": "3"}, intruder)
    with pytest.raises(PermissionDenied):
        bulk_record(plan, str(YEAR), {indicator.pk: {"amount": "3"}}, intruder)
    with pytest.raises(PermissionDenied):
        record_cells(plan, [CellWrite(indicator.pk, str(YEAR), "3", 0)], intruder)
    assert not Measurement.objects.exists()
    stored = record_measurement(indicator, str(YEAR), {"amount": "3"}, owner)
    with pytest.raises(PermissionDenied):
        delete_measurement(stored, intruder, stored.revision)
    assert Measurement.objects.filter(pk=stored.pk).exists()


@pytest.mark.django_db
def test_money_is_changed_only_by_the_municipalitys_editors(plan, owner, intruder):
    expense = {
        "category": "functioning",
        "spent_on": f"{MONEY_YEAR}-03-15",
        "supplier": "Papeterie Flagey",
        "amount_eur": "120.00",
        "reference": "F-001",
    }
    with pytest.raises(PermissionDenied):
        finance.set_allocation(plan, MONEY_YEAR, {"allocation_eur": "1000"}, intruder)
    with pytest.raises(PermissionDenied):
        finance.add_expense(plan, MONEY_YEAR, expense, intruder)
    with pytest.raises(PermissionDenied):
        finance.close_year(plan, MONEY_YEAR, intruder)
    assert not FinanceYear.objects.exists()
    stored = finance.add_expense(plan, MONEY_YEAR, expense, owner)
    with pytest.raises(PermissionDenied):
        finance.update_expense(plan, stored, {"amount_eur": "1.00"}, intruder)
    with pytest.raises(PermissionDenied):
        finance.delete_expense(plan, stored, intruder)
    assert Expense.objects.get(pk=stored.pk).amount_eur == Decimal("120.00")


@pytest.mark.django_db
def test_only_an_administrator_reopens_a_closed_year_and_the_editor_cannot_close_it(plan, owner):
    with pytest.raises(PermissionDenied):
        finance.close_year(plan, MONEY_YEAR, owner)
    finance.close_year(plan, MONEY_YEAR, SYSTEM)
    with pytest.raises(PermissionDenied):
        finance.reopen_year(plan, MONEY_YEAR, owner)
    assert FinanceYear.objects.get(lineage=plan.lineage, year=MONEY_YEAR).closed


@pytest.mark.django_db
def test_the_system_acts_where_no_person_does_and_is_recorded_as_no_author(plan, indicator):
    stored = record_measurement(indicator, str(YEAR), {"amount": "3"}, SYSTEM)
    assert stored.entered_by is None and stored.history.first().history_user is None
