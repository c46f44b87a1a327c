"""A small known dataset: Ixelles (21009, Brussels region) with a plan of two modules whose 2024
statuses are known by construction, a Molenbeek plan (21012), and a user per role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.domain.outline import (
    IndicatorOutline,
    ModuleOutline,
    PlanOutline,
    StrategicObjectiveOutline,
)
from balise.domain.periods import parse_period
from balise.domain.targets import parse_target
from balise.monitoring.defaults import load_colour_scale
from balise.monitoring.models import Assessment, ColourCode, Evaluation, Measurement
from balise.monitoring.progress_store import refresh_values, set_colour
from balise.plans.actions import import_plan
from balise.plans.models import Indicator, Plan, StrategicObjective
from tests.factories import user_with_role

# indicator text → 2024 values and the status they give
COORDINATION = {
    "Transmission du rapport d'activités dans les délais : Oui/Non": ([("2024", {"done": True})], "met"),
    "Nombre de réunions du comité : ≥ 4/an": (
        [("2024-03", {"amount": 2}), ("2024-09", {"amount": 1})],
        "not_met",
    ),
}
BURGLARY = {
    "Nombre de visites techno-préventives : ≥ 50/an": (
        [(f"2024-{m:02d}", {"amount": 4}) for m in range(1, 12)],  # 44: 88 % of 50
        "partly_met",
    ),
    "Part des visites suivies de travaux : ≥ 30%": ([("2024", {"numerator": 12, "denominator": 30})], "met"),
    "Présence des gardiens de la paix : ≥ 7 h/jour": ([], "no_data"),
}


def indicators(texts: dict) -> list[IndicatorOutline]:
    return [IndicatorOutline(text, parse_target(text)) for text in texts]


def outline(municipality: str, title: str) -> PlanOutline:
    return PlanOutline(
        kind="pssp",
        title=title,
        municipality=municipality,
        period_start=date(2023, 1, 1),
        period_end=date(2025, 12, 31),
        modules=[
            ModuleOutline(
                "Coordination",
                kind="coordination",
                strategic_objectives=[
                    StrategicObjectiveOutline("Coordonner", indicators=indicators(COORDINATION))
                ],
            ),
            ModuleOutline(
                "Cambriolage",
                strategic_objectives=[
                    StrategicObjectiveOutline(
                        "Diminuer les comportements à risque", indicators=indicators(BURGLARY)
                    )
                ],
            ),
        ],
    )


def record(plan: Plan, values: dict) -> None:
    """Values written around the actions (any kind, even unfit ones), then the progress table
    refreshed for them as `rebuild-progress` would."""
    touched = set()
    by_text = {i.text: i for i in Indicator.objects.filter(strategic_objective__module__plan=plan)}
    for text, (rows, _status) in values.items():
        indicator = by_text[text]
        for label, fields in rows:
            period = parse_period(label)
            touched.add((indicator.key, int(label[:4])))
            Measurement.objects.create(
                indicator_key=indicator.key,
                indicator=indicator,
                period=label,
                period_start=period.start,
                period_end=period.end,
                **{k: Decimal(v) if isinstance(v, int) else v for k, v in fields.items()},
            )
    for key, year in touched:
        refresh_values([key], [year])


def assess(plan: Plan, year: int, colours: dict[str, str], subject: str = "indicator") -> None:
    """Colours by indicator text (or strategic objective title with ``subject``)."""
    evaluation, _ = Evaluation.objects.get_or_create(plan=plan, lineage=plan.lineage, year=year)
    model = Indicator if subject == "indicator" else StrategicObjective
    field = "text" if subject == "indicator" else "title"
    keys = {getattr(o, field): o.key for o in model.objects.filter(**{_plan_path(subject): plan})}
    for text, code in colours.items():
        assessment = Assessment.objects.create(
            evaluation=evaluation,
            subject=subject,
            subject_key=keys[text],
            colour=ColourCode.objects.get(code=code),
        )
        if subject == "indicator":
            set_colour(plan.lineage, year, keys[text], assessment.colour_id)


def _plan_path(subject: str) -> str:
    return "strategic_objective__module__plan" if subject == "indicator" else "module__plan"


@dataclass
class World:
    ixelles: Plan
    molenbeek: Plan


@pytest.fixture
def world(reference) -> World:
    load_colour_scale()
    ixelles = import_plan(outline("Ixelles", "PSSP Ixelles"), user=SYSTEM).plan
    record(ixelles, {**COORDINATION, **BURGLARY})
    assess(ixelles, 2024, {"Nombre de réunions du comité : ≥ 4/an": "red"})
    assess(ixelles, 2024, {"Transmission du rapport d'activités dans les délais : Oui/Non": "green"})
    assess(ixelles, 2023, {"Coordonner": "orange"}, subject="strategic_objective")
    assess(ixelles, 2024, {"Coordonner": "green"}, subject="strategic_objective")
    molenbeek = import_plan(outline("Molenbeek-Saint-Jean", "PSSP Molenbeek"), user=SYSTEM).plan
    record(molenbeek, {"Nombre de réunions du comité : ≥ 4/an": ([("2024", {"amount": 5})], "met")})
    return World(ixelles, molenbeek)


@pytest.fixture
def users(reference) -> dict:
    return {
        "owner": user_with_role("owner", Role.MUNICIPALITY_EDITOR, "21009"),
        "colleague": user_with_role("colleague", Role.MUNICIPALITY_VIEWER, "21009"),
        "outsider": user_with_role("outsider", Role.MUNICIPALITY_EDITOR, "21012"),
        "analyst": user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ"),
        "coordinator": user_with_role("coordinator", Role.REGIONAL_COORDINATOR, "BE-BRU"),
        "partner": user_with_role("partner", Role.PARTNER, "5340"),
        "admin": user_with_role("admin", None, None, is_superuser=True),
    }


@pytest.fixture(autouse=True)
def chart_dir(settings, tmp_path):
    """Charts are cached under a temporary VAR_DIR, never the developer's."""
    from balise import charts

    settings.VAR_DIR = tmp_path
    charts.clear_memory()
    return tmp_path / "charts"


def client_for(user) -> Client:
    client = Client(headers={"Accept-Language": "en"})  # source strings; labels of colours stay French
    if user is not None:
        client.force_login(user)
    return client
