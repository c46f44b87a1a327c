from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balise.accounts.actors import SYSTEM
from balise.domain.progress import Status, status_on
from balise.monitoring import rollups
from balise.monitoring.models import IndicatorYearProgress
from balise.monitoring.progress_store import rebuild
from balise.monitoring.selectors import plan_progress
from balise.plans.actions import import_plan
from balise.plans.models import Indicator

from .conftest import BURGLARY, COORDINATION, outline, record


def statuses_by_key(plans, year):
    """The statuses the roll-ups count: the maintained table, read as of a day after every deadline."""
    rows = IndicatorYearProgress.objects.filter(plan__in=plans, year=year)
    today = timezone.localdate()
    return {r.indicator_key: status_on(Status(r.status), r.due, today).value for r in rows}


def test_the_aggregate_statuses_are_those_of_plan_progress_on_the_demo_plan(demo_db):
    from balise.plans.models import Plan

    plan = Plan.objects.get(municipality__code="99001")
    seen = set()
    for year in (2023, 2024, 2025):
        expected = {row.indicator.key: row.progress.status.value for row in plan_progress(plan, year).rows}
        assert statuses_by_key(Plan.objects.filter(pk=plan.pk), year) == expected
        seen |= set(expected.values())
    assert seen == {"met", "partly_met", "not_met", "no_data"}  # every rule was exercised


def test_the_known_dataset_gives_the_statuses_it_was_built_for(world):
    by_text = {
        i.key: i.text for i in Indicator.objects.filter(strategic_objective__module__plan=world.ixelles)
    }
    got = statuses_by_key(rollups.plans_in_force(2024).filter(pk=world.ixelles.pk), 2024)
    assert {by_text[k]: s for k, s in got.items()} == {
        text: status for text, (_rows, status) in {**COORDINATION, **BURGLARY}.items()
    }


def test_the_overview_counts_statuses_and_colours_per_phenomenon(world):
    overview = rollups.federal_overview(rollups.plans_in_force(2024), 2024)
    rows = {r.label: r for r in overview.rows}
    assert list(rows) == ["Coordination", "Cambriolage"]
    # Ixelles: met + not met; Molenbeek: met (5 ≥ 4) + no data for its report
    assert rows["Coordination"].statuses == {"met": 2, "partly_met": 0, "not_met": 1, "no_data": 1}
    assert rows["Coordination"].colours == {"red": 1, "green": 1, "": 2}
    assert rows["Cambriolage"].statuses == {"met": 1, "partly_met": 1, "not_met": 0, "no_data": 4}
    assert overview.totals.total == 10 and overview.plans == 2


def test_one_phenomenon_is_broken_down_per_municipality(world):
    overview = rollups.federal_overview(rollups.plans_in_force(2024), 2024, "coordination")
    assert [(r.label, r.statuses["met"], r.statuses["not_met"]) for r in overview.rows] == [
        ("Ixelles", 1, 1),
        ("Molenbeek-Saint-Jean", 1, 0),
    ]


def test_an_amended_plan_is_counted_once_with_the_values_of_its_previous_version(world):
    from datetime import date

    from balise.plans.models import PlanStatus
    from balise.plans.versioning import amend_plan, sign_plan

    before = rollups.federal_overview(rollups.plans_in_force(2024), 2024)
    world.ixelles.status = PlanStatus.SIGNED
    world.ixelles.save()
    draft = amend_plan(world.ixelles, None)
    in_force = rollups.plans_in_force(2024)
    # The signed version stays in force while its amendment is a draft...
    assert world.ixelles in in_force and draft not in in_force
    sign_plan(draft, None, date(2024, 3, 1))
    # ...and the amendment replaces it once signed, with the values of the previous version.
    in_force = rollups.plans_in_force(2024)
    assert draft in in_force and world.ixelles not in in_force
    after = rollups.federal_overview(in_force, 2024)
    assert [(r.label, r.statuses, r.colours) for r in after.rows] == [
        (r.label, r.statuses, r.colours) for r in before.rows
    ]


def overview_queries(year: int = 2024) -> int:
    with CaptureQueriesContext(connection) as queries:
        rollups.federal_overview(rollups.plans_in_force(year), year)
    return len(queries)


def test_the_overview_runs_the_same_number_of_queries_for_two_plans_or_ten(world):
    few = overview_queries()
    for n in range(8):
        plan = import_plan(outline("Ixelles", f"PSSP {n}"), user=SYSTEM).plan
        record(plan, COORDINATION)
    assert len(rollups.plans_in_force(2024)) == 10
    assert overview_queries() == few <= 4  # scale, counts per group, group names, plans


KINDS = [
    "Existence d'un outil de suivi : Oui/Non",
    "Nombre de visites : ≥ 50/an",
    "Nombre de réunions : ≥ 1/mois",
    "Nombre de patrouilles : 4 x/semaine",
    "Présence des gardiens : ≥ 7 h/jour",
    "Permanence d'accueil : ≥ 3 h/semaine",
    "Part des visites suivies de travaux : ≥ 30%",
    "Mise en place d'un guichet unique d'ici fin 2024",
    "Nombre de plaintes : ≤ 3/an",
]


