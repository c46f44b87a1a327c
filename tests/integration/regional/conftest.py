"""A small regional world whose coverage is known by construction.

PGSP "Plan régional test 2021-2024" of the Brussels region (BE-BRU):
  thematic 1: 1.1, 1.2, 1.3 · thematic 2: 2.1, 2.2 (worded alike) · thematic 3: 3.1, 3.2
Projects (partner category, years: measures; * = primary):
  zone      police_zone        2021-2022: 1.1*, 1.2, 2.1   (one project, three measures)
  zone      police_zone        2023:      1.3*
  ixelles   municipality       2021:      2.1*
  lisa      lisa_antenna       2022:      2.2*
  stib      regional_body      2021-2024: 3.1*
  asbl_call association_call   2022:      1.1*
Ixelles' municipal plan (2020-2025) links a strategic objective to 1.3.
The zone's first project reports "visites techno-préventives" (target 150 a year): 188 in 2021 and
201 in 2022, both approved.

Expected for 2021-2022 (police, local, regional, call, other):
  thematic 1: 2/3 1/3 0/3 1/3 0/3 (overall 3/3)
  thematic 2: 1/2 2/2 0/2 0/2 0/2 (overall 2/2)
  thematic 3: 0/2 0/2 1/2 0/2 0/2 (overall 1/2)
  totals:     3/7 3/7 1/7 1/7 0/7 (overall 6/7)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from balise.accounts.actors import SYSTEM
from balise.accounts.models import Organisation
from balise.accounts.roles import Role
from balise.domain.outline import MeasureOutline, PlanOutline, ThematicOutline
from balise.plans.actions import import_plan
from balise.plans.models import PlanMeasure, StrategicObjective
from balise.regional import actions, output_actions
from balise.regional.models import Partner, Project, RegionalPlan
from tests.factories import organisation, outside_plan, user_with_role

ALIKE = "Renforcer les capacités de recherche sur le darknet et le deepweb."
EXPECTED_2021_2022 = {
    1: ["2/3", "1/3", "0/3", "1/3", "0/3"],
    2: ["1/2", "2/2", "0/2", "0/2", "0/2"],
    3: ["0/2", "0/2", "1/2", "0/2", "0/2"],
}


def regional_outline(title: str = "Plan régional test") -> PlanOutline:
    return PlanOutline(
        kind="pgsp",
        title=f"{title} 2021-2024",
        municipality=None,
        period_start=date(2021, 1, 1),
        period_end=date(2024, 12, 31),
        thematics=[
            ThematicOutline(
                1, "Intégrité physique", [MeasureOutline(f"1.{n}", f"Mesure un point {n}") for n in (1, 2, 3)]
            ),
            ThematicOutline(
                2, "Trafic et fraude", [MeasureOutline("2.1", ALIKE), MeasureOutline("2.2", ALIKE)]
            ),
            ThematicOutline(
                3, "Mobilité", [MeasureOutline("3.1", "Sécuriser"), MeasureOutline("3.2", "Former")]
            ),
        ],
    )


@dataclass
class World:
    regional: RegionalPlan
    measures: dict[str, PlanMeasure]
    partners: dict[str, Partner]
    projects: dict[str, Project]
    municipal_plan: object


def _project(world_rp, partner, title, years, primary, *secondary, measures) -> Project:
    return actions.create_project(
        world_rp,
        actions.ProjectData(
            partner=partner,
            title=title,
            year_start=years[0],
            year_end=years[-1],
            description=f"Description de {title}",
            primary=measures[primary],
            secondary=[measures[c] for c in secondary],
        ),
        SYSTEM,
    )


@pytest.fixture
def world(reference) -> World:
    plan = import_plan(regional_outline(), user=SYSTEM).plan
    regional = actions.attach_regional_plan(plan, organisation("BE-BRU"), SYSTEM)
    measures = {m.code: m for m in PlanMeasure.objects.filter(thematic__plan=plan).select_related("thematic")}
    partners = {
        "zone": actions.create_partner(
            regional, "Zone de police Bruxelles-Ouest", "police_zone", SYSTEM, organisation("5340")
        ),
        "ixelles": actions.create_partner(
            regional, "Commune d'Ixelles", "municipality", SYSTEM, organisation("21009")
        ),
        "lisa": actions.create_partner(regional, "Antenne LISA Ixelles", "lisa_antenna", SYSTEM),
        "stib": actions.create_partner(regional, "STIB", "regional_body", SYSTEM),
        "asbl_call": actions.create_partner(regional, "ASBL Rue libre", "association_call", SYSTEM),
        "asbl_other": actions.create_partner(regional, "ASBL Hors appel", "association_other", SYSTEM),
    }
    projects = {
        "zone": _project(
            regional,
            partners["zone"],
            "Visites techno-préventives",
            (2021, 2022),
            "1.1",
            "1.2",
            "2.1",
            measures=measures,
        ),
        "zone_2023": _project(
            regional, partners["zone"], "Patrouilles vélo", (2023,), "1.3", measures=measures
        ),
        "ixelles": _project(
            regional, partners["ixelles"], "Plan local Ixelles", (2021,), "2.1", measures=measures
        ),
        "lisa": _project(regional, partners["lisa"], "Antenne LISA", (2022,), "2.2", measures=measures),
        "stib": _project(
            regional, partners["stib"], "Sécurité dans le métro", (2021, 2024), "3.1", measures=measures
        ),
        "asbl_call": _project(regional, partners["asbl_call"], "Maraudes", (2022,), "1.1", measures=measures),
    }
    visits = output_actions.define_output(
        projects["zone"], "visites techno-préventives", SYSTEM, unit="visites", yearly_target=Decimal(150)
    )
    for year, number in ((2021, 188), (2022, 201)):
        output_actions.save_outputs(projects["zone"], year, {visits.pk: Decimal(number)}, "", SYSTEM)
        report = output_actions.submit_outputs(projects["zone"], year, SYSTEM)
        output_actions.approve_outputs(report, SYSTEM)
    zone, call = partners["zone"], partners["asbl_call"]
    actions.grant_subsidy(zone, 2021, Decimal("150000.00"), SYSTEM, legal_basis="Arrêté du 1er juin 2021")
    actions.grant_subsidy(zone, 2022, Decimal("160000.50"), SYSTEM, legal_basis="Arrêté du 2 juin 2022")
    actions.grant_subsidy(call, 2022, Decimal("25000.00"), SYSTEM, call="Appel à projets 2022")
    actions.grant_subsidy(partners["stib"], 2023, Decimal("99.99"), SYSTEM)
    municipal = outside_plan()  # Ixelles, 2020-2025
    objective = StrategicObjective.objects.filter(module__plan=municipal).first()
    actions.link_objective(regional, measures["1.3"], objective, SYSTEM, primary=True)
    return World(regional, measures, partners, projects, municipal)


@pytest.fixture
def users(reference) -> dict:
    namur = Organisation.objects.create(kind="municipality", code="92094", name_fr="Namur")
    wallonia = Organisation.objects.create(kind="region", code="BE-WAL", name_fr="Région wallonne")
    return {
        "coordinator": user_with_role("coordinator", Role.REGIONAL_COORDINATOR, "BE-BRU"),
        "partner": user_with_role("partner", Role.PARTNER, "5340"),
        "analyst": user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ"),
        "municipality": user_with_role("municipality", Role.MUNICIPALITY_VIEWER, "21012"),
        "ixelles_editor": user_with_role("ixelles_editor", Role.MUNICIPALITY_EDITOR, "21009"),
        "other_partner": user_with_role("other_partner", Role.PARTNER, "5341"),
        "outsider": user_with_role("outsider", Role.MUNICIPALITY_EDITOR, namur.code),
        "other_coordinator": _coordinator_of(wallonia),
        "admin": user_with_role("admin", None, None, is_superuser=True),
    }


def _coordinator_of(region: Organisation):
    from balise.accounts.models import Membership

    user = user_with_role("other_coordinator")
    Membership.objects.create(user=user, organisation=region, role=Role.REGIONAL_COORDINATOR)
    return user


def client_for(user) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def chart_dir(settings, tmp_path):
    """Charts are cached under a temporary VAR_DIR, never the developer's."""
    settings.VAR_DIR = tmp_path
