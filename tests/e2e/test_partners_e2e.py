"""Scenario 4, in French and in Dutch: a partner (the police zone) submits the year's outputs of
its project with a file of evidence; the regional coordinator approves them from the dashboard's
waiting list; the coverage then counts the project's measures among those with approved outputs.
axe-core finds no WCAG 2.1 A/AA violation on the pages visited."""

from __future__ import annotations

import re

import pytest

from tests.e2e.axe import axe_violations
from tests.e2e.conftest import in_language, login, logout

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WORDS = {
    "fr": {
        "submit": "Soumettre pour approbation",
        "approve": "Approuver les chiffres",
        "submitted": "soumis",
    },
    "nl": {
        "submit": "Indienen ter goedkeuring",
        "approve": "De cijfers goedkeuren",
        "submitted": "ingediend",
    },
}


def no_violations(page) -> None:
    assert axe_violations(page) == [], page.url


def reported_total(page) -> str:
    return page.locator("#coverage-reported-total").inner_text().strip()


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_a_partner_submits_outputs_with_a_file_and_the_approval_counts_in_the_coverage(
    demo_site, page, shot, tmp_path, language
):
    from balise.regional.models import OutputReport, Project

    base = demo_site.url
    words = WORDS[language]
    project = Project.objects.get(title="Visites techno-préventives")
    regional = project.regional_plan_id
    evidence = tmp_path / "visites-2022.pdf"
    evidence.write_bytes(PDF)
    in_language(page, base, language)

    login(page, base, "partenaire")
    page.goto(f"{base}/regional/{regional}/projects/{project.pk}/")
    no_violations(page)
    page.locator("a[href$='/outputs/2022/']").click()
    page.wait_for_url(re.compile(r"/outputs/2022/$"))
    no_violations(page)
    page.locator("#outputs-form input[name^='value_']").nth(1).fill("61")
    page.locator("#outputs-form textarea[name='narrative']").fill("Visites à la demande des habitants.")
    page.locator("#outputs-form input[type='file']").set_input_files(str(evidence))
    with page.expect_navigation():
        page.get_by_role("button", name=words["submit"]).click()
    assert page.locator("#outputs-state-badge").inner_text().strip() == words["submitted"]
    assert page.locator("#evidence-list a", has_text="visites-2022.pdf").count() == 1
    no_violations(page)
    shot(f"40-partner-outputs-submitted-{language}")
    logout(page)

    login(page, base, "coordinateur")
    page.goto(f"{base}/regional/{regional}/?year=2022")
    before = reported_total(page)
    no_violations(page)
    page.locator("#awaiting-approval a", has_text="Visites techno-préventives").click()
    page.wait_for_url(re.compile(r"/outputs/2022/$"))
    no_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name=words["approve"]).click()
    assert OutputReport.objects.get(project=project, year=2022).state == "approved"
    page.goto(f"{base}/regional/{regional}/?year=2022")
    after = reported_total(page)
    covered = [int(x.split("/")[0]) for x in (before, after)]
    assert covered[1] > covered[0], (before, after)  # the zone's measures now count
    no_violations(page)
    shot(f"41-coverage-after-approval-{language}")
