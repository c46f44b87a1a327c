"""A signed plan of Ixelles (NIS 21009, 2020-2025) and one user per role around it."""

from __future__ import annotations

import pytest

from balise.accounts.roles import Role
from balise.plans.models import Indicator, Plan
from tests.factories import outside_plan, user_with_role

YEAR = 2024


@pytest.fixture
def plan(reference) -> Plan:
    return outside_plan()


@pytest.fixture
def owner(reference):
    return user_with_role("owner", Role.MUNICIPALITY_EDITOR, "21009", first_name="Ana", last_name="Peeters")


@pytest.fixture
def colleague(reference):
    return user_with_role("colleague", Role.MUNICIPALITY_VIEWER, "21009")


@pytest.fixture
def evaluator(reference):
    return user_with_role("evaluator", Role.INTERNAL_EVALUATOR, "21009", first_name="Eva", last_name="Luyten")


@pytest.fixture
def analyst(reference):
    return user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ", first_name="Fé", last_name="Deral")


@pytest.fixture
def admin(reference):
    return user_with_role("admin", is_superuser=True, is_staff=True)


def indicator(plan: Plan, start: str) -> Indicator:
    return Indicator.objects.get(strategic_objective__module__plan=plan, text__startswith=start)


def module_of(plan: Plan, title: str) -> int:
    return plan.modules.get(title=title).pk
