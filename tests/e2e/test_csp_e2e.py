"""Under the strict Content-Security-Policy, the main pages load without a single violation in
the browser's console, and htmx and the charts still work."""

from __future__ import annotations

import re

import pytest

from tests.drafts_support import FIRST, unknown_template_docx
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return problems


def test_the_main_pages_show_no_csp_violation_and_htmx_and_charts_work(demo_site, page, tmp_path):
    from balise.plans.models import Indicator, Plan
    from balise.regional.models import RegionalPlan

    base = demo_site.url
    problems = _watch(page)
    page.goto(f"{base}/accounts/login/")
    page.goto(f"{base}/accounts/password/reset/")
    login(page, base, "editeur")
    plan = Plan.objects.get(kind="pssp", municipality__code="99001")
    pages = [
        "/",
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/versions/",
        f"/plans/{plan.pk}/history/",
        f"/plans/{plan.pk}/monitoring/values/",
        f"/plans/{plan.pk}/monitoring/evaluation/",
        f"/plans/{plan.pk}/monitoring/workbook/upload/",
        f"/plans/{plan.pk}/finance/",
        f"/plans/{plan.pk}/report/",
        f"/dashboards/plans/{plan.pk}/",
        "/accounts/tokens/",
        "/accounts/password/",
    ]
    for path in pages:
        response = page.goto(f"{base}{path}")
        assert response.status < 400, path
        assert "default-src 'self'" in response.headers["content-security-policy"], path
    # The dashboard's charts are drawn (an SVG image that loaded, not a broken one).
    page.goto(f"{base}/dashboards/plans/{plan.pk}/")
    chart = page.locator("img.chart").first
    chart.wait_for()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", chart.element_handle())

    # htmx still swaps: the inline edit form of an indicator opens in place (on a draft).
    page.goto(f"{base}/plans/{plan.pk}/")
    page.get_by_role("link", name=re.compile("create a new version|nouvelle version")).click()
    page.get_by_role("button", name=re.compile("Amend|Modifier|nouvelle version")).click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    draft = Plan.objects.get(lineage=plan.lineage, version=2)
    indicator = Indicator.objects.filter(strategic_objective__module__plan=draft).first()
    head = page.locator(f"#head-indicator-{indicator.pk}")
    head.get_by_role("link", name=re.compile("^(Edit|Modifier)$")).click()
    page.locator(
        f"#head-indicator-{indicator.pk} textarea, #head-indicator-{indicator.pk} input[name=text]"
    ).first.wait_for()

    # The import page: a document uploaded, its review step, and a role changed there (htmx).
    document = tmp_path / "pssp-2031.docx"
    document.write_bytes(
        unknown_template_docx("Plan stratégique de sécurité et de prévention 2031-2032", FIRST)
    )
    page.goto(f"{base}/plans/import/")
    page.set_input_files("input[name=document]", str(document))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/plans/import/\d+/$"))
    row = page.locator("tr[data-unit]", has_text="Jauge : Nombre de séances").first
    unit = row.get_attribute("data-unit")
    row.locator("select[name=role]").select_option("indicator")
    page.locator(f"tr.corrected[data-unit='{unit}']").wait_for()

    # The federal and regional views, as the people who use them; the analyst's worklist too.
    page.context.clear_cookies()
    login(page, base, "analyste")
    for path in [
        "/worklist/",
        "/dashboards/federal/",
        "/finance/",
        f"/plans/{plan.pk}/monitoring/evaluation/",
    ]:
        assert page.goto(f"{base}{path}").status < 400, path
    page.context.clear_cookies()
    login(page, base, "coordinateur")
    regional = RegionalPlan.objects.first()
    for path in ["/regional/", f"/regional/{regional.pk}/"]:
        assert page.goto(f"{base}{path}").status < 400, path
    assert problems == []
