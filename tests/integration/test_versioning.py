from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.domain.interchange import loads, outline_to_dict
from balise.domain.outline import MeasureOutline, ThematicOutline
from balise.finance.models import Contingent
from balise.plans import editing
from balise.plans.actions import import_plan
from balise.plans.models import (
    ExpectedResult,
    GeneralObjective,
    Indicator,
    Module,
    OperationalObjective,
    Plan,
    PlanMeasure,
    PlanStatus,
    PlanThematic,
    StrategicObjective,
)
from balise.plans.selectors import plan_outline, plan_with_tree
from balise.plans.versioning import VersionError, amend_plan, compare, sign_plan, versions_of
from tests.factories import FIXTURES, user_with_role

NODE_MODELS = {
    Module: "plan",
    GeneralObjective: "module__plan",
    StrategicObjective: "module__plan",
    OperationalObjective: "strategic_objective__module__plan",
    ExpectedResult: "operational_objective__strategic_objective__module__plan",
    Indicator: "strategic_objective__module__plan",
    PlanThematic: "plan",
    PlanMeasure: "thematic__plan",
}


def outline(modules_copies: int = 0):
    """The outside plan, with thematics and measures so that every kind of node is present."""
    result = loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))
    result.thematics = [
        ThematicOutline(1, "Intégrité physique et psychique des personnes", [MeasureOutline("1.1", "Aider")]),
        ThematicOutline(2, "Polarisation et radicalisation", [MeasureOutline("2.1", "Prévenir")]),
    ]
    template = loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8")).modules[1]
    for n in range(modules_copies):
        result.modules.append(replace(template, title=f"{template.title} {n}"))
    return result


@pytest.fixture
def editor(reference):
    return user_with_role("editor", Role.MUNICIPALITY_EDITOR, "21009")


@pytest.fixture
def signed(reference) -> Plan:
    plan = import_plan(outline(), user=SYSTEM).plan
    assert plan.status == PlanStatus.SIGNED
    return plan


def content(plan: Plan) -> dict:
    return outline_to_dict(replace(plan_outline(plan_with_tree(plan.pk)), signed_on=None))


def keys(plan: Plan, model) -> list:
    return sorted(
        str(k) for k in model.objects.filter(**{NODE_MODELS[model]: plan}).values_list("key", flat=True)
    )


@pytest.mark.django_db
def test_amending_copies_the_whole_plan_into_a_new_draft_version(signed, editor):
    draft = amend_plan(signed, editor)
    assert (draft.lineage, draft.version, draft.supersedes_id) == (signed.lineage, 2, signed.pk)
    assert (draft.status, draft.signed_on) == (PlanStatus.DRAFT, None)
    assert content(draft) == content(signed)
    assert Contingent.objects.filter(plan=draft).count() == 1
    assert PlanMeasure.objects.filter(thematic__plan=draft).count() == 2


@pytest.mark.django_db
def test_every_node_of_the_new_version_keeps_the_identity_of_its_original(signed, editor):
    draft = amend_plan(signed, editor)
    for model in NODE_MODELS:
        assert keys(draft, model) == keys(signed, model) != [], model.__name__
    assert not set(
        Indicator.objects.filter(strategic_objective__module__plan=draft).values_list("pk", flat=True)
    ) & set(Indicator.objects.filter(strategic_objective__module__plan=signed).values_list("pk", flat=True))


@pytest.mark.django_db
def test_amending_keeps_references_and_typed_targets(signed, editor):
    draft = amend_plan(signed, editor)
    so = StrategicObjective.objects.get(module__plan=draft, module__title="Cambriolage")
    assert (so.catalogue_entry.code, so.service.name) == (
        "criminogenic-circumstances",
        "Conseillers en prévention vol",
    )
    assert so.module.phenomenon.name_nl == "Inbraak"
    visits = Indicator.objects.get(
        strategic_objective__module__plan=draft, text__startswith="Nombre de visites"
    )
    assert (visits.target_kind, visits.target_value, visits.target_per, visits.target_raw) == (
        "count",
        50,
        "year",
        "≥ 50 /an",
    )


