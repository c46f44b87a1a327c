"""Scenario (2) of the yearly cycle, in French and in Dutch: the internal evaluator fills the data
entry grid for a quarter by pasting a block copied from a spreadsheet, moves with the keyboard,
then leaves the self-evaluation page with text not saved yet and is warned, and submits the year
and sees what was missing. Screenshots of the grid at laptop and phone size go to artifacts/e2e/.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.axe import axe_violations
from tests.e2e.checks import LAPTOP, PHONE, no_sideways_scroll
from tests.e2e.conftest import in_language, login

pytestmark = pytest.mark.e2e

YEAR = 2024
MONTHLY = "section[aria-labelledby=grid-month]"


def block_for(shapes: list[str]) -> str:
    """Three months of values for rows of these shapes, as a spreadsheet copies them."""
    rows = []
    for n, shape in enumerate(shapes):
        if shape == "hours_in_days":
            rows.append("\t".join(f"{140 + n + m} / 20" for m in range(3)))
        else:
            rows.append("\t".join(str(10 + n + m) for m in range(3)))
    return "\n".join(rows) + "\n"


def paste(page, text: str) -> None:
    """Paste ``text`` into the focused element the way a browser does (a paste event carrying
    the clipboard's text)."""
    page.evaluate(
        """text => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            document.activeElement.dispatchEvent(
                new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_evaluator_fills_a_quarter_of_the_grid_by_pasting_a_block(demo_site, page, shot, language):
    from balise.monitoring.models import Measurement
    from balise.plans.models import Plan

    base = demo_site.url
    plan = Plan.objects.get(kind="pssp", municipality__code="99001")
    in_language(page, base, language)
    login(page, base, "evaluateur")
    page.goto(f"{base}/plans/{plan.pk}/monitoring/grid/?year={YEAR}")
    month = "janv." if language == "fr" else "jan."
    assert page.locator(f"{MONTHLY} thead").inner_text().count(month) == 1

    inputs = page.locator(f"{MONTHLY} tbody tr").filter(has=page.locator("input.gcell-input"))
    first_cells = [inputs.nth(r).locator("input.gcell-input").first for r in range(3)]
    shapes = [cell.get_attribute("data-shape") for cell in first_cells]
    keys = [
        inputs.nth(r).locator("input.gcell-input").nth(c).get_attribute("data-key")
        for r in range(3)
        for c in range(3)
    ]

    first_cells[0].focus()
    paste(page, block_for(shapes))
    for key in keys:
        cell = page.locator(f'input[data-key="{key}"]').locator("xpath=..")
        cell.and_(page.locator("[data-state=saved]")).wait_for()
    assert page.locator("#grid-status").get_attribute("data-state") == "saved"
    for key in keys:  # each cell's value is stored, by the evaluator
        indicator_id, period = key.split(":")[:2]  # a category's cell adds its category
        stored = Measurement.objects.get(indicator__pk=indicator_id, period=period)
        assert stored.entered_by.username == "evaluateur"
    assert page.locator(f'input[data-key="{keys[0]}"]').input_value() == block_for(shapes).split("\t")[0]

    # The keyboard: down goes to the same month of the next indicator, Enter saves and goes down.
    first_cells[0].focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.key") == keys[3]
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.key") == keys[4]
    page.keyboard.type("abc")
    expected = page.locator(f'input[data-key="{keys[4]}"]')
    assert expected.get_attribute("aria-invalid") == "true"  # checked as typed, not sent
    page.keyboard.press("Escape")
    assert expected.get_attribute("aria-invalid") is None
    page.set_viewport_size(LAPTOP)
    shot(f"30-grid-laptop-{language}")
    if language == "fr":  # the user guide's pictures (README)
        shot("finish-grid-laptop")
    no_sideways_scroll(page)
    assert axe_violations(page) == []

    page.set_viewport_size(PHONE)
    page.reload()
    no_sideways_scroll(page)  # the grid scrolls in its own box
    shot(f"31-grid-phone-{language}")
    if language == "fr":
        shot("finish-grid-phone")
    assert axe_violations(page) == []
    page.set_viewport_size(LAPTOP)

    # The self-evaluation: text typed and not saved yet is not lost by leaving the page.
    page.goto(f"{base}/plans/{plan.pk}/monitoring/evaluation/{YEAR}/")
    held = []
    page.route("**/self/**", lambda route: held.append(route))  # the save waits on the network
    form = page.locator("form[data-autosave]").first
    form.locator("textarea").fill("Objectif suivi chaque trimestre")
    form.locator(".save-state[data-state=saving]").wait_for()
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.locator("nav.crumbs a").first.click()
    page.wait_for_timeout(500)
    assert questions, "leaving with unsaved text must ask first"
    assert page.url.endswith(f"/monitoring/evaluation/{YEAR}/")
    for route in held:
        route.continue_()
    page.unroute("**/self/**")
    form.locator(".save-state[data-state=saved]").wait_for()
    assert axe_violations(page) == []

    # Submitting shows what is still missing before the year is locked, then submits.
    with page.expect_navigation():
        page.locator("form.transitions button[name=action][value=submit]").click()
    missing = page.locator("section.confirm-transition")
    assert missing.is_visible()
    assert missing.locator("li").count() > 0  # self-evaluations (and values) still missing, listed
    shot(f"32-submit-shows-what-is-missing-{language}")
    with page.expect_navigation():
        page.locator("button[name=confirm]").click()
    assert page.locator(".badge.state-submitted").first.is_visible()
    assert re.search(rf"/evaluation/{YEAR}/", page.url)


VICTIMS = "Nombre de victimes prises en charge"  # the demo's indicator split by sex and age band


def test_the_evaluator_types_and_pastes_values_per_category_and_sees_the_total_computed(
    demo_site, page, shot
):
    from balise.monitoring.models import Measurement
    from balise.plans.models import Indicator, Plan

    base = demo_site.url
    plan = Plan.objects.get(kind="pssp", municipality__code="99001")
    victims = Indicator.objects.get(strategic_objective__module__plan=plan, text__startswith=VICTIMS)
    in_language(page, base, "fr")
    login(page, base, "evaluateur")
    page.goto(f"{base}/plans/{plan.pk}/monitoring/grid/?year={YEAR}")
    total = page.locator(f'output[data-total-key="{victims.pk}:{YEAR}-09"]')
    before = Measurement.objects.get(indicator_key=victims.key, period=f"{YEAR}-09").amount
    before = int(before)
    assert total.inner_text() == str(before)
    assert page.locator(f'input[data-key="{victims.pk}:{YEAR}-09"]').count() == 0  # never typed

    # Typed in one category, saved on leaving it: the total follows.
    female = page.locator(f'input[data-key="{victims.pk}:{YEAR}-09:age_band=0-11|sex=female"]')
    female.fill("4")
    page.keyboard.press("Tab")
    female.locator("xpath=..").and_(page.locator("[data-state=saved]")).wait_for()
    assert total.inner_text() == str(before + 4)

    # The next category right below: its revision was refreshed, so saving it is no conflict.
    female.focus()
    page.keyboard.press("ArrowDown")
    below = page.evaluate("document.activeElement.dataset.key")
    assert below.startswith(f"{victims.pk}:{YEAR}-09:") and below != female.get_attribute("data-key")
    writes = []
    page.on("request", lambda request: writes.append(request) if request.method == "POST" else None)
    page.keyboard.type("3")
    page.keyboard.press("Enter")  # saves, and moving down blurs the cell ("change"): one write
    page.locator(f'input[data-key="{below}"]').locator("xpath=..").and_(
        page.locator("[data-state=saved]")
    ).wait_for()
    assert total.inner_text() == str(before + 7)
    assert len(writes) == 1, "a second write of the same revision would meet the first as a conflict"

    # A block of two categories by two months, pasted from the first: one write.
    october = f"{victims.pk}:{YEAR}-10:age_band=0-11|sex=female"
    page.locator(f'input[data-key="{october}"]').focus()
    paste(page, "5\t6\n7\t8\n")
    page.locator(f'input[data-key="{october}"]').locator("xpath=..").and_(
        page.locator("[data-state=saved]")
    ).wait_for()
    stored = Measurement.objects.get(indicator_key=victims.key, period=f"{YEAR}-10")
    assert {p.cell: int(p.amount) for p in stored.parts.all()}.get("age_band=0-11|sex=female") == 5
    assert stored.entered_by.username == "evaluateur"
    shot("33-grid-per-category-fr")
    assert axe_violations(page) == []