def test_the_aggregates_agree_with_plan_progress_on_random_values_of_every_kind(reference):
    import random
    from decimal import Decimal

    from balise.domain.outline import IndicatorOutline, ModuleOutline, PlanOutline, StrategicObjectiveOutline
    from balise.domain.periods import parse_period
    from balise.domain.targets import parse_target
    from balise.monitoring.models import Measurement
    from balise.plans.models import Plan

    rng = random.Random(20241)
    plan = import_plan(
        PlanOutline(
            kind="pssp",
            title="Aléatoire",
            municipality="Ixelles",
            period_start=outline("Ixelles", "x").period_start,
            period_end=outline("Ixelles", "x").period_end,
            modules=[
                ModuleOutline(
                    "Cambriolage",
                    strategic_objectives=[
                        StrategicObjectiveOutline(
                            "SO", indicators=[IndicatorOutline(t, parse_target(t)) for t in KINDS * 4]
                        )
                    ],
                )
            ],
        ),
        user=SYSTEM,
    ).plan
    labels = ["2024", "2024-Q3", "2024-02", "2024-11", "2024-W01", "2024-W52", "2025-W01", "2024-06-30"]
    for indicator in Indicator.objects.filter(strategic_objective__module__plan=plan):
        for label in rng.sample(labels, rng.randint(0, 5)):
            period = parse_period(label)
            has_pair = rng.random() < 0.8
            Measurement.objects.create(
                indicator_key=indicator.key,
                indicator=indicator,
                period=label,
                period_start=period.start,
                period_end=period.end,
                amount=Decimal(rng.randint(0, 40)) if rng.random() < 0.8 else None,
                days=Decimal(rng.randint(1, 20)) if rng.random() < 0.6 else None,
                numerator=Decimal(rng.randint(0, 10)) if has_pair else None,
                denominator=Decimal(rng.randint(0, 20)) if has_pair else None,
                done=rng.choice([True, False, None]),
                done_on=period.end if rng.random() < 0.5 else None,
            )
    rebuild(Plan.objects.filter(pk=plan.pk))  # the values above went around the actions
    seen = set()
    for year in (2024, 2025):
        expected = {row.indicator.key: row.progress.status.value for row in plan_progress(plan, year).rows}
        assert statuses_by_key(Plan.objects.filter(pk=plan.pk), year) == expected
        seen |= set(expected.values())
    assert {"met", "not_met", "no_data"} <= seen  # the rules were exercised, not only "no data"


def test_every_roll_up_runs_a_fixed_number_of_queries_whatever_the_number_of_plans(world):
    def queries() -> tuple[int, ...]:
        counts = []
        for call in (
            lambda: rollups.federal_overview(rollups.plans_in_force(2024), 2024, "coordination"),
            lambda: rollups.federal_overview(rollups.plans_in_force(2024), 2024, "phenomenon:burglary"),
            lambda: rollups.municipality_years(world.ixelles.municipality_id),
        ):
            with CaptureQueriesContext(connection) as captured:
                call()
            counts.append(len(captured))
        return tuple(counts)

    few = queries()
    for n in range(6):
        record(import_plan(outline("Ixelles", f"PSSP {n}"), user=SYSTEM).plan, COORDINATION)
    assert queries() == few
    assert max(few) <= 6


FILTERS = ["", "coordination", "phenomenon:burglary", "sector:prevention", "other", "nonsense"]


def test_the_federal_overview_runs_a_pinned_number_of_queries_for_every_filter_at_two_sizes(world):
    """As the page asks for it (the plans counted, for all regions or a coordinator's): the scale,
    the check that the kept counts count the plans in force (two), the counts per group, the
    groups' names (the phenomena; no sector here), then the number of plans or, with a group
    present, its counts per municipality and plan (with the municipalities' names)."""
    brussels = world.ixelles.municipality.region_id
    assert brussels is not None  # the coordinator's overview reads the counts of one region

    def queries() -> dict[tuple[str, str], int]:
        counts = {}
        for regions in (None, frozenset({brussels})):
            for phenomenon in FILTERS:
                with CaptureQueriesContext(connection) as captured:
                    rollups.federal_overview(
                        rollups.federal_plans_in_force(2024),
                        2024,
                        phenomenon,
                        counted=rollups.Counted(regions),
                    )
                counts[("all" if regions is None else "region", phenomenon)] = len(captured)
        return counts

    rollups.federal_overview(rollups.federal_plans_in_force(2024), 2024, counted=rollups.Counted())
    few = queries()
    for n in range(8):
        town = ("Ixelles", "Molenbeek-Saint-Jean")[n % 2]
        record(import_plan(outline(town, f"PSSP {n}"), user=SYSTEM).plan, COORDINATION)
    rollups.federal_overview(rollups.federal_plans_in_force(2024), 2024, counted=rollups.Counted())
    assert len(rollups.federal_plans_in_force(2024)) == 10
    many = queries()
    # a group absent this year ("sector:…", "other") or unknown selects nothing without a query
    pinned = {"": 6, "coordination": 6, "phenomenon:burglary": 6}
    expected = {(scope, f): pinned.get(f, 5) for scope in ("all", "region") for f in FILTERS}
    assert few == expected
    assert many == expected
