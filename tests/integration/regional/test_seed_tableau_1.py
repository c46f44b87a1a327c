"""Seed 004's "Tableau 1" reproduced: the PGSP imported from the report, projects built from the
table's own counts, and the computed table compared cell by cell with the one the report prints."""

from __future__ import annotations

import pytest

from balise.accounts.actors import SYSTEM
from balise.imports import pgsp
from balise.imports.pgsp.coverage import parse_coverage_table
from balise.plans.actions import import_plan
from balise.plans.models import PlanMeasure
from balise.regional import actions
from balise.regional.coverage import TABLEAU_1, column_for, differences
from balise.regional.selectors import Filters, coverage_table
from tests.factories import organisation
from tests.seeds import seed_text


@pytest.fixture
def seed_lines():
    return seed_text("004").split("\n")


def _build_from_report(seed_lines):
    """One project per (thematic, column) funding the first k measures of the thematic; the local
    column's k measures are split between a municipality and a LISA antenna that overlap by one."""
    report = parse_coverage_table(seed_lines)
    plan = import_plan(pgsp.parse(seed_lines).outline, user=SYSTEM).plan
    regional = actions.attach_regional_plan(plan, organisation("BE-BRU"), SYSTEM)
    measures: dict[int, list[PlanMeasure]] = {}
    for measure in PlanMeasure.objects.filter(thematic__plan=plan).select_related("thematic"):
        measures.setdefault(measure.thematic.number, []).append(measure)
    partners = {}
    for category in (
        "police_zone",
        "municipality",
        "lisa_antenna",
        "regional_body",
        "association_call",
        "association_other",
    ):
        partners[category] = actions.create_partner(regional, f"Partenaire {category}", category, SYSTEM)
    for row in report.rows:
        for heading, cell in zip(report.categories, row.cells, strict=True):
            column = column_for(heading)
            funded = sorted(measures[row.thematic], key=lambda m: m.order)[: cell.covered]
            if not funded:
                continue
            shares = [(column.categories[0], funded)]
            if column.key == "local" and len(funded) > 1:
                middle = len(funded) // 2
                shares = [("municipality", funded[: middle + 1]), ("lisa_antenna", funded[middle:])]
            for category, part in shares:
                actions.create_project(
                    regional,
                    actions.ProjectData(
                        partner=partners[category],
                        title=f"{heading} · thématique {row.thematic}",
                        year_start=2021,
                        year_end=2022,
                        primary=part[0],
                        secondary=part[1:],
                    ),
                    SYSTEM,
                )
    # Work of 2023 must not change a 2021-2022 table.
    actions.create_project(
        regional,
        actions.ProjectData(partners["regional_body"], "Plus tard", 2023, 2023, primary=measures[8][0]),
        SYSTEM,
    )
    return report, regional


def test_the_coverage_computed_from_the_data_reproduces_tableau_1(reference, seed_lines):
    report, regional = _build_from_report(seed_lines)
    table = coverage_table(regional, Filters(2021, 2022), TABLEAU_1)
    assert differences(table, report) == []
    assert [str(t) for t in table.totals] == ["37/77", "48/77", "10/77", "17/77", "15/77"]


def test_the_seed_keeps_its_two_measures_worded_alike_apart(reference, seed_lines):
    _report, regional = _build_from_report(seed_lines)
    alike = PlanMeasure.objects.filter(thematic__plan=regional.plan, code__in=["8.6", "8.7"])
    assert len({m.text for m in alike}) == 1 and alike.count() == 2
    table = coverage_table(regional, Filters(2021, 2022))
    assert str(table.cell(8, "police")) == "2/8"  # 8.1 and 8.2: the alike pair is not merged into them


def test_a_changed_count_is_reported_as_a_difference(reference, seed_lines):
    report, regional = _build_from_report(seed_lines)
    actions.create_project(
        regional,
        actions.ProjectData(
            actions.create_partner(regional, "Zone en plus", "police_zone", SYSTEM),
            "Projet en plus",
            2022,
            2022,
            primary=PlanMeasure.objects.get(thematic__plan=regional.plan, code="9.1"),
        ),
        SYSTEM,
    )
    problems = differences(coverage_table(regional, Filters(2021, 2022)), report)
    assert problems == [
        "thematic 9, Zones de police: report 0/9, computed 1/9",
        "TOTAL, Zones de police: report 37/77, computed 38/77",
    ]
