"""`balise import` of a document that is a stored plan in another language: recognised, nothing
imported unless the user says what it is; attached as the plan's translation on request."""

from __future__ import annotations

import pytest

from balise.cli import main
from balise.plans.models import Plan
from tests.integration.bilingual.translation_documents import version_in, written
from tests.integration.web.plans_support import draft_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(reference):
    return draft_plan()


def test_the_import_of_a_dutch_version_of_a_stored_plan_says_so_and_creates_nothing(plan, tmp_path, capsys):
    path = written(version_in(plan, "nl"), tmp_path, "plan-nl.json")
    plans = Plan.objects.count()
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "plan-nl.json" in err and f"--as-translation-of {plan.pk}" in err
    assert Plan.objects.count() == plans


def test_a_reading_that_says_french_of_a_dutch_text_is_recognised_as_well(plan, tmp_path, capsys):
    path = written(version_in(plan, "nl", declared="fr"), tmp_path, "onbekend.json")
    assert main(["import", str(path)]) == 2
    assert f"--as-translation-of {plan.pk}" in capsys.readouterr().err


def test_as_translation_of_attaches_it_to_the_plan_instead(plan, tmp_path, capsys):
    document = version_in(plan, "nl")
    path = written(document, tmp_path, "plan-nl.json")
    plans = Plan.objects.count()
    assert main(["import", str(path), "--as-translation-of", str(plan.pk)]) == 0
    assert f"nl translation of plan {plan.pk}" in capsys.readouterr().out
    plan.refresh_from_db()
    assert plan.translations["nl"]["title"] == document.title
    assert Plan.objects.count() == plans


def test_not_a_translation_imports_it_as_a_plan_of_its_own(plan, tmp_path):
    path = written(version_in(plan, "nl"), tmp_path, "plan-nl.json")
    plans = Plan.objects.count()
    assert main(["import", str(path), "--not-a-translation"]) == 0
    assert Plan.objects.count() == plans + 1


def test_a_document_with_another_tree_is_imported_without_a_question(plan, tmp_path):
    document = version_in(plan, "nl")
    document.modules.pop()
    plans = Plan.objects.count()
    assert main(["import", str(written(document, tmp_path, "ander-plan.json"))]) == 0
    assert Plan.objects.count() == plans + 1


def test_a_document_of_another_municipality_is_not_taken_for_a_translation(plan, tmp_path):
    document = version_in(plan, "nl")
    document.municipality = "Molenbeek-Saint-Jean"
    plans = Plan.objects.count()
    assert main(["import", str(written(document, tmp_path, "molenbeek.json"))]) == 0
    assert Plan.objects.count() == plans + 1


def test_attaching_a_document_that_does_not_match_names_the_file_and_the_place(plan, tmp_path, capsys):
    document = version_in(plan, "nl")
    document.modules[0].strategic_objectives.pop()
    path = written(document, tmp_path, "scheef.json")
    assert main(["import", str(path), "--as-translation-of", str(plan.pk)]) == 2
    err = capsys.readouterr().err
    assert "scheef.json" in err and "module 1" in err
    plan.refresh_from_db()
    assert "nl" not in plan.translations
