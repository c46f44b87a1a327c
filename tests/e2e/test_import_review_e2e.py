"""An editor imports a plan written in a Word template no reading knows: the review step opens
with the best guess, two role changes teach Balise the template, the plan is confirmed, and the
municipality's next document in that template needs no correction."""

from __future__ import annotations

import re

import pytest

from tests.drafts_support import FIRST, SECOND, unknown_template_docx
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def _upload(page, base: str, path) -> None:
    page.goto(f"{base}/plans/import/")
    page.set_input_files("input[name=document]", str(path))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/plans/import/\d+/$"))


def _give_role(page, starts: str, role: str) -> None:
    row = page.locator("tr[data-unit]", has_text=starts).first
    unit = row.get_attribute("data-unit")
    row.locator("select[name=role]").select_option(role)
    # The review is rebuilt by htmx: wait for the new row, marked as corrected.
    page.locator(f"tr.corrected[data-unit='{unit}']").wait_for()


def test_two_role_changes_in_the_review_import_the_plan_and_teach_the_template(
    demo_site, page, shot, tmp_path
):
    from balise.drafts.models import ImportDraft, TemplateMapping
    from balise.plans.models import Indicator, OperationalObjective, Plan

    base = demo_site.url
    login(page, base, "editeur")
    first = tmp_path / "pssp-2031.docx"
    first.write_bytes(unknown_template_docx("Plan stratégique de sécurité et de prévention 2031-2032", FIRST))
    _upload(page, base, first)
    assert not Plan.objects.filter(source_name="pssp-2031.docx").exists()
    # No reading knows "Chantier :" and "Jauge :": the lines are there, unplaced, nothing is an indicator.
    assert page.locator("tr.fate-unplaced", has_text="Jauge : Nombre de séances").count() == 1
    assert page.locator(".outline-indicator").count() == 0
    shot("import-01-best-guess")

    _give_role(page, "Chantier : Sensibiliser", "operational_objective")
    _give_role(page, "Jauge : Nombre de séances", "indicator")
    # Every line with those labels now has its place, and the outline shows them.
    assert page.locator("tr.fate-unplaced").count() == 0
    assert page.locator(".outline-oo").count() == 3
    assert page.locator(".outline-indicator").count() == 4
    assert page.locator(".outline-indicator .target", has_text="≥ 6/an").count() == 1
    shot("import-02-corrected")

    page.locator("form[action$='/confirm/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    plan = Plan.objects.get(source_name="pssp-2031.docx")
    assert page.url.endswith(f"/plans/{plan.pk}/")
    assert set(
        OperationalObjective.objects.filter(strategic_objective__module__plan=plan).values_list(
            "title", flat=True
        )
    ) == {
        "Sensibiliser les habitants à la sécurisation de leur logement",
        "Marquer les vélos lors des journées de quartier",
        "Organiser des permanences de médiation",
    }
    assert (
        Indicator.objects.filter(operational_objective__strategic_objective__module__plan=plan).count() == 4
    )
    assert TemplateMapping.objects.filter(municipality=plan.municipality).count() == 1
    shot("import-03-plan")

    # The next document of the same municipality, in the same template: nothing to correct.
    second = tmp_path / "pssp-2033.docx"
    second.write_bytes(
        unknown_template_docx("Plan stratégique de sécurité et de prévention 2033-2034", SECOND)
    )
    _upload(page, base, second)
    assert page.locator("tr.fate-unplaced").count() == 0
    assert page.locator("tr.corrected").count() == 0
    assert page.locator(".outline-indicator").count() == 2
    shot("import-04-next-document")
    page.locator("form[action$='/confirm/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    following = Plan.objects.get(source_name="pssp-2033.docx")
    assert {m.title for m in following.modules.all()} == {"Cambriolage", "Vol dans véhicule"}
    assert (
        Indicator.objects.filter(operational_objective__strategic_objective__module__plan=following).count()
        == 2
    )
    assert not ImportDraft.objects.exists()
