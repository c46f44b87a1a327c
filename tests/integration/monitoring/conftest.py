from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.accounts.tokens import issue_token
from balise.domain.outline import (
    IndicatorOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
)
from balise.domain.targets import parse_target
from balise.plans.actions import import_plan
from balise.plans.models import Indicator
from tests.factories import user_with_role

# One indicator per kind of target, by a short name used in the tests.
TEXTS = {
    "boolean": "Existence d'un outil de suivi : Oui/Non",
    "count": "Nombre de visites techno-préventives : ≥ 50/an",
    "monthly": "Nombre de réunions de coordination : ≥ 1/mois",
    "weekly": "Nombre de patrouilles : 4 x/semaine",
    "daily_hours": "Présence des gardiens de la paix : ≥ 7 h/jour",
    "weekly_hours": "Permanence d'accueil : ≥ 3 h/semaine",
    "percent": "Part des visites suivies de travaux : ≥ 30%",
    "deadline": "Mise en place d'un guichet unique d'ici fin 2024",
    "none": "X nombre de situations traitées en concertation de cas",
}


def monitoring_outline(extra: int = 0, municipality: str = "Ixelles") -> PlanOutline:
    """A signed plan 2023-2025 with one indicator of each kind (plus ``extra`` yearly counts)."""
    indicators = [IndicatorOutline(text, parse_target(text)) for text in TEXTS.values()]
    indicators += [
        IndicatorOutline(f"Nombre d'actions n° {n} : ≥ 12/an", parse_target("≥ 12/an")) for n in range(extra)
    ]
    return PlanOutline(
        kind="pssp",
        title=f"Plan de suivi {municipality} ({extra})",
        municipality=municipality,
        period_start=date(2023, 1, 1),
        period_end=date(2025, 12, 31),
        signed_on=date(2023, 3, 1),
        modules=[
            ModuleOutline(
                title="Cambriolage",
                strategic_objectives=[
                    StrategicObjectiveOutline(
                        title="Diminuer les comportements à risque",
                        operational_objectives=[
                            OperationalObjectiveOutline("Sensibiliser", indicators=indicators[:-1])
                        ],
                        indicators=indicators[-1:],
                    )
                ],
            )
        ],
    )


def indicators_by_name(plan) -> dict[str, Indicator]:
    by_text = {i.text: i for i in Indicator.objects.filter(strategic_objective__module__plan=plan)}
    return {name: by_text[text] for name, text in TEXTS.items()}


@pytest.fixture
def plan(reference):
    return import_plan(monitoring_outline(), user=SYSTEM).plan


@pytest.fixture
def ind(plan) -> dict[str, Indicator]:
    return indicators_by_name(plan)


@pytest.fixture
def editor(reference):
    return user_with_role("editor", Role.MUNICIPALITY_EDITOR, "21009")


@pytest.fixture
def evaluator(reference):
    return user_with_role("evaluator", Role.INTERNAL_EVALUATOR, "21009")


@pytest.fixture
def viewer(reference):
    return user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009")


@pytest.fixture
def analyst(reference):
    return user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ")


@pytest.fixture
def admin(reference):
    return user_with_role("admin", None, None, is_superuser=True, is_staff=True)


def client_of(user) -> Client:
    if user is None:
        return Client()
    _token, secret = issue_token(user, "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})
