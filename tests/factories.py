"""Small builders for integration tests: users with roles, plans from the fixtures."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model

from balise.accounts.actors import SYSTEM
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
    return import_plan(loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8")), user=SYSTEM).plan


def assess_every_indicator(evaluation, analyst, colour: str = "green", motivation: str = "Vu.") -> None:
    """Give a colour to every indicator of a submitted year, so that it may be marked analysed;
    an indicator already coloured keeps its assessment."""
    from balise.monitoring.models import Assessment
    from balise.monitoring.selectors import plan_progress
    from balise.monitoring.workflow import plan_in_force, save_analysis

    coloured = set(
        Assessment.objects.filter(evaluation=evaluation, colour__isnull=False).values_list(
            "subject_key", flat=True
        )
    )
    for row in plan_progress(plan_in_force(evaluation), evaluation.year).rows:
        if row.indicator.key not in coloured:
            save_analysis(
                evaluation,
                "indicator",
                row.indicator.key,
                analysis="",
                colour_code=colour,
                motivation=motivation,
                user=analyst,
            )
