"""The yearly evaluation, in a real browser: the municipality records a value and submits the
year, the federal analyst gives a colour and marks it analysed, the colour shows on the plan
page, in Dutch too."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import login, logout

pytestmark = pytest.mark.e2e


def test_a_value_is_recorded_the_year_submitted_analysed_and_its_colour_shown(demo_site, page, shot):
    from balise.monitoring.models import Measurement
    from balise.plans.models import Indicator, Plan

    base = demo_site.url
    plan = Plan.objects.get(kind="pssp", municipality__code="99001")
    indicator = Indicator.objects.get(
        strategic_objective__module__plan=plan, text__startswith="Nombre de logements ayant bénéficié"
    )

    # The internal evaluator records the value of 2024 for an indicator that has none.
    login(page, base, "evaluateur")
    page.goto(f"{base}/plans/{plan.pk}/monitoring/values/{indicator.pk}/2024/")
    page.fill("input#amount", "34")
    page.fill("input#comment", "Registre des primes 2024")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    shot("10-value-recorded")
    measurement = Measurement.objects.get(indicator_key=indicator.key, period="2024")
    assert measurement.amount == 34 and measurement.entered_by.username == "evaluateur"
    shot("10-value-recorded")

    # …then submits the evaluation of 2024.
    page.goto(f"{base}/plans/{plan.pk}/monitoring/evaluation/2024/")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Submit the evaluation|Soumettre")).click()
    # First what is still missing, then the confirmation.
    assert page.locator("#no-self").is_visible()
    shot("11-submit-what-is-missing")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Yes, submit|Oui, soumettre")).click()
    assert page.locator("text=/submitted|soumis/i").first.is_visible()
    shot("11-evaluation-submitted")
    logout(page)

    # The federal analyst gives the indicator a colour, sees the suggestion, marks the year analysed.
    login(page, base, "analyste")
    page.goto(f"{base}/plans/{plan.pk}/monitoring/evaluation/2024/")
    colour = page.locator(f"select#colour-{indicator.key}")
    assert colour.locator("option[data-suggested=true]").count() == 1  # met: 34 ≥ 30
    colour.select_option("green")
    page.fill(f"#analysis-{indicator.key}", "Objectif atteint grâce à la campagne de printemps.")
    form = colour.locator("xpath=ancestor::form")
    form.locator("button[type=submit]").click()
    # Saved in place (the form saves itself; no page load): its state line says so.
    form.locator(".save-state[data-state=saved]").wait_for()
    assert colour.input_value() == "green"
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Mark as analysed|analysée")).click()
    # Refused while other indicators have no colour: the page lists them, with no confirm button.
    assert page.locator("#unassessed").is_visible()
    assert page.get_by_role("button", name=re.compile("Yes, mark|Oui, la marquer")).count() == 0
    shot("12-analysed-refused-unassessed")
    from django.contrib.auth import get_user_model

    from balise.monitoring.models import Evaluation
    from tests.factories import assess_every_indicator

    analyst = get_user_model().objects.get(username="analyste")
    assess_every_indicator(Evaluation.objects.get(lineage=plan.lineage, year=2024), analyst)
    page.goto(f"{base}/plans/{plan.pk}/monitoring/evaluation/2024/")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Mark as analysed|analysée")).click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Yes, mark|Oui, la marquer")).click()
    shot("12-evaluation-analysed")

    # The colour shows on the plan page next to the indicator, in French and in Dutch.
    page.goto(f"{base}/plans/{plan.pk}/")
    badge = page.locator(f"#head-indicator-{indicator.pk} .badge.colour")
    assert badge.inner_text().strip().startswith("Atteint") or "2024" in badge.inner_text()
    shot("13-plan-with-colour")
    with page.expect_navigation():
        page.get_by_role("button", name="NL").click()
    assert page.locator("html").get_attribute("lang") == "nl"
    badge = page.locator(f"#head-indicator-{indicator.pk} .badge.colour")
    assert "Bereikt" in badge.inner_text()
    shot("14-plan-with-colour-nl")
