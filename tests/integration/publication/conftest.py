"""A database holding published and unpublished plans, with secrets that must never go public.

Ixelles (21009): "PSSP Ixelles public" is published with values and evaluation; its 2024
evaluation is analysed, its 2025 one a draft. "PSSP Ixelles interne" is signed but unpublished.
Molenbeek (21012): "PSSP Molenbeek public" is published without values; "PSSP Molenbeek brouillon"
is a draft. Every text marked SECRET must stay out of every public page and file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.domain.outline import IndicatorOutline, ModuleOutline, PlanOutline, StrategicObjectiveOutline
from balise.domain.periods import parse_period
from balise.domain.targets import parse_target
from balise.monitoring.defaults import load_colour_scale
from balise.monitoring.models import Assessment, ColourCode, Evaluation, Measurement, Transition
from balise.plans.actions import import_plan
from balise.plans.models import Indicator, Plan
from balise.publication import actions
from tests.factories import user_with_role

SECRETS = (
    "SECRET-PLAN",
    "SECRET-INDICATOR",
    "SECRET-DRAFT",
    "SECRET-COMMENT",
    "SECRET-SOURCE",
    "SECRET-DRAFT-ANALYSIS",
    "SECRET-SELF-EVALUATION",
    "secret-editor",
)
VISITS = "Nombre de visites techno-préventives : ≥ 50/an"
MEETINGS = "Nombre de réunions du comité : ≥ 4/an"


def outline(municipality: str, title: str, *, signed: bool, burglary: tuple[str, ...]) -> PlanOutline:
    return PlanOutline(
        kind="pssp",
        title=title,
        municipality=municipality,
        period_start=date(2023, 1, 1),
        period_end=date(2025, 12, 31),
        signed_on=date(2023, 1, 15) if signed else None,
        modules=[
            ModuleOutline(
                "Coordination",
                kind="coordination",
                strategic_objectives=[
                    StrategicObjectiveOutline(
                        "Coordonner", indicators=[IndicatorOutline(MEETINGS, parse_target(MEETINGS))]
                    )
                ],
            ),
            ModuleOutline(
                "Cambriolage",
                strategic_objectives=[
                    StrategicObjectiveOutline(
                        "Diminuer les comportements à risque",
                        indicators=[IndicatorOutline(text, parse_target(text)) for text in burglary],
                    )
                ],
            ),
        ],
    )


def measure(plan: Plan, text: str, label: str, amount: int, **extra) -> None:
    indicator = Indicator.objects.get(strategic_objective__module__plan=plan, text=text)
    period = parse_period(label)
    Measurement.objects.create(
        indicator_key=indicator.key,
        indicator=indicator,
        period=label,
        period_start=period.start,
        period_end=period.end,
        amount=Decimal(amount),
        **extra,
    )


def evaluate(plan: Plan, year: int, state: str, text: str, **fields) -> Evaluation:
    evaluation = Evaluation.objects.create(plan=plan, lineage=plan.lineage, year=year, state=state)
    Transition.objects.create(evaluation=evaluation, from_state="draft", to_state=state)
    indicator = Indicator.objects.get(strategic_objective__module__plan=plan, text=text)
    Assessment.objects.create(evaluation=evaluation, subject="indicator", subject_key=indicator.key, **fields)
    return evaluation


@dataclass
class World:
    ixelles_public: Plan
    ixelles_internal: Plan
    molenbeek_public: Plan
    molenbeek_draft: Plan
    editor: object
    outsider: object
    molenbeek_editor: object

    @property
    def published(self) -> set[int]:
        return {self.ixelles_public.pk, self.molenbeek_public.pk}


@pytest.fixture
def world(reference) -> World:
    load_colour_scale()
    editor = user_with_role("secret-editor", Role.MUNICIPALITY_EDITOR, "21009")
    outsider = user_with_role("outsider", Role.MUNICIPALITY_EDITOR, "21012")
    molenbeek_editor = user_with_role("molenbeek", Role.MUNICIPALITY_EDITOR, "21012")
    public = import_plan(
        outline("Ixelles", "PSSP Ixelles public", signed=True, burglary=(VISITS,)), user=SYSTEM
    ).plan
    measure(public, VISITS, "2024-03", 30, comment="SECRET-COMMENT", source="SECRET-SOURCE")
    measure(public, VISITS, "2024-09", 15)
    measure(public, VISITS, "2025-02", 7)
    green = ColourCode.objects.get(code="green")
    evaluate(
        public,
        2024,
        "analysed",
        VISITS,
        colour=green,
        analysis="ANALYSE-PUBLIQUE",
        motivation="MOTIVATION-PUBLIQUE",
        self_evaluation="SECRET-SELF-EVALUATION",
        updated_by=editor,
    )
    evaluate(public, 2025, "draft", VISITS, analysis="SECRET-DRAFT-ANALYSIS")
    internal = import_plan(
        outline(
            "Ixelles", "SECRET-PLAN Ixelles interne", signed=True, burglary=("SECRET-INDICATOR : ≥ 3/an",)
        ),
        user=SYSTEM,
    ).plan
    molenbeek = import_plan(
        outline("Molenbeek-Saint-Jean", "PSSP Molenbeek public", signed=True, burglary=()), user=SYSTEM
    ).plan
    measure(molenbeek, MEETINGS, "2024", 99)
    evaluate(molenbeek, 2024, "closed", MEETINGS, analysis="SECRET-NOT-CHOSEN")
    draft = import_plan(
        outline("Molenbeek-Saint-Jean", "SECRET-DRAFT Molenbeek", signed=False, burglary=()), user=SYSTEM
    ).plan
    actions.publish(public, editor, indicators=True, values=True, evaluation=True)
    actions.publish(molenbeek, molenbeek_editor, indicators=True, values=False, evaluation=False)
    return World(public, internal, molenbeek, draft, editor, outsider, molenbeek_editor)
