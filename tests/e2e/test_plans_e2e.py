"""A municipal editor's day, in a real browser: log in, open the demo plan, amend it, edit an
indicator in place, compare the two versions, switch to Dutch."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def test_an_editor_amends_the_plan_edits_an_indicator_and_compares_versions(demo_site, page, shot):
    from balise.plans.models import Indicator, Plan

    base = demo_site.url
    login(page, base, "editeur")
    page.get_by_role("link", name=re.compile("Valmont-sur-Senne")).last.click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    assert page.locator("h1").inner_text().startswith("Plan stratégique")
    shot("01-plan-page")

    # A signed plan is read-only: amend it into a new draft version.
    page.get_by_role("link", name=re.compile("create a new version|nouvelle version")).click()
    page.get_by_role("button", name=re.compile("Amend|Modifier|nouvelle version")).click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    draft = Plan.objects.get(version=2)
    assert page.url.endswith(f"/plans/{draft.pk}/")

    # Edit an indicator in place (htmx): the target is read again from the new text.
    indicator = Indicator.objects.get(
        strategic_objective__module__plan=draft, text__startswith="Nombre de visites de techno-prévention"
    )
    head = page.locator(f"#head-indicator-{indicator.pk}")
    head.get_by_role("link", name=re.compile("^(Edit|Modifier)$")).click()
    field = page.locator(
        f"#head-indicator-{indicator.pk} textarea, #head-indicator-{indicator.pk} input[name=text]"
    )
    field.first.fill("Nombre de visites de techno-prévention réalisées : ≥ 75/an")
    page.locator(f"#head-indicator-{indicator.pk} button[type=submit]").click()
    # Waits on the element, not on a script: the strict CSP forbids evaluating strings.
    page.locator(f"#head-indicator-{indicator.pk}", has_text="≥ 75/an").wait_for()
    indicator.refresh_from_db()
    assert (indicator.target_raw, indicator.target_value) == ("≥ 75/an", 75)
    shot("02-indicator-edited")

    # Compare version 1 with version 2: the reworded indicator shows its word-level change.
    page.goto(f"{base}/plans/{draft.pk}/versions/")
    page.get_by_role("button", name=re.compile("Show the differences|différences")).click()
    page.wait_for_url(re.compile(r"/versions/compare/"))
    assert page.locator("ins", has_text="75/an").count() >= 1
    assert page.locator("del", has_text="50/an").count() >= 1
    shot("03-versions-compared")

    # Switch to Dutch.
    with page.expect_navigation():
        page.get_by_role("button", name="NL").click()
    assert page.locator("html").get_attribute("lang") == "nl"
    shot("04-compare-in-dutch")
