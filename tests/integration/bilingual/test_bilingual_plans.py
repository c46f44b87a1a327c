"""A Brussels plan exists in French and in Dutch: the Dutch document is attached to the stored
French plan as its translation, and Dutch readers then read the plan in Dutch — on its page, in
its export and in the API — while the plan's own texts, targets and values stay as written."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from balise.cli import main
from balise.domain.interchange import dumps, loads
from balise.domain.outline import PlanOutline, StrategicObjectiveOutline
from balise.exports.report.data import build_report
from balise.monitoring import workflow
from balise.plans.models import Indicator, Module, Plan
from balise.plans.selectors import plan_outline, plan_with_tree
from balise.plans.translation import TranslationRefused, attach_translation
from tests.factories import FIXTURES
from tests.integration.api.conftest import client_of
from tests.integration.web.plans_support import draft_plan, generated_plan, people
from tests.unit.test_content_translations import dutch as translated_into_dutch

pytestmark = pytest.mark.django_db


def french() -> PlanOutline:
    return loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))


def dutch() -> PlanOutline:
    """The outside plan as its Dutch document: the same tree, every text in 'Dutch'."""
    outline = copy.deepcopy(french())
    outline.language = "nl"
    outline.title = "Strategisch veiligheids- en preventieplan van Elsene"
    for module in outline.modules:
        module.title = {"Cambriolage": "Inbraak"}.get(module.title, f"NL {module.title}")
        module.general_objectives = [f"NL {g}" for g in module.general_objectives]
        for so in module.strategic_objectives:
            so.title = f"NL {so.title}"
            for oo in so.operational_objectives:
                oo.title = f"NL {oo.title}"
                oo.results = [f"NL {r}" for r in oo.results]
                for indicator in oo.indicators:
                    indicator.text = f"NL {indicator.text}"
            for indicator in so.indicators:
                indicator.text = f"NL {indicator.text}"
    return outline


def json_file(outline: PlanOutline, tmp_path, name: str):
    path = tmp_path / name
    path.write_text(dumps(outline), encoding="utf-8")
    return path


@pytest.fixture
def plan(reference):
    return draft_plan()


@pytest.fixture
def users(plan):
    return people()


def read_as(client, user, plan: Plan, language: str) -> str:
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_a_bilingual_plan_shows_dutch_content_in_the_dutch_interface(client, plan, users):
    attach_translation(users.owner, plan.pk, dutch(), source_name="plan-nl.json")
    dutch_page = read_as(client, users.colleague, plan, "nl")
    assert '<span lang="nl">Inbraak</span>' in dutch_page
    assert "Strategisch veiligheids- en preventieplan van Elsene" in dutch_page
    assert "NL Nombre de visites" in dutch_page
    french_page = read_as(client, users.colleague, plan, "fr")
    assert '<span lang="fr">Cambriolage</span>' in french_page
    assert "Inbraak" not in french_page


def test_a_text_left_untranslated_is_marked_in_a_translated_plan(client, plan, users):
    translation = dutch()
    translation.modules[1].strategic_objectives[0].title = ""  # the translator left it out
    attach_translation(users.owner, plan.pk, translation, source_name="plan-nl.json")
    page = read_as(client, users.colleague, plan, "nl")
    untranslated = plan.modules.all()[1].strategic_objectives.get().title
    assert f'<span lang="fr">{escape(untranslated)}</span> <abbr class="fallback"' in page


def test_a_plan_without_translation_says_so_once_to_a_dutch_reader(client, plan, users):
    page = read_as(client, users.colleague, plan, "nl")
    assert "fallback" not in page  # no marker on every text
    assert 'class="notice content-language"' in page


def test_the_translation_leaves_the_plan_as_written(plan, users):
    before = dumps(plan_outline(plan_with_tree(plan.pk)))
    attach_translation(users.owner, plan.pk, dutch(), source_name="plan-nl.json")
    after = plan_outline(plan_with_tree(plan.pk))
    assert set(after.translations) == {"nl"}  # carried beside the texts as written
    after.translations = {}
    assert dumps(after) == before
    targets = list(Indicator.objects.values_list("target_kind", "target_value", "target_raw"))
    assert targets and all(kind for kind, _value, _raw in targets if _raw)


def test_the_export_in_dutch_carries_the_dutch_texts_and_says_so(plan, users):
    attach_translation(users.owner, plan.pk, dutch(), source_name="plan-nl.json")
    exported = plan_outline(plan_with_tree(plan.pk), "nl")
    assert exported.language == "nl"
    assert exported.title == dutch().title
    assert [m.title for m in exported.modules] == [m.title for m in dutch().modules]
    assert [i.target for i in exported.iter_indicators()] == [i.target for i in french().iter_indicators()]


def test_a_document_with_another_structure_is_refused_and_nothing_is_attached(plan, users):
    translation = dutch()
    translation.modules[1].strategic_objectives.append(StrategicObjectiveOutline(title="NL extra"))
    with pytest.raises(TranslationRefused, match="module 2") as refused:
        attach_translation(users.owner, plan.pk, translation, source_name="plan-nl.json")
    assert "plan-nl.json" in str(refused.value)
    assert not any(m.translations for m in Module.objects.all())
    plan.refresh_from_db()
    assert plan.translations == {}


def test_a_document_in_the_plans_own_language_is_not_a_translation(plan, users):
    with pytest.raises(TranslationRefused, match="own language"):
        attach_translation(users.owner, plan.pk, french(), source_name="plan-fr.json")


def test_another_municipality_may_not_attach_a_translation(plan, users):
    with pytest.raises(PermissionDenied):
        attach_translation(users.outsider, plan.pk, dutch(), source_name="plan-nl.json")
    with pytest.raises(PermissionDenied):
        attach_translation(users.colleague, plan.pk, dutch(), source_name="plan-nl.json")
    assert Plan.objects.get(pk=plan.pk).translations == {}


def test_the_page_attaches_a_translation_and_refuses_outsiders(client, plan, users, tmp_path):
    upload = SimpleUploadedFile("plan-nl.json", dumps(dutch()).encode(), content_type="application/json")
    client.force_login(users.outsider)
    assert client.post(f"/plans/{plan.pk}/translation/", {"document": upload}).status_code == 404
    client.logout()
    anonymous = client.get(f"/plans/{plan.pk}/translation/")
    assert anonymous.status_code == 302 and "/login/" in anonymous.url
    client.force_login(users.owner)
    assert client.get(f"/plans/{plan.pk}/translation/").status_code == 200
    upload.seek(0)
    response = client.post(f"/plans/{plan.pk}/translation/", {"document": upload})
    assert response.status_code == 302 and "/plans/import/" in response.url  # its review step
    assert Plan.objects.get(pk=plan.pk).translations == {}
    draft_id = int(response.url.rstrip("/").split("/")[-1])
    response = client.post(f"/plans/import/{draft_id}/attach/", {"plan": plan.pk})
    assert response.status_code == 302 and response.url == f"/plans/{plan.pk}/"
    assert Plan.objects.get(pk=plan.pk).translations["nl"]["source"] == "plan-nl.json"


def test_the_page_names_where_a_mismatching_document_differs(client, plan, users):
    translation = dutch()
    translation.modules.pop()
    upload = SimpleUploadedFile("plan-nl.json", dumps(translation).encode(), content_type="application/json")
    client.force_login(users.owner)
    client.cookies["django_language"] = "fr"
    response = client.post(f"/plans/{plan.pk}/translation/", {"document": upload}, HTTP_ACCEPT_LANGUAGE="fr")
    draft_id = int(response.url.rstrip("/").split("/")[-1])
    response = client.post(f"/plans/import/{draft_id}/attach/", {"plan": plan.pk}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 422
    page = response.content.decode()
    assert "plan-nl.json" in page and "La traduction n’a pas la structure du plan" in page
    assert "2 modules" in page and "1 module." in page
    assert Plan.objects.get(pk=plan.pk).translations == {}


def test_the_api_attaches_a_translation_and_exports_it(plan, users):
    as_outsider, as_owner = client_of(users.outsider), client_of(users.owner)

    def upload():
        return SimpleUploadedFile("plan-nl.json", dumps(dutch()).encode(), content_type="application/json")

    assert as_outsider.post(f"/api/plans/{plan.pk}/translation", {"file": upload()}).status_code == 404
    assert Client().post(f"/api/plans/{plan.pk}/translation", {"file": upload()}).status_code == 401
    response = as_owner.post(f"/api/plans/{plan.pk}/translation", {"file": upload()})
    assert response.status_code == 200, response.content
    assert response.json()["language"] == "nl" and response.json()["texts"] > 10
    exported = as_owner.get(f"/api/plans/{plan.pk}/export?language=nl").json()
    assert exported["title"] == dutch().title
    tree = as_owner.get(f"/api/plans/{plan.pk}").json()
    assert tree["modules"][1]["translations"]["nl"]["title"] == "Inbraak"


def test_the_command_line_attaches_a_translation(plan, tmp_path, capsys):
    assert main(["import-translation", str(plan.pk), str(json_file(dutch(), tmp_path, "plan-nl.json"))]) == 0
    assert "texts in nl" in capsys.readouterr().out
    mismatching = dutch()
    mismatching.modules.pop()
    assert (
        main(["import-translation", str(plan.pk), str(json_file(mismatching, tmp_path, "bad-nl.json"))]) == 2
    )
    assert "bad-nl.json" in capsys.readouterr().err
    assert main(["export", str(plan.pk), "--lang", "nl", "-o", str(tmp_path / "nl.json")]) == 0
    assert json.loads((tmp_path / "nl.json").read_text())["title"] == dutch().title


def test_the_annual_report_in_dutch_reads_the_dutch_texts(plan, users):
    attach_translation(users.owner, plan.pk, dutch(), source_name="plan-nl.json")
    workflow.evaluation_for(plan, 2024)
    with translation.override("nl"):
        dutch_report = build_report(Plan.objects.get(pk=plan.pk), 2024)
    with translation.override("fr"):
        french_report = build_report(Plan.objects.get(pk=plan.pk), 2024)
    assert dutch_report.title == dutch().title
    assert [m.title for m in dutch_report.modules] == [m.title for m in dutch().modules]
    assert all(
        line.text.startswith("NL ")
        for m in dutch_report.modules
        for o in m.objectives
        for line in o.indicators
    )
    assert [m.title for m in french_report.modules] == [m.title for m in french().modules]


def test_attaching_takes_the_same_queries_for_any_size_of_plan_and_records_its_author(reference, users):
    counts = []
    # The first one also fills Django's per-process caches; sizes stay within one INSERT batch of
    # SQLite's (a plan several times larger writes its history in a few batches, not per node).
    for modules in (1, 1, 2):
        generated = generated_plan(modules, title=f"Plan {len(counts)} de {modules} modules")
        document = translated_into_dutch(plan_outline(plan_with_tree(generated.pk)))
        with CaptureQueriesContext(connection) as queries:
            attach_translation(users.owner, generated.pk, document, source_name="plan-nl.json")
        counts.append(len(queries))
    assert counts[1] == counts[2] <= 30
    module = Module.objects.filter(plan=generated).first()
    record = module.history.first()
    assert record.history_user == users.owner
    assert record.history_change_reason == "translation attached from plan-nl.json"
    assert module.translations["nl"]["title"] == f"NL {module.title}"
