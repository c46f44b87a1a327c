"""Demo data: a fictional municipality, its plan, and one user per role (password "demo")."""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from balise.accounts.actors import SYSTEM
from balise.accounts.models import Membership, Organisation
from balise.accounts.roles import Role
from balise.accounts.users import User
from balise.domain.interchange import loads
from balise.domain.periods import parse_period
from balise.imports.statistics.importing import import_statistics
from balise.monitoring import workflow
from balise.monitoring.actions import bulk_record
from balise.monitoring.models import Measurement
from balise.monitoring.selectors import plan_progress
from balise.plans.actions import import_plan
from balise.plans.models import Indicator, Plan
from balise.reference.loader import load_reference
from balise.regional.demo import load_regional_demo

DEMO_PASSWORD = "demo"
DEMO_STATISTICS = "valmont_police_statistics.csv"
DEMO_MUNICIPALITY = ("99001", "Valmont-sur-Senne", "Valmont-sur-Senne")
DEMO_PLAN = "valmont_pssp_2023_2025.json"
# Valmont's fictional police zone and its zonal security plan (the phenomenon pages pair them).
DEMO_ZONE = ("99501", "Senne-et-Coteaux", "Zenne-en-Heuvels")
DEMO_ZONAL_PLAN = "senne_pzs_2020_2025.json"
DEMO_MEASUREMENTS = "valmont_measurements.json"
DEMO_USERNAMES = (
    "editeur",
    "lecteur",
    "evaluateur",
    "molenbeek",
    "analyste",
    "coordinateur",
    "partenaire",
    "admin",
)


def _demo_users(valmont: Organisation) -> list[tuple[str, Role | None, Organisation | None]]:
    by_code = {o.code: o for o in Organisation.objects.filter(code__in=["IBZ", "BE-BRU", "5340", "21012"])}
    return [
        ("editeur", Role.MUNICIPALITY_EDITOR, valmont),
        ("lecteur", Role.MUNICIPALITY_VIEWER, valmont),
        ("evaluateur", Role.INTERNAL_EVALUATOR, valmont),
        ("molenbeek", Role.MUNICIPALITY_EDITOR, by_code["21012"]),
        ("analyste", Role.FEDERAL_ANALYST, by_code["IBZ"]),
        ("coordinateur", Role.REGIONAL_COORDINATOR, by_code["BE-BRU"]),
        ("partenaire", Role.PARTNER, by_code["5340"]),
        ("admin", None, None),
    ]


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    """Idempotent: returns (username, role, organisation) for each demo login."""

    load_reference()
    zone_code, zone_fr, zone_nl = DEMO_ZONE
    zone, _created = Organisation.objects.update_or_create(
        kind=Organisation.Kind.POLICE_ZONE, code=zone_code, defaults={"name_fr": zone_fr, "name_nl": zone_nl}
    )
    code, fr, nl = DEMO_MUNICIPALITY
    valmont, _created = Organisation.objects.update_or_create(
        kind=Organisation.Kind.MUNICIPALITY,
        code=code,
        defaults={"name_fr": fr, "name_nl": nl, "police_zone": zone},
    )
    data = resources.files("balise.demo").joinpath("data")
    plan = import_plan(
        loads(data.joinpath(DEMO_PLAN).read_text("utf-8")), source_name=DEMO_PLAN, layout="json", user=SYSTEM
    ).plan
    zonal = loads(data.joinpath(DEMO_ZONAL_PLAN).read_text("utf-8"))
    import_plan(zonal, source_name=DEMO_ZONAL_PLAN, layout="json", user=SYSTEM)
    logins = []
    users: dict[str, User] = {}
    for username, role, organisation in _demo_users(valmont):
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = role is None
            user.save()
        if role is not None:
            Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        users[username] = user
        logins.append(
            (
                username,
                str(role.label) if role else str(_("administrator")),
                organisation.name if organisation else "—",
            )
        )
    load_demo_monitoring(plan, users)
    load_regional_demo()
    statistics = resources.files("balise.demo").joinpath("data", DEMO_STATISTICS)
    import_statistics(DEMO_STATISTICS, statistics.read_bytes(), user=SYSTEM)
    return logins


