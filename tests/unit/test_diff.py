from __future__ import annotations

import json
from decimal import Decimal

from balise.domain.diff import Change, NodeSnapshot, Op, Segment, diff_trees, word_diff
from balise.domain.targets import Period, Target, TargetKind

AT_LEAST_50 = Target(TargetKind.COUNT, "≥ 50 /an", ">=", Decimal("50"), Period.YEAR)
AT_LEAST_60 = Target(TargetKind.COUNT, "≥ 60 /an", ">=", Decimal("60"), Period.YEAR)


def node(key, kind="indicator", parent="so", order=0, text=None, target=None, **extra) -> NodeSnapshot:
    return NodeSnapshot(
        key, kind, parent, order, text if text is not None else f"text of {key}", target, extra
    )


def tree(*indicators: NodeSnapshot) -> list[NodeSnapshot]:
    return [
        node("m", "module", None, 0, "Cambriolage"),
        node("so", "strategic_objective", "m", 0, "Agir sur les circonstances"),
        *indicators,
    ]


def test_identical_trees_have_no_changes_and_count_every_node_unchanged():
    nodes = tree(node("i1"), node("i2", order=1))
    diff = diff_trees(nodes, list(nodes))
    assert diff.is_empty
    assert diff.unchanged == {"module": 1, "strategic_objective": 1, "indicator": 2}
    assert diff.counts() == {"added": 0, "removed": 0, "changed": 0, "unchanged": 4}


def test_a_reworded_indicator_is_changed_not_removed_and_added():
    old = tree(node("i1", text="Nombre de visites techno-préventives : ≥ 50 /an", target=AT_LEAST_50))
    new = tree(node("i1", text="Nombre de visites de sécurisation : ≥ 50 /an", target=AT_LEAST_50))
    diff = diff_trees(old, new)
    assert (diff.added, diff.removed) == ([], [])
    [change] = diff.changed
    assert change.key == "i1" and change.text_changed and not change.target_changed
    assert change.segments == (
        Segment(Op.EQUAL, "Nombre de visites"),
        Segment(Op.DELETE, "techno-préventives"),
        Segment(Op.INSERT, "de sécurisation"),
        Segment(Op.EQUAL, ": ≥ 50 /an"),
    )


def test_a_new_target_is_reported_with_the_old_and_new_values():
    old = tree(node("i1", text="Visites : ≥ 50 /an", target=AT_LEAST_50))
    new = tree(node("i1", text="Visites : ≥ 60 /an", target=AT_LEAST_60))
    [change] = diff_trees(old, new).changed
    assert change.target_changed
    assert (change.old.target.raw, change.new.target.raw) == ("≥ 50 /an", "≥ 60 /an")


def test_a_target_value_stored_with_more_decimals_is_the_same_target():
    same_value = Target(TargetKind.COUNT, "≥ 50 /an", ">=", Decimal("50.0000"), Period.YEAR)
    old = tree(node("i1", text="Visites : ≥ 50 /an", target=AT_LEAST_50))
    new = tree(node("i1", text="Visites : ≥ 50 /an", target=same_value))
    assert diff_trees(old, new).is_empty


def test_indicators_only_in_the_new_version_are_added_and_only_in_the_old_removed():
    diff = diff_trees(tree(node("gone")), tree(node("fresh")))
    assert [c.key for c in diff.added] == ["fresh"]
    assert [c.key for c in diff.removed] == ["gone"]
    assert diff.removed[0].node.text == "text of gone"


def test_the_same_text_under_a_new_identity_is_added_and_removed_not_matched():
    diff = diff_trees(tree(node("old-key", text="Oui/Non")), tree(node("new-key", text="Oui/Non")))
    assert diff.counts()["added"] == diff.counts()["removed"] == 1


def test_whitespace_and_wrapping_do_not_make_a_change():
    old = tree(node("i1", text="Nombre de  visites\nréalisées"))
    new = tree(node("i1", text="Nombre de visites réalisées"))
    assert diff_trees(old, new).is_empty


def test_removing_the_first_sibling_does_not_mark_the_following_ones_as_moved():
    old = tree(node("i1", order=0), node("i2", order=1), node("i3", order=2))
    new = tree(node("i2", order=0), node("i3", order=1))
    diff = diff_trees(old, new)
    assert [(c.key, c.change) for c in diff.changes] == [("i1", Change.REMOVED)]


