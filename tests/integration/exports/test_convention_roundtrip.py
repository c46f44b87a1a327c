"""A convention written by Balise, DOCX or PDF, imports back into the same plan.

"The same" is checked twice: `balise.imports.scoring.score` against the stored plan's outline
(1.0 at every level: modules, general, strategic and operational objectives, results, indicators,
targets), and the whole interchange document (title, kind, parties, money, services, domains…).
"""

from __future__ import annotations

import pytest

from tests.integration.exports.convention_support import (
    demo_plan,
    export,
    imperfect_levels,
    plan_dict,
    reimport,
    seed_plan,
    stored_outline,
)

pytestmark = pytest.mark.django_db

SEEDS = ("000", "001", "002", "003")


@pytest.mark.parametrize("format", ["docx", "pdf"])
@pytest.mark.parametrize("prefix", SEEDS)
def test_a_seed_plan_comes_back_whole_from_its_convention(reference, tmp_path, prefix, format):
    plan = seed_plan(prefix)
    expected = stored_outline(plan)
    result = reimport(export(plan, tmp_path, format))
    assert result.layout == "pssp_table"
    assert [line.text for line in result.unplaced] == []
    assert imperfect_levels(result.outline, expected) == {}
    assert plan_dict(result.outline) == plan_dict(expected)


@pytest.mark.parametrize("format", ["docx", "pdf"])
def test_the_demo_plan_comes_back_with_its_evaluation_of_the_year(reference, tmp_path, format):
    plan = demo_plan()
    expected = stored_outline(plan)
    result = reimport(export(plan, tmp_path, format, year=2023))
    assert [line.text for line in result.unplaced] == []
    assert imperfect_levels(result.outline, expected) == {}
    assert plan_dict(result.outline, evaluation=False) == plan_dict(expected, evaluation=False)
    evaluated = [i for i in result.outline.iter_indicators() if i.colour]
    assert len(evaluated) >= 4  # the demo's analyst assessed two indicators per status
    assert all(i.analysis and i.motivation for i in evaluated)


def test_a_convention_in_dutch_keeps_the_tree_of_a_french_plan(reference, tmp_path):
    plan = demo_plan()
    expected = stored_outline(plan)
    result = reimport(export(plan, tmp_path, "docx", language="nl"))
    assert result.outline.language == "nl"
    assert imperfect_levels(result.outline, expected) == {}
    assert result.outline.title == expected.title
    assert result.outline.parties == expected.parties
    assert result.outline.finance == expected.finance


def test_balise_import_recognises_its_own_convention_as_the_plan_already_there(reference, tmp_path):
    from balise.cli import main

    plan = seed_plan("000")
    path = export(plan, tmp_path, "docx")
    assert main(["import", str(path), "--strict"]) == 0
    from balise.plans.models import Plan

    # Same content fingerprint: nothing new stored, not even a new version.
    assert Plan.objects.filter(lineage=plan.lineage).count() == 1
    assert Plan.objects.count() == 1
