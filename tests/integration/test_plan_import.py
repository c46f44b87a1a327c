from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.domain.interchange import dumps, loads, outline_to_dict
from balise.plans.actions import PlanConflict, import_plan
from balise.plans.models import Indicator, Plan, PlanStatus
from balise.plans.selectors import plan_outline, plan_with_tree
from tests.factories import user_with_role

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def outside_outline():
    return loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))


def exported(plan: Plan) -> str:
    return dumps(plan_outline(plan_with_tree(plan.pk)))


@pytest.mark.django_db
def test_a_plan_written_outside_balise_exports_back_with_the_same_content(reference):
    outline = outside_outline()
    plan = import_plan(outline, user=SYSTEM).plan
    assert loads(exported(plan)) == outline


@pytest.mark.django_db
def test_import_export_import_export_is_identical(reference):
    first = exported(import_plan(outside_outline(), user=SYSTEM).plan)
    Plan.objects.all().delete()
    second = exported(import_plan(loads(first), user=SYSTEM).plan)
    assert first == second


@pytest.mark.django_db
def test_the_municipality_is_matched_to_its_reference_organisation(reference):
    plan = import_plan(outside_outline(), user=SYSTEM).plan
    assert plan.municipality.code == "21009"
    cambriolage = plan.modules.get(title="Cambriolage")
    assert cambriolage.phenomenon.name_nl == "Inbraak"
    so = cambriolage.strategic_objectives.get()
    assert so.catalogue_entry.code == "criminogenic-circumstances"
    assert so.service.name == "Conseillers en prévention vol"


@pytest.mark.django_db
def test_targets_are_stored_typed(reference):
    import_plan(outside_outline(), user=SYSTEM)
    indicator = Indicator.objects.get(text__startswith="Nombre de visites")
    assert (indicator.target_kind, indicator.target_comparator, indicator.target_per) == (
        "count",
        ">=",
        "year",
    )
    assert indicator.target_value == 50
    assert indicator.target_raw == "≥ 50 /an"


@pytest.mark.django_db
def test_importing_the_same_document_twice_does_not_duplicate_it(reference):
    first = import_plan(outside_outline(), user=SYSTEM)
    again = import_plan(outside_outline(), user=SYSTEM)
    assert again.plan.pk == first.plan.pk and not again.created
    assert "already imported" in again.message
    assert Plan.objects.count() == 1


@pytest.mark.django_db
def test_a_changed_document_for_the_same_plan_needs_replace(reference):
    import_plan(outside_outline(), user=SYSTEM)
    changed = outside_outline()
    changed.modules[0].general_objectives.append("Piloter une politique de prévention intégrée")
    with pytest.raises(PlanConflict) as conflict:
        import_plan(changed, user=SYSTEM)
    assert Plan.objects.count() == 1
    # Each entry point says how to replace in its own terms: the refusal names no CLI option.
    assert "--replace" not in str(conflict.value) and conflict.value.existing.title in str(conflict.value)


@pytest.mark.django_db
def test_replace_stores_a_new_version_and_surviving_indicators_keep_their_identity(reference):
    first = import_plan(outside_outline(), user=SYSTEM).plan
    changed = outside_outline()
    changed.modules[1].strategic_objectives[0].operational_objectives[0].indicators.pop(1)
    second = import_plan(changed, replace=True, user=SYSTEM).plan
    assert (second.lineage, second.version, second.supersedes_id) == (first.lineage, 2, first.pk)
    first.refresh_from_db()
    assert first.status == PlanStatus.SUPERSEDED
    old = Indicator.objects.get(strategic_objective__module__plan=first, text__startswith="Nombre de visites")
    new = Indicator.objects.get(
        strategic_objective__module__plan=second, text__startswith="Nombre de visites"
    )
    assert old.key == new.key and old.pk != new.pk
    assert Indicator.objects.filter(strategic_objective__module__plan=second).count() == 3


@pytest.mark.django_db
def test_a_later_period_of_the_same_municipality_supersedes_the_previous_plan(reference):
    first = import_plan(outside_outline(), user=SYSTEM).plan
    later = outside_outline()
    later.period_start = later.period_start.replace(year=2026)
    later.period_end = later.period_end.replace(year=2027)
    second = import_plan(later, user=SYSTEM).plan
    assert second.lineage != first.lineage
    assert second.supersedes_id == first.pk


@pytest.mark.django_db
def test_history_records_every_imported_node(reference):
    plan = import_plan(outside_outline(), user=SYSTEM).plan
    assert Indicator.history.filter(strategic_objective__module__plan=plan, history_type="+").count() == 4
    assert plan.history.count() == 1


@pytest.mark.django_db
def test_the_plan_tree_is_fetched_in_a_fixed_number_of_queries(reference):
    small = import_plan(outside_outline(), user=SYSTEM).plan
    bigger = outside_outline()
    bigger.title = "Plus grand"
    for _ in range(5):
        bigger.modules.append(outside_outline().modules[1])
    large = import_plan(bigger, user=SYSTEM).plan
    counts = []
    for plan in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            plan_outline(plan_with_tree(plan.pk))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 12


def _statements(outline) -> list[str]:
    """The statements of one import, in order: "INSERT plans_indicator", "SELECT", "SAVEPOINT"."""
    with CaptureQueriesContext(connection) as ctx:
        import_plan(outline, user=SYSTEM)
    words = [q["sql"].replace('"', "").split() for q in ctx.captured_queries]
    return [" ".join(w[:3:2]) if w[0] in {"INSERT", "DELETE"} else w[0] for w in words]


@pytest.mark.django_db
def test_an_import_takes_the_same_queries_whatever_the_plan_s_size(reference):
    """Nodes, their history rows and their progress rows go in one bulk insert per table, the
    reference rows are read once: twice the modules, not one query more (both plans below the
    backend's batch size: SQLite's 999 parameters are 66 progress rows)."""
    warm = outside_outline()
    warm.title = "Les services existent déjà"  # a service is created once, then only read
    import_plan(warm, user=SYSTEM)
    small = outside_outline()
    large = outside_outline()
    large.title = "Deux fois plus grand"
    large.modules = [replace(m, title=f"{m.title} {n}") for n in range(2) for m in small.modules]
    one, two = _statements(small), _statements(large)
    assert sum(s.startswith("INSERT") for s in one) >= 15
    assert two == one


@pytest.mark.django_db
def test_sibling_order_is_kept(reference):
    outline = outside_outline()
    plan = import_plan(outline, user=SYSTEM).plan
    data = outline_to_dict(plan_outline(plan_with_tree(plan.pk)))
    assert [m["title"] for m in data["modules"]] == ["Coordination", "Cambriolage"]


@pytest.mark.django_db
def test_only_an_editor_of_the_plan_s_municipality_imports_it_and_is_named_its_author(reference):
    intruders = [
        user_with_role("molenbeek", Role.MUNICIPALITY_EDITOR, "21012"),
        user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009"),
        user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ"),
        AnonymousUser(),
    ]
    for intruder in intruders:
        with pytest.raises(PermissionDenied):
            import_plan(outside_outline(), user=intruder)
    assert not Plan.objects.exists()
    editor = user_with_role("ixelles", Role.MUNICIPALITY_EDITOR, "21009")
    plan = import_plan(outside_outline(), user=editor).plan
    assert plan.history.get().history_user == editor
