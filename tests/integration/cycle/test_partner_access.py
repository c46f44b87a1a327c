"""A partner of the regional plan reaches their projects' pages and the regional plan's content,
never its pages of values, evaluation, workbook, money, reports, versions or history (404, as
for a plan they could not read at all)."""

from __future__ import annotations

from datetime import date

import pytest

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.domain.outline import MeasureOutline, PlanOutline, ThematicOutline
from balise.plans.actions import import_plan
from tests.factories import user_with_role

MEMBERS_ONLY = (
    "monitoring/values/",
    "monitoring/evaluation/2022/",
    "monitoring/workbook/",
    "monitoring/workbook/upload/",
    "finance/",
    "report/",
    "versions/",
    "history/",
)


@pytest.fixture
def pgsp(reference):
    outline = PlanOutline(
        kind="pgsp",
        title="Plan global de sécurité et de prévention 2021-2024",
        period_start=date(2021, 1, 1),
        period_end=date(2024, 12, 31),
        thematics=[ThematicOutline(1, "Intégrité physique et psychique", [MeasureOutline("1.1", "Aider")])],
    )
    return import_plan(outline, user=SYSTEM).plan


@pytest.mark.django_db
@pytest.mark.parametrize("page", MEMBERS_ONLY)
def test_a_partner_gets_a_404_on_the_regional_plans_member_pages(client, pgsp, page):
    client.force_login(user_with_role("partner", Role.PARTNER, "5340"))
    assert client.get(f"/plans/{pgsp.pk}/{page}").status_code == 404
    assert client.get(f"/dashboards/plans/{pgsp.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_partner_reads_the_regional_plans_content_without_links_to_member_pages(client, pgsp):
    client.force_login(user_with_role("partner", Role.PARTNER, "5340"))
    response = client.get(f"/plans/{pgsp.pk}/")
    html = response.content.decode()
    assert response.status_code == 200 and "Aider" in html
    assert f"/plans/{pgsp.pk}/monitoring/" not in html and f"/plans/{pgsp.pk}/finance/" not in html


@pytest.mark.django_db
def test_the_regional_coordinator_still_opens_the_member_pages(client, pgsp):
    client.force_login(user_with_role("coordinator", Role.REGIONAL_COORDINATOR, "BE-BRU"))
    assert client.get(f"/plans/{pgsp.pk}/monitoring/values/").status_code == 200
    assert client.get(f"/plans/{pgsp.pk}/history/").status_code == 200
