from __future__ import annotations

from balise.domain.readiness import SubjectState, readiness

NEEDS = {"orange", "red", "grey"}


def indicator(label: str, **state) -> SubjectState:
    return SubjectState(label, is_indicator=True, has_target=True, **state)


def test_submission_lists_indicators_with_a_target_and_no_value():
    r = readiness([indicator("a", has_values=True, self_evaluation="ok"), indicator("b")], NEEDS)
    assert r.without_values == ("b",)
    assert not r.complete_for_submission


def test_an_indicator_without_target_needs_no_value():
    r = readiness([SubjectState("t", is_indicator=True, self_evaluation="fait")], NEEDS)
    assert r.without_values == () and r.complete_for_submission


def test_submission_lists_indicators_and_objectives_without_self_evaluation():
    objective = SubjectState("so", is_indicator=False, self_evaluation="  ")
    r = readiness([objective, indicator("a", has_values=True, self_evaluation="x")], NEEDS)
    assert r.without_self_evaluation == ("so",)


def test_an_indicator_without_colour_keeps_the_year_from_being_analysed():
    r = readiness([indicator("a", colour="green"), indicator("b")], NEEDS)
    assert r.unassessed == ("b",) and r.assessed == 1
    assert not r.may_be_analysed


def test_a_colour_that_needs_a_motivation_blocks_until_it_has_one():
    r = readiness([indicator("a", colour="red"), indicator("b", colour="orange", motivation="retard")], NEEDS)
    assert r.without_motivation == ("a",)
    assert not r.may_be_analysed


def test_not_evaluable_with_a_reason_counts_as_assessed():
    r = readiness([indicator("a", colour="grey", motivation="pas de données en 2024")], NEEDS)
    assert r.may_be_analysed and r.colours == {"grey": 1}


def test_green_needs_no_motivation_unless_configured():
    assert readiness([indicator("a", colour="green")], NEEDS).may_be_analysed
    assert not readiness([indicator("a", colour="green")], {"green"}).may_be_analysed


def test_objectives_need_no_colour_for_the_year_to_be_analysed():
    objective = SubjectState("so", is_indicator=False)
    assert readiness([objective, indicator("a", colour="green")], NEEDS).may_be_analysed