def test_swapping_two_siblings_moves_one_of_them():
    old = tree(node("i1", order=0), node("i2", order=1), node("i3", order=2))
    new = tree(node("i3", order=0), node("i1", order=1), node("i2", order=2))
    diff = diff_trees(old, new)
    assert [c.key for c in diff.changed if c.moved] == ["i3"]


def test_an_indicator_placed_under_another_objective_is_moved_to_a_new_parent():
    old = tree(node("oo", "operational_objective", "so", 0), node("i1", parent="so", order=0))
    new = tree(node("oo", "operational_objective", "so", 0), node("i1", parent="oo", order=0))
    [change] = diff_trees(old, new).changed
    assert change.moved and change.reparented and not change.text_changed
    assert (change.old_parent, change.new_parent) == ("Agir sur les circonstances", "text of oo")


def test_changes_of_other_fields_are_listed_with_old_and_new_values():
    old = [node("so", "strategic_objective", None, 0, "Agir", service="GDP", domain="")]
    new = [node("so", "strategic_objective", None, 0, "Agir", service="SCAPI", domain="")]
    [change] = diff_trees(old, new).changed
    assert change.extra_changes == {"service": ("GDP", "SCAPI")}


def test_changes_are_grouped_by_module_in_document_order_with_removed_nodes_in_their_old_place():
    old = [
        node("m1", "module", None, 0, "Coordination"),
        node("a", "general_objective", "m1", 0),
        node("b", "general_objective", "m1", 1),
        node("m2", "module", None, 1, "Cambriolage"),
        node("c", "general_objective", "m2", 0),
    ]
    new = [
        node("m1", "module", None, 0, "Coordination"),
        node("b", "general_objective", "m1", 0),
        node("x", "general_objective", "m1", 1),
        node("m2", "module", None, 1, "Cambriolage"),
        node("c", "general_objective", "m2", 0, text="reworded"),
    ]
    diff = diff_trees(old, new)
    assert [(g.title, [c.key for c in g.changes]) for g in diff.groups] == [
        ("Coordination", ["a", "x"]),
        ("Cambriolage", ["c"]),
    ]
    assert all(c.group_key == "m1" for c in diff.groups[0].changes)


def test_a_removed_module_takes_its_whole_subtree_with_it():
    old = tree(node("i1"))
    diff = diff_trees(old, [])
    assert [c.key for c in diff.removed] == ["m", "so", "i1"]
    assert [g.title for g in diff.groups] == ["Cambriolage"]


def test_siblings_of_different_kinds_are_ordered_by_kind_first():
    # Operational objectives and the indicators of a strategic objective both start at order 0.
    old = tree(node("oo", "operational_objective", "so", 0))
    new = tree(node("oo", "operational_objective", "so", 0), node("i1", order=0), node("i2", order=1))
    assert [c.key for c in diff_trees(old, new).changes] == ["i1", "i2"]


def test_a_key_repeated_within_a_version_does_not_hide_a_node():
    old = tree(node("dup", text="first"), node("dup", order=1, text="second"))
    new = tree(node("dup", text="first"))
    assert [c.node.text for c in diff_trees(old, new).removed] == ["second"]


def test_the_dict_form_is_json_friendly():
    old = tree(node("i1", text="Visites : ≥ 50 /an", target=AT_LEAST_50, fte=Decimal("1.50")))
    new = tree(node("i1", text="Visites : ≥ 60 /an", target=AT_LEAST_60, fte=Decimal("2")))
    data = diff_trees(old, new).to_dict()
    json.dumps(data)
    [change] = data["groups"][0]["changes"]
    assert change["change"] == "changed"
    assert change["new"]["target"]["value"] == "60"
    assert change["extra_changes"] == {"fte": ["1.5", "2"]}
    assert {"op": "insert", "words": "60"} in change["text_diff"]
    assert data["counts"] == {"added": 0, "removed": 0, "changed": 1, "unchanged": 2}


def test_word_diff_of_identical_texts_is_one_equal_segment():
    assert word_diff("a b c", "a  b c") == (Segment(Op.EQUAL, "a b c"),)
