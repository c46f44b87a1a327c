"""A signed plan of Ixelles (NIS 21009, 2020-2025, annual allocation 250 000 €, contingent
"Gardiens de la paix 90" of 1,5 FTE) and one user per role around it."""

from __future__ import annotations

from datetime import date

import pytest

from balise.accounts.roles import Role
from balise.plans.models import Plan
from tests.factories import outside_plan, user_with_role

YEAR = 2024
CONTINGENT = "Gardiens de la paix 90"


@pytest.fixture
def plan(reference) -> Plan:
    return outside_plan()


@pytest.fixture
def owner(reference):
    return user_with_role("owner", Role.MUNICIPALITY_EDITOR, "21009", email="owner@example.org")


@pytest.fixture
def colleague(reference):
    return user_with_role("colleague", Role.MUNICIPALITY_VIEWER, "21009")


@pytest.fixture
def evaluator(reference):
    return user_with_role("evaluator", Role.INTERNAL_EVALUATOR, "21009")


@pytest.fixture
def analyst(reference):
    return user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ")


@pytest.fixture
def coordinator(reference):
    return user_with_role("coordinator", Role.REGIONAL_COORDINATOR, "BE-BRU")


@pytest.fixture
def admin(reference):
    return user_with_role("admin", is_superuser=True, is_staff=True)


def expense(**changes) -> dict:
    data = {
        "category": "functioning",
        "contingent_name": "",
        "spent_on": date(YEAR, 3, 15),
        "supplier": "Papeterie Flagey",
        "description": "fournitures",
        "amount_eur": "1.234,56",
        "reference": "F-2024-001",
    }
    return {**data, **changes}
