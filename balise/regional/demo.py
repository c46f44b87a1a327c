"""Demo data of the regional layer: the Brussels PGSP with a few partners, subsidies and projects
linked to measures, each with outputs to report and figures in every state of their approval.
Idempotent.

The plan is the PGSP already imported (e.g. from the seed with ``balise import``); without one,
the 9 thematics and 77 measure codes of the reference lists are created with short texts
("Mesure 1.1"), never invented wording.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from balise.accounts.actors import SYSTEM
from balise.accounts.models import Organisation
from balise.domain.outline import MeasureOutline, PlanOutline, ThematicOutline
from balise.plans.actions import import_plan
from balise.plans.models import Plan, PlanKind, PlanMeasure, PlanStatus
from balise.reference.data import PGSP_THEMATICS
from balise.regional import actions, output_actions
from balise.regional.models import Partner, Project, RegionalPlan

DEMO_TITLE = "Plan global de sécurité et de prévention 2021-2024"

# name, category, organisation code (users of that organisation update the outputs)
PARTNERS = (
    ("Zone de police Bruxelles-Ouest", "police_zone", "5340"),
    ("Commune de Molenbeek-Saint-Jean", "municipality", "21012"),
    ("Antenne LISA Molenbeek", "lisa_antenna", None),
    ("STIB", "regional_body", None),
    ("ASBL Rue libre", "association_call", None),
    ("ASBL Nuits sereines", "association_other", None),
)
# partner, title, years, primary measure, secondary measures, subsidy per year
_Project = tuple[str, str, tuple[int, int], str, tuple[str, ...], dict[int, str]]
PROJECTS: tuple[_Project, ...] = (
    (
        "Zone de police Bruxelles-Ouest",
        "Visites techno-préventives",
        (2021, 2022),
        "5.1",
        ("5.2", "1.3"),
        {2021: "150000.00", 2022: "155000.00"},
    ),
    (
        "Commune de Molenbeek-Saint-Jean",
        "Gardiens de la paix aux abords des écoles",
        (2021, 2022),
        "6.2",
        ("7.1",),
        {2021: "80000.00", 2022: "82000.00"},
    ),
    ("Antenne LISA Molenbeek", "Accompagnement des victimes", (2022, 2022), "1.1", (), {2022: "30000.00"}),
    ("STIB", "Sécurité dans le métro", (2021, 2024), "6.1", ("6.3",), {}),
    (
        "ASBL Rue libre",
        "Maraudes de réduction des risques",
        (2022, 2022),
        "3.2",
        ("3.4",),
        {2022: "25000.00"},
    ),
    ("ASBL Nuits sereines", "Médiation nocturne", (2021, 2021), "7.3", (), {2021: "12000.00"}),
)
# project → what it reports (label, unit, yearly target) and, per year, the state its figures
# reached, the figures and the narrative: every state of the approval appears once at least.
OUTPUTS: dict[
    str, tuple[tuple[tuple[str, str, str | None], ...], dict[int, tuple[str, dict[str, int], str]]]
] = {
    "Visites techno-préventives": (
        (("visites techno-préventives", "visites", "150"), ("dont préventives", "visites", "40")),
        {
            2021: (
                "approved",
                {"visites techno-préventives": 188, "dont préventives": 52},
                "Visites réalisées à la demande des habitants et des commerçants.",
            ),
            2022: ("draft", {"visites techno-préventives": 201}, ""),
        },
    ),
    "Gardiens de la paix aux abords des écoles": (
        (("heures de présence", "heures", "4000"),),
        {
            2021: ("approved", {"heures de présence": 4200}, ""),
            2022: ("returned", {"heures de présence": 4650}, "Présence aux abords de 12 écoles."),
        },
    ),
    "Accompagnement des victimes": (
        (("personnes accompagnées", "personnes", "60"),),
        {2022: ("submitted", {"personnes accompagnées": 64}, "Accompagnement individuel et orientation.")},
    ),
    "Sécurité dans le métro": (
        (("agents formés", "agents", "100"),),
        {2021: ("approved", {"agents formés": 120}, "")},
    ),
    "Maraudes de réduction des risques": (
        (("maraudes", "maraudes", "90"), ("contacts", "personnes", None)),
        {2022: ("approved", {"maraudes": 96, "contacts": 1430}, "")},
    ),
    "Médiation nocturne": ((("médiations", "médiations", "50"),), {}),
}
RETURN_COMMENT = "Merci de joindre les feuilles de présence signées par les écoles."


def _load_outputs(project: Project) -> None:
    """The project's output definitions and figures in the state the demo shows them in."""
    definitions, years = OUTPUTS.get(project.title, ((), {}))
    by_label = {
        label: output_actions.define_output(
            project, label, SYSTEM, unit=unit, yearly_target=Decimal(target) if target else None
        )
        for label, unit, target in definitions
    }
    for year, (state, figures, narrative) in years.items():
        values = {by_label[label].pk: Decimal(n) for label, n in figures.items()}
        report = output_actions.save_outputs(project, year, values, narrative, SYSTEM)
        if state == "draft":
            continue
        report = output_actions.submit_outputs(project, year, SYSTEM)
        if state == "approved":
            output_actions.approve_outputs(report, SYSTEM)
        elif state == "returned":
            output_actions.return_outputs(report, SYSTEM, RETURN_COMMENT)