@pytest.mark.django_db
def test_the_history_of_the_new_version_names_who_amended_it(signed, editor):
    draft = amend_plan(signed, editor)
    assert draft.history.get().history_user == editor
    records = Indicator.history.filter(strategic_objective__module__plan=draft, history_type="+")
    assert records.count() == 4
    assert {r.history_user for r in records} == {editor}


@pytest.mark.django_db
def test_amending_takes_the_same_number_of_queries_whatever_the_size(reference, editor):
    small = import_plan(outline(), user=SYSTEM).plan
    large_outline = outline(modules_copies=6)
    large_outline.title = "Plus grand"
    large = import_plan(large_outline, user=SYSTEM).plan
    counts, progress_writes = [], []
    for plan in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            amend_plan(plan, editor)
        sql = [q["sql"] for q in ctx.captured_queries]
        # The new version's progress rows (indicators × years) go in a few batches on SQLite.
        progress_writes.append(sum("indicatoryearprogress" in s and s.startswith("INSERT") for s in sql))
        counts.append(sum("indicatoryearprogress" not in s or not s.startswith("INSERT") for s in sql))
    assert Indicator.objects.filter(strategic_objective__module__plan=large).count() == 4 + 6 * 3
    # tree read 10, two per kind of node, 4 to compute progress, 4 to rewrite the plan's counts
    # (read, whether the federal overview counts the plan, delete, insert)
    assert counts[0] == counts[1] <= 44
    assert progress_writes[1] <= 3  # 132 rows


@pytest.mark.django_db
def test_a_draft_cannot_be_amended(signed, editor):
    draft = amend_plan(signed, editor)
    with pytest.raises(VersionError, match="Only a signed plan"):
        amend_plan(draft, editor)


@pytest.mark.django_db
def test_a_signed_plan_with_a_draft_in_progress_cannot_be_amended_again(signed, editor):
    amend_plan(signed, editor)
    with pytest.raises(VersionError, match="Version 2 of this plan already exists"):
        amend_plan(signed, editor)
    assert len(versions_of(signed)) == 2


@pytest.mark.django_db
def test_signing_a_draft_supersedes_the_version_it_amends(signed, editor):
    draft = amend_plan(signed, editor)
    signed_draft = sign_plan(draft, editor, date(2023, 1, 15))
    assert (signed_draft.status, signed_draft.signed_on) == (PlanStatus.SIGNED, date(2023, 1, 15))
    signed.refresh_from_db()
    assert signed.status == PlanStatus.SUPERSEDED
    assert signed.history.latest().history_user == editor


@pytest.mark.django_db
def test_a_superseded_version_cannot_be_amended_and_a_signed_one_cannot_be_signed_again(signed, editor):
    draft = sign_plan(amend_plan(signed, editor), editor, date(2023, 1, 15))
    signed.refresh_from_db()
    with pytest.raises(VersionError, match="superseded"):
        amend_plan(signed, editor)
    with pytest.raises(VersionError, match="Only a draft"):
        sign_plan(draft, editor, date(2023, 2, 1))


@pytest.mark.django_db
def test_a_version_cannot_be_signed_before_the_version_it_replaces(signed, editor):
    draft = amend_plan(signed, editor)
    with pytest.raises(VersionError, match="before the version it replaces"):
        sign_plan(draft, editor, date(2019, 12, 31))
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


@pytest.mark.django_db
def test_versions_are_listed_in_order_from_any_of_them(signed, editor):
    third = amend_plan(sign_plan(amend_plan(signed, editor), editor, date(2023, 1, 1)), editor)
    assert [p.version for p in versions_of(signed)] == [1, 2, 3]
    assert [p.pk for p in versions_of(third)] == [p.pk for p in versions_of(signed)]


