"""An export of a bilingual plan, imported again, keeps both languages (and a stale mark)."""

from __future__ import annotations

import json

import pytest

from balise.cli import main
from balise.domain.interchange import loads
from balise.plans import editing
from balise.plans.models import Plan
from balise.plans.selectors import plan_outline, plan_with_tree
from balise.plans.translation import attach_translation, content
from tests.integration.bilingual.translation_documents import version_in
from tests.integration.web.plans_support import draft_plan, people

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(reference):
    return draft_plan()


def test_export_then_import_keeps_both_languages(plan, tmp_path):
    users = people()
    dutch = version_in(plan, "nl")
    attach_translation(users.owner, plan.pk, dutch, source_name="plan-nl.json")
    module = plan.modules.all()[0]
    editing.update_node("module", module.pk, {"title": "Nuisances publiques"}, module.revision, users.owner)
    exported = tmp_path / "plan.json"
    assert main(["export", str(plan.pk), "-o", str(exported)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["translations"]["nl"]["modules[1]"]["title"] == dutch.modules[1].title
    Plan.objects.filter(pk=plan.pk).delete()

    assert main(["import", str(exported)]) == 0
    again = Plan.objects.get(title=plan.title)
    assert again.pk != plan.pk
    tree = plan_with_tree(again.pk)
    assert plan_outline(tree) == loads(exported.read_text(encoding="utf-8"))
    assert plan_outline(tree, "nl").title == dutch.title
    assert [m.title for m in plan_outline(tree, "nl").modules][1:] == [m.title for m in dutch.modules][1:]
    first, second = list(tree.modules.all())[:2]
    assert content(first, "title", again.language, "nl").stale  # edited before the export
    assert not content(second, "title", again.language, "nl").stale
    assert again.translations["nl"]["source"] == "plan-nl.json"


def test_the_same_plan_with_its_translations_is_recognised_as_already_imported(plan, tmp_path, capsys):
    attach_translation(people().owner, plan.pk, version_in(plan, "nl"), source_name="plan-nl.json")
    exported = tmp_path / "plan.json"
    assert main(["export", str(plan.pk), "-o", str(exported)]) == 0
    capsys.readouterr()
    assert main(["import", str(exported)]) == 0
    assert "already imported" in capsys.readouterr().out