def _placeholder_outline() -> PlanOutline:
    return PlanOutline(
        kind=PlanKind.PGSP,
        title=DEMO_TITLE,
        municipality=None,
        period_start=date(2021, 1, 1),
        period_end=date(2024, 12, 31),
        thematics=[
            ThematicOutline(
                number,
                fr,
                [MeasureOutline(f"{number}.{n}", f"Mesure {number}.{n}") for n in range(1, count + 1)],
            )
            for number, fr, _nl, count in PGSP_THEMATICS
        ],
    )


def _regional_plan() -> RegionalPlan:
    plan = (
        Plan.objects.filter(kind=PlanKind.PGSP)
        .exclude(status=PlanStatus.SUPERSEDED)
        .order_by("-period_start", "-version")
        .first()
    )
    if plan is None:
        plan = import_plan(_placeholder_outline(), source_name="demo", layout="json", user=SYSTEM).plan
    region = Organisation.objects.get(kind=Organisation.Kind.REGION, code="BE-BRU")
    return actions.attach_regional_plan(plan, region, SYSTEM)


@transaction.atomic
def load_regional_demo() -> RegionalPlan:
    regional = _regional_plan()
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=[c for *_x, c in PARTNERS if c])}
    partners = {}
    for name, category, code in PARTNERS:
        partner = Partner.objects.filter(region_id=regional.region_id, name=name).first()
        partners[name] = partner or actions.create_partner(
            regional, name, category, SYSTEM, organisations.get(code) if code else None
        )
    measures = {
        m.code: m
        for m in PlanMeasure.objects.filter(thematic__plan_id=regional.plan_id).select_related("thematic")
    }
    for partner_name, title, years, primary, secondary, subsidies in PROJECTS:
        if Project.objects.filter(regional_plan=regional, title=title).exists() or primary not in measures:
            continue  # already there (or a plan without this measure)
        project = actions.create_project(
            regional,
            actions.ProjectData(
                partner=partners[partner_name],
                title=title,
                year_start=years[0],
                year_end=years[-1],
                primary=measures[primary],
                secondary=[measures[c] for c in secondary if c in measures],
            ),
            SYSTEM,
        )
        _load_outputs(project)
        for year, amount in subsidies.items():
            call = "Appel à projets 2022" if partners[partner_name].category == "association_call" else ""
            actions.grant_subsidy(
                partners[partner_name],
                year,
                Decimal(amount),
                SYSTEM,
                legal_basis="Arrêté de subvention",
                call=call,
                project=project,
            )
    return regional
