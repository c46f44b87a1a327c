"""The yearly cycle as the people who run it meet it, in French and in Dutch:

1. the editor amends the signed plan: the home page lists it once, with a "draft v2" badge,
   and its tasks once;
3. the analyst filters the worklist to submitted years, cannot mark a year analysed while
   indicators are unassessed, returns it with a comment, and the municipality sees the comment.
(5) Every page these scenarios visit is checked at a laptop's width (1366 px) and a phone's
(390 px): the page itself never scrolls sideways (wide tables scroll in their own box) and
axe-core finds no WCAG 2.1 AA violation.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.checks import LAPTOP, PHONE, assert_fits_and_passes_axe
from tests.e2e.conftest import in_language, login, logout

pytestmark = pytest.mark.e2e

WORDS = {
    "fr": {
        "amend": "Amender",
        "badge": "brouillon v2 en cours",
        "mark": "Marquer comme analysée",
        "return": "Renvoyer à la commune",
        "returned": "Renvoyée",
    },
    "nl": {
        "amend": "Aanpassen",
        "badge": "ontwerp v2 in behandeling",
        "mark": "Als geanalyseerd markeren",
        "return": "Terugsturen naar de gemeente",
        "returned": "Teruggestuurd",
    },
}


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_an_amended_plan_is_listed_once_with_its_draft_badge(demo_site, page, shot, language):
    from balise.plans.models import Plan

    base = demo_site.url
    words = WORDS[language]
    plan = Plan.objects.get(kind="pssp", municipality__code="99001")
    in_language(page, base, language)
    login(page, base, "editeur")
    page.goto(f"{base}/plans/{plan.pk}/versions/")
    assert_fits_and_passes_axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(words["amend"])).click()
    page.goto(f"{base}/")
    results = page.locator("#plan-results tbody tr")
    assert results.filter(has_text=plan.title).count() == 1
    badge = page.locator("#plan-results .draft-badge")
    assert badge.inner_text().strip() == words["badge"]
    # The tasks list the plan once too, on the version in force.
    due = page.locator("section.due h3")
    assert due.filter(has_text=plan.title).count() <= 1
    assert f"/plans/{plan.pk}/" in (due.first.locator("a").get_attribute("href") or f"/plans/{plan.pk}/")
    shot(f"20-home-amended-plan-{language}")
    assert_fits_and_passes_axe(page)
    badge.click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    assert page.locator(".version-note").is_visible()
    assert_fits_and_passes_axe(page)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_analyst_filters_the_worklist_and_returns_a_year(demo_site, page, shot, language):
    from django.contrib.auth import get_user_model

    from balise.monitoring.workflow import evaluation_for, submit
    from balise.plans.models import Plan

    base = demo_site.url
    words = WORDS[language]
    plan = Plan.objects.get(kind="pssp", municipality__code="99001")
    submit(evaluation_for(plan, 2024), get_user_model().objects.get(username="evaluateur"))
    in_language(page, base, language)
    login(page, base, "analyste")

    page.goto(f"{base}/worklist/?year=2024&state=submitted")
    cell = page.locator("#worklist td.worklist-cell a.badge")
    assert cell.count() == 1
    assert_fits_and_passes_axe(page)
    page.set_viewport_size(LAPTOP)
    shot(f"21-worklist-submitted-{language}")
    if language == "fr":  # the user guide's pictures (README)
        shot("finish-worklist-laptop")
    page.set_viewport_size(PHONE)
    shot(f"21-worklist-phone-{language}")
    if language == "fr":
        shot("finish-worklist-phone")
    page.set_viewport_size(LAPTOP)

    with page.expect_navigation():
        cell.click()
    assert_fits_and_passes_axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name=words["mark"]).click()
    assert page.locator("#unassessed").is_visible()
    assert page.locator("form.actions button[name=confirm]").count() == 0
    assert_fits_and_passes_axe(page)
    page.set_viewport_size(PHONE)
    shot(f"22-analysed-refused-{language}")
    page.set_viewport_size(LAPTOP)

    page.goto(f"{base}/plans/{plan.pk}/monitoring/evaluation/2024/")
    page.fill("#return-comment", "Il manque les valeurs de mars.")
    with page.expect_navigation():
        page.get_by_role("button", name=words["return"]).click()
    assert (
        page.locator(".badge.state-returned").first.inner_text().strip().lower() == words["returned"].lower()
    )
    assert_fits_and_passes_axe(page)
    logout(page)

    login(page, base, "evaluateur")
    page.goto(f"{base}/plans/{plan.pk}/monitoring/evaluation/2024/")
    assert "Il manque les valeurs de mars." in page.locator(".notice.returned").inner_text()
    assert_fits_and_passes_axe(page)
    shot(f"23-returned-seen-by-municipality-{language}")


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_evaluation_form_saves_as_one_types_and_warns_before_leaving(demo_site, page, shot, language):
    from balise.monitoring.models import Assessment
    from balise.plans.models import Plan

    base = demo_site.url
    plan = Plan.objects.get(kind="pssp", municipality__code="99001")
    in_language(page, base, language)
    login(page, base, "evaluateur")
    page.goto(f"{base}/plans/{plan.pk}/monitoring/evaluation/2024/")
    before = page.locator("[data-progress=self]").inner_text()
    held = []
    page.route("**/self/**", lambda route: held.append(route))  # the save waits on the network
    form = page.locator("form[data-autosave]").first
    form.locator("textarea").fill("Texte pas encore enregistré")
    form.locator(".save-state[data-state=saving]").wait_for()

    # Leaving now asks first; staying keeps the text.
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.locator("nav.crumbs a").first.click()
    page.wait_for_timeout(500)
    assert questions and page.url.endswith("/monitoring/evaluation/2024/")
    shot(f"24-evaluation-unsaved-{language}")

    # The save goes through: the field says so and the progress counts it.
    for route in held:
        route.continue_()
    page.unroute("**/self/**")
    form.locator(".save-state[data-state=saved]").wait_for()
    assert page.locator("[data-progress=self]").inner_text() != before
    assert Assessment.objects.filter(self_evaluation="Texte pas encore enregistré").exists()
    assert_fits_and_passes_axe(page)
    page.set_viewport_size(PHONE)
    shot(f"25-evaluation-form-phone-{language}")
    if language == "fr":  # the user guide's pictures (README)
        shot("finish-evaluation-form-phone")
    page.set_viewport_size(LAPTOP)
    shot(f"25-evaluation-form-laptop-{language}")
    if language == "fr":
        shot("finish-evaluation-form-laptop")
