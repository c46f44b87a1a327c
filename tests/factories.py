"""Small builders for integration tests: users with roles, plans from the fixtures."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model

from balise.accounts.models import Membership, Organisation
from balise.accounts.roles import Role
from balise.domain.interchange import loads
from balise.plans.actions import import_plan

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def organisation(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def user_with_role(username: str, role: Role | None = None, org_code: str | None = None, **extra):
    user = get_user_model().objects.create_user(username, password="pw", **extra)
    if role is not None:
        Membership.objects.create(user=user, organisation=organisation(org_code), role=role)
    return user


def outside_plan():
    """The hand-written plan of tests/fixtures/outside_plan.json (Ixelles, NIS 21009), imported."""
    return import_plan(loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))).plan