def _edited_draft(signed: Plan, editor) -> Plan:
    """v2 of the outside plan: one indicator added, one removed, one reworded, one retargeted."""
    draft = amend_plan(signed, editor)
    indicators = Indicator.objects.filter(strategic_objective__module__plan=draft)
    oo = OperationalObjective.objects.get(
        strategic_objective__module__plan=draft, title__startswith="Réaliser"
    )
    editing.create_node(
        "indicator",
        "operational_objective",
        oo.pk,
        {"text": "Nombre de brochures distribuées : ≥ 200 /an"},
        editor,
    )
    gone = indicators.get(text__startswith="Part des visites")
    editing.delete_node("indicator", gone.pk, gone.revision, editor)
    tools = indicators.get(text__startswith="Existence d'outils")
    editing.update_node(
        "indicator", tools.pk, {"text": "Existence d'un tableau de bord : Oui/Non"}, 1, editor
    )
    visits = indicators.get(text__startswith="Nombre de visites")
    editing.update_node(
        "indicator", visits.pk, {"text": "Nombre de visites techno-préventives : ≥ 80 /an"}, 1, editor
    )
    return draft


@pytest.mark.django_db
def test_compare_reports_added_removed_reworded_and_retargeted_indicators(signed, editor):
    diff = compare(signed, _edited_draft(signed, editor))
    assert [c.node.text for c in diff.added] == ["Nombre de brochures distribuées : ≥ 200 /an"]
    assert [c.node.text for c in diff.removed] == ["Part des visites suivies de travaux : 30%"]
    reworded, retargeted = diff.changed
    assert [tuple(s) for s in reworded.segments] == [
        ("equal", "Existence"),
        ("delete", "d'outils"),
        ("insert", "d'un tableau"),
        ("equal", "de"),
        ("delete", "suivi"),
        ("insert", "bord"),
        ("equal", ": Oui/Non"),
    ]
    assert not reworded.target_changed
    assert retargeted.target_changed
    assert (retargeted.old.target.raw, retargeted.new.target.raw) == ("≥ 50 /an", "≥ 80 /an")
    assert [g.title for g in diff.groups] == ["Coordination", "Cambriolage"]


@pytest.mark.django_db
def test_compare_to_dict_is_what_the_api_serves(signed, editor):
    data = compare(signed, _edited_draft(signed, editor)).to_dict()
    assert data["counts"] == {
        "added": 1,
        "removed": 1,
        "changed": 2,
        "unchanged": data["counts"]["unchanged"],
    }
    retargeted = data["groups"][1]["changes"][0]
    assert retargeted["old"]["target"]["value"] == "50" and retargeted["new"]["target"]["value"] == "80"


@pytest.mark.django_db
def test_a_version_compared_with_its_unchanged_amendment_has_no_differences(signed, editor):
    diff = compare(signed, amend_plan(signed, editor))
    assert diff.is_empty
    assert diff.unchanged["indicator"] == 4


@pytest.mark.django_db
def test_a_changed_contingent_and_allocation_are_reported_under_the_plan(signed, editor):
    draft = amend_plan(signed, editor)
    Contingent.objects.filter(plan=draft).update(fte="2.00")
    Plan.objects.filter(pk=draft.pk).update(annual_amount_eur="260000.00")
    diff = compare(signed, draft)
    assert [g.kind for g in diff.groups] == ["plan"]
    header, contingent = diff.changed
    assert header.extra_changes["annual_amount_eur"] == (250000, 260000)
    assert contingent.extra_changes == {"fte": (1.5, 2)}


@pytest.mark.django_db
def test_reimporting_an_unsigned_version_leaves_the_signed_one_in_force(signed):
    unsigned = outline()
    unsigned.signed_on = None
    unsigned.modules[0].general_objectives.append("Piloter la prévention")
    draft = import_plan(unsigned, replace=True, user=SYSTEM).plan
    signed.refresh_from_db()
    assert (draft.version, draft.status, signed.status) == (2, PlanStatus.DRAFT, PlanStatus.SIGNED)


@pytest.mark.django_db
def test_reimporting_gives_each_identity_to_one_indicator_only(signed):
    doubled = outline()
    so = doubled.modules[1].strategic_objectives[0]
    so.indicators.append(so.operational_objectives[0].indicators[0])  # the same text twice
    second = import_plan(doubled, replace=True, user=SYSTEM).plan
    assert len(set(keys(second, Indicator))) == 5
