"""The demo pairs Valmont-sur-Senne's PSSP with its police zone's zonal plan."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from balise.demo import load_demo
from balise.plans.models import Plan
from tests.integration.zonal.conftest import logged_in


def test_the_demo_editor_reads_the_pssp_beside_the_zonal_plan(reference) -> None:
    load_demo()
    load_demo()  # idempotent: the zonal plan is not duplicated
    assert Plan.objects.filter(kind="pzs", municipality__code="99501").count() == 1
    editor = get_user_model().objects.get(username="editeur")
    page = logged_in(editor).get("/municipalities/99001/phenomena/burglary/").content.decode()
    assert "Chef du service Proximité" in page and "231 faits (2019)" in page
    assert "Agir sur les circonstances" in page
