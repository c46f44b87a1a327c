"""The coverage table on a dataset whose counts are known (see conftest)."""

from __future__ import annotations

import pytest

from balise.accounts.actors import SYSTEM
from balise.regional.coverage import TABLEAU_1, columns_with
from balise.regional.selectors import Filters, coverage_detail, coverage_table

from .conftest import EXPECTED_2021_2022


def test_it_counts_measures_per_thematic_and_actor_category(world):
    table = coverage_table(world.regional, Filters(2021, 2022))
    assert table.as_strings() == EXPECTED_2021_2022
    assert [str(t) for t in table.totals] == ["3/7", "3/7", "1/7", "1/7", "0/7"]


def test_a_measure_reached_by_several_categories_counts_once_overall(world):
    table = coverage_table(world.regional, Filters(2021, 2022))
    assert [str(r.overall) for r in table.rows] == ["3/3", "2/2", "1/2"]
    assert str(table.overall) == "6/7"


def test_a_project_linked_to_three_measures_covers_all_three(world):
    table = coverage_table(world.regional, Filters(2021, 2022), columns_with("police_zone"))
    assert [str(r.cells[0]) for r in table.rows] == ["2/3", "1/2", "0/2"]


def test_measures_worded_alike_are_counted_as_two_measures(world):
    assert world.measures["2.1"].text == world.measures["2.2"].text
    assert coverage_table(world.regional, Filters(2021, 2022)).cell(2, "local").covered == 2


def test_only_projects_running_in_the_years_count(world):
    table = coverage_table(world.regional, Filters(2023, 2023))
    assert table.as_strings() == {
        1: ["1/3", "1/3", "0/3", "0/3", "0/3"],  # the 2023 patrol; the municipal objective (2020-2025)
        2: ["0/2", "0/2", "0/2", "0/2", "0/2"],
        3: ["0/2", "0/2", "1/2", "0/2", "0/2"],
    }


def test_municipal_objectives_count_only_while_their_plan_runs(world):
    world.municipal_plan.period_end = world.municipal_plan.period_end.replace(year=2022)
    world.municipal_plan.save()
    assert coverage_table(world.regional, Filters(2023, 2023)).cell(1, "local").covered == 0


def test_a_partner_filter_counts_that_partners_projects_only(world):
    zone = frozenset({world.partners["zone"].pk})
    table = coverage_table(world.regional, Filters(2021, 2024, partners=zone))
    assert table.as_strings()[1] == ["3/3", "0/3", "0/3", "0/3", "0/3"]
    assert str(table.overall) == "4/7"


def test_a_thematic_filter_keeps_one_row(world):
    table = coverage_table(world.regional, Filters(2021, 2022, thematic=2))
    assert table.as_strings() == {2: EXPECTED_2021_2022[2]}


def test_the_table_is_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        coverage_table(world.regional, Filters(2021, 2022))


def test_the_drill_down_lists_the_contributions_of_a_cell(world, django_assert_max_num_queries):
    local = next(c for c in TABLEAU_1 if c.key == "local")
    with django_assert_max_num_queries(3):
        detail = coverage_detail(world.regional, 1, local, Filters(2021, 2022))
        rows = {d.measure.code: ([link.project.title for link in d.links], len(d.objectives)) for d in detail}
    assert rows == {"1.1": ([], 0), "1.2": ([], 0), "1.3": ([], 1)}
    police = TABLEAU_1[0]
    detail = coverage_detail(world.regional, 1, police, Filters(2021, 2022))
    assert [(d.measure.code, [(link.project.title, link.primary) for link in d.links]) for d in detail] == [
        ("1.1", [("Visites techno-préventives", True)]),
        ("1.2", [("Visites techno-préventives", False)]),
        ("1.3", []),
    ]


def test_another_region_keeps_its_own_plan_partners_and_coverage(world, users):
    from balise.accounts.models import Organisation
    from balise.plans.actions import import_plan
    from balise.plans.models import PlanMeasure
    from balise.regional import actions
    from balise.regional.rules import scope_for

    from .conftest import regional_outline

    wallonia = Organisation.objects.get(code="BE-WAL")
    plan = import_plan(regional_outline("Plan wallon"), user=SYSTEM).plan
    other = actions.attach_regional_plan(plan, wallonia, SYSTEM, catalogue="wallonie-2022")
    partner = actions.create_partner(other, "Zone de police Namur", "police_zone", SYSTEM)
    measure = PlanMeasure.objects.get(thematic__plan=plan, code="3.2")
    actions.create_project(
        other, actions.ProjectData(partner, "Projet wallon", 2021, 2022, primary=measure), SYSTEM
    )
    assert coverage_table(world.regional, Filters(2021, 2022)).as_strings() == EXPECTED_2021_2022
    assert str(coverage_table(other, Filters(2021, 2022)).cell(3, "police")) == "1/2"
    assert scope_for(users["other_coordinator"], other).edits
    assert scope_for(users["other_coordinator"], world.regional) is None
    assert scope_for(users["coordinator"], other) is None
    brussels_measure = world.measures["1.1"]
    with pytest.raises(actions.Refused, match="does not belong to this regional plan"):
        actions.create_project(
            other, actions.ProjectData(partner, "Mauvais", 2021, 2021, primary=brussels_measure), SYSTEM
        )
    with pytest.raises(actions.Refused, match="not a partner of this region"):
        actions.create_project(
            world.regional, actions.ProjectData(partner, "Mauvaise région", 2021, 2021), SYSTEM
        )