def _demo_values(indicator: Indicator, row: dict[str, Any]) -> dict[str, Any]:
    """A line of valmont_measurements.json as the fields of a measurement of ``indicator``."""
    if "parts" in row:  # a disaggregated indicator: its values per category, the total is computed
        return {"parts": row["parts"], "comment": row.get("comment", "")}
    kind = indicator.target_kind
    value = row["value"]
    if kind in ("boolean", "deadline"):
        done_on = parse_period(row["period"]).end if kind == "deadline" and value else None
        return {"done": value, "done_on": done_on, "comment": row.get("comment", "")}
    if kind == "percent":
        values = {"numerator": row["numerator"], "denominator": row["denominator"]}
    else:
        values = {"amount": value, "days": row.get("days")}
    return {**values, "comment": row.get("comment", "")}


def load_demo_measurements(plan: Plan, user: User) -> int:
    """Record the demo values that are not there yet (one bulk entry per period); returns how many."""

    rows = json.loads(resources.files("balise.demo").joinpath("data", DEMO_MEASUREMENTS).read_text("utf-8"))
    indicators = {i.text: i for i in Indicator.objects.filter(strategic_objective__module__plan=plan)}
    existing = set(
        Measurement.objects.filter(indicator_key__in=[i.key for i in indicators.values()]).values_list(
            "indicator_key", "period"
        )
    )
    by_period: dict[str, dict[int, dict]] = defaultdict(dict)
    for row in rows:
        indicator = indicators[row["indicator"]]
        if (indicator.key, row["period"]) not in existing:
            by_period[row["period"]][indicator.pk] = _demo_values(indicator, row)
    for period, values in by_period.items():
        bulk_record(plan, period, values, user)
    return sum(len(values) for values in by_period.values())


# (status computed for 2023, self-evaluation, colour given by the analyst, analysis, motivation)
_DEMO_ASSESSMENTS = {
    "met": (
        "Objectif atteint grâce à la stabilité de l'équipe.",
        "green",
        "Résultat conforme à la cible.",
        "Les valeurs transmises couvrent toute l'année.",
    ),
    "partly_met": (
        "Objectif approché : deux postes sont restés vacants une partie de l'année.",
        "orange",
        "Résultat proche de la cible.",
        "Écart limité et expliqué ; à suivre en 2024.",
    ),
    "not_met": (
        "Objectif non atteint ; un plan d'action est prévu pour 2024.",
        "orange",
        "Cible non atteinte, mais les causes sont identifiées.",
        "Le retard est justifié par les départs en cours d'année : orange plutôt que rouge.",
    ),
    "no_data": (
        "Action pas encore lancée.",
        "grey",
        "Aucune donnée transmise.",
        "Non évaluable en 2023.",
    ),
}


def load_demo_monitoring(plan: Plan, users: dict[str, User]) -> None:
    """The demo values, the 2023 evaluation (submitted, then analysed) and a draft for 2024."""

    load_demo_measurements(plan, users["editeur"])
    evaluation = workflow.evaluation_for(plan, 2023)
    workflow.evaluation_for(plan, 2024)
    if evaluation.state != evaluation.State.DRAFT or evaluation.transitions.exists():
        return  # already played (or reopened by an administrator since): leave it as it is
    chosen: dict[str, list[Indicator]] = {}
    for row in plan_progress(plan, 2023).rows:
        chosen.setdefault(row.progress.status.value, []).append(row.indicator)
    # Every indicator is assessed (a year is marked analysed only then); two per status are
    # self-evaluated as examples.
    every = [(status, indicator) for status, items in chosen.items() for indicator in items]
    picked = [(status, indicator) for status, items in chosen.items() for indicator in items[:2]]
    for status, indicator in picked:
        self_evaluation = _DEMO_ASSESSMENTS[status][0]
        workflow.save_self_evaluation(
            evaluation, "indicator", indicator.key, self_evaluation, users["evaluateur"]
        )
    workflow.submit(evaluation, users["evaluateur"])
    for status, indicator in every:
        _text, colour, analysis, motivation = _DEMO_ASSESSMENTS[status]
        workflow.save_analysis(
            evaluation,
            "indicator",
            indicator.key,
            analysis=analysis,
            colour_code=colour,
            motivation=motivation,
            user=users["analyste"],
        )
    workflow.mark_analysed(evaluation, users["analyste"])
