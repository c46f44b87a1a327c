"""Shared builders for the plan-page tests: the three standing users, draft plans, htmx headers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.domain.outline import (
    IndicatorOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
)
from balise.domain.targets import parse_target
from balise.plans.actions import import_plan
from balise.plans.models import Plan, PlanStatus
from tests.factories import outside_plan, user_with_role

HTMX = {"HTTP_HX_REQUEST": "true"}
IXELLES, MOLENBEEK = "21009", "21012"


@dataclass(frozen=True)
class People:
    owner: AbstractBaseUser  # editor of the plan's municipality (Ixelles)
    colleague: AbstractBaseUser  # viewer of the same municipality
    outsider: AbstractBaseUser  # editor of another municipality (Molenbeek)


def people() -> People:
    return People(
        owner=user_with_role("owner", Role.MUNICIPALITY_EDITOR, IXELLES),
        colleague=user_with_role("colleague", Role.MUNICIPALITY_VIEWER, IXELLES),
        outsider=user_with_role("outsider", Role.MUNICIPALITY_EDITOR, MOLENBEEK),
    )


def draft_plan() -> Plan:
    """The outside plan (Ixelles), made a draft so that it can be edited in place."""
    plan = outside_plan()
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    plan.refresh_from_db()
    return plan


def generated_plan(modules: int, *, title: str = "Plan généré", municipality: str = "Ixelles") -> Plan:
    """A plan of ``modules`` modules × 2 strategic × 2 operational objectives × 2 indicators."""

    def indicator(n: int) -> IndicatorOutline:
        text = f"Nombre d'actions {n} : ≥ {n + 1}/an"
        return IndicatorOutline(text=text, target=parse_target(text))

    outline = PlanOutline(
        kind="pssp",
        title=title,
        municipality=municipality,
        period_start=date(2026, 1, 1),
        period_end=date(2027, 12, 31),
        modules=[
            ModuleOutline(
                title=f"Module {m}",
                kind="phenomenon",
                general_objectives=[f"Objectif général {m}"],
                strategic_objectives=[
                    StrategicObjectiveOutline(
                        title=f"Objectif stratégique {m}.{s}",
                        operational_objectives=[
                            OperationalObjectiveOutline(
                                title=f"Objectif opérationnel {m}.{s}.{o}",
                                results=[f"Résultat {m}.{s}.{o}"],
                                indicators=[indicator(o), indicator(o + 10)],
                            )
                            for o in range(2)
                        ],
                        indicators=[indicator(s + 20)],
                    )
                    for s in range(2)
                ],
            )
            for m in range(modules)
        ],
    )
    return import_plan(outline, user=SYSTEM).plan


def in_english(client) -> None:
    """Pages in the source language, so that assertions do not depend on the catalogues."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
