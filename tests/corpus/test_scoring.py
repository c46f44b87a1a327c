"""The corpus scorer: per-level F1 and target accuracy, the numbers the threshold tests will use."""

from __future__ import annotations

import copy

from tests.corpus.plans_fr import forest
from tests.corpus.plans_zonal import zone_midi
from tests.corpus.scoring import refused_score, score_outline
from tests.corpus.spec import count


def test_an_outline_scores_one_on_every_level_against_itself() -> None:
    result = score_outline(forest(), forest())
    assert result.worst_f1() == 1.0 and result.target_accuracy == 1.0
    assert result.meets(1.0, 1.0) and not result.misses()


def test_a_lost_indicator_lowers_indicator_recall_and_target_accuracy_only() -> None:
    found = forest()
    lost = found.modules[1].strategic_objectives[0].operational_objectives[0].indicators.pop()
    result = score_outline(found, forest())
    indicators = result.levels["indicators"]
    assert (indicators.expected - indicators.found, indicators.precision) == (1, 1.0)
    assert indicators.recall < 1.0 and result.target_accuracy < 1.0
    assert result.levels["operational_objectives"].f1 == 1.0
    assert lost.text not in " ".join(i.text for i in found.iter_indicators())


def test_a_misread_target_counts_against_target_accuracy_not_the_indicator() -> None:
    found = forest()
    indicator = next(found.iter_indicators())
    indicator.target = count("≥ 5/an", 5, "year")
    result = score_outline(found, forest())
    assert result.levels["indicators"].f1 == 1.0
    assert result.target_accuracy < 1.0
    assert any(miss.startswith("targets") for miss in result.misses())


def test_text_glued_onto_a_node_makes_it_wrong() -> None:
    found = forest()
    oo = found.modules[0].strategic_objectives[0].operational_objectives[0]
    oo.title += " Page 3 sur 8"
    result = score_outline(found, forest())
    assert result.levels["operational_objectives"].f1 < 1.0
    assert not result.meets(0.95)


def test_a_refused_plan_scores_zero() -> None:
    result = refused_score(forest())
    assert result.worst_f1() == 0.0 and result.target_accuracy == 0.0
    assert result.misses() and not result.meets(0.01)


def test_zonal_fields_are_scored_pilot_approach_and_reference_value() -> None:
    found = copy.deepcopy(zone_midi())
    so = found.modules[0].strategic_objectives[0]
    so.pilot = None
    so.operational_objectives[0].approach = "Autre approche"
    so.indicators[0].reference_value = None
    result = score_outline(found, zone_midi())
    assert {level for level, s in result.levels.items() if s.f1 < 1.0} == {
        "pilots",
        "approaches",
        "reference_values",
    }
