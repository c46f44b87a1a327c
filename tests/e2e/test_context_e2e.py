"""The demo municipality's burglary figures beside its burglary module, in French, Dutch and German.

Screenshots: artifacts/e2e/context-burglary-{fr,nl,de}.png.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS, login

TITLES = {
    "fr": ("Cambriolage dans une habitation", "Contexte"),
    "nl": ("Inbraak in woning", "Context"),
    "de": ("Wohnungseinbruch", "Kontext"),
}


@pytest.mark.django_db(transaction=True)
def test_the_burglary_trend_shows_beside_the_burglary_module_in_three_languages(demo_site, page):
    from balise.plans.models import Plan

    plan = Plan.objects.get(municipality__code="99001")
    base = demo_site.url
    login(page, base, "lecteur")
    for language, (category, heading) in TITLES.items():
        page.goto(f"{base}/plans/{plan.pk}/")
        page.click(f"form.lang button[value={language}]")
        page.wait_for_selector(f'html[lang="{language}"]')
        module = page.locator("details.module", has=page.locator(".context-figures")).filter(
            has_text=category
        )
        assert module.count() == 1
        aside = module.locator(".context-figures")
        assert aside.is_visible()
        assert heading in aside.inner_text()
        assert "2017" in aside.inner_text() and "190" in aside.inner_text()
        assert aside.locator("svg.sparkline").count() >= 1
        aside.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        module.screenshot(path=str(ARTIFACTS / f"context-burglary-{language}.png"))
