"""Targets edited as targets: the structured editor beside the text, which stays as written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from balise.accounts.roles import Role
from balise.domain.targets import parse_target
from balise.monitoring.actions import record_measurement
from balise.monitoring.models import IndicatorYearProgress
from balise.plans import editing
from balise.plans.models import Indicator, Plan, PlanStatus
from tests.factories import user_with_role
from tests.integration.web.plans_support import IXELLES, draft_plan

VISITS = "Nombre de visites techno"  # "≥ 50 /an" as written


@pytest.fixture
def plan(reference) -> Plan:
    return draft_plan()


@pytest.fixture
def editor(reference):
    return user_with_role("editor", Role.MUNICIPALITY_EDITOR, IXELLES)


def visits(plan: Plan) -> Indicator:
    return Indicator.objects.get(strategic_objective__module__plan=plan, text__startswith=VISITS)


def url(plan: Plan, indicator: Indicator) -> str:
    return f"/plans/{plan.pk}/indicators/{indicator.pk}/target/"


def post(client, plan, indicator, **fields):
    data = {"revision": indicator.revision, "kind": "", "comparator": "", "value": "", "upper": "", "per": ""}
    return client.post(url(plan, indicator), {**data, **fields})


@pytest.mark.django_db
def test_the_editor_shows_the_target_as_written_beside_its_fields(client, plan, editor):
    client.force_login(editor)
    html = client.get(url(plan, visits(plan))).content.decode()
    assert "≥ 50 /an" in html
    assert 'name="kind"' in html and '<option value="count" selected>' in html
    assert 'name="value"' in html and 'value="50"' in html


@pytest.mark.django_db
def test_a_count_becomes_a_range_and_the_text_stays_as_written(client, plan, editor):
    indicator = visits(plan)
    text = indicator.text
    client.force_login(editor)
    response = post(client, plan, indicator, kind="range", value="20", upper="40", per="year")
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.target_kind, indicator.target_value, indicator.target_upper) == (
        "range",
        Decimal(20),
        Decimal(40),
    )
    assert indicator.text == text and indicator.target_raw == "≥ 50 /an"
    assert indicator.history.first().history_user == editor


@pytest.mark.django_db
def test_progress_follows_a_target_changed_in_the_editor(client, plan, editor):
    indicator = visits(plan)
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.SIGNED)
    record_measurement(indicator, "2024", {"amount": "30"}, editor)
    assert IndicatorYearProgress.objects.get(indicator=indicator, year=2024).status == "not_met"  # 30 of 50
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    client.force_login(editor)
    assert post(client, plan, indicator, kind="range", value="20", upper="40", per="year").status_code == 302
    assert IndicatorYearProgress.objects.get(indicator=indicator, year=2024).status == "met"


@pytest.mark.django_db
def test_a_range_with_its_bounds_reversed_is_refused_by_field(client, plan, editor):
    indicator = visits(plan)
    client.force_login(editor)
    response = post(client, plan, indicator, kind="range", value="40", upper="20")
    assert response.status_code == 422
    assert "The upper bound cannot be below the lower one." in response.content.decode()
    response = post(client, plan, indicator, kind="count", value="beaucoup")
    assert response.status_code == 422 and "Enter a number." in response.content.decode()
    indicator.refresh_from_db()
    assert (indicator.target_kind, indicator.target_value) == ("count", Decimal(50))


@pytest.mark.django_db
def test_a_target_set_in_the_editor_survives_an_edit_of_the_reference_value(plan, editor):
    indicator = visits(plan)
    editing.set_target(indicator.pk, parse_target("entre 20 et 40 par an"), indicator.revision, editor)
    indicator.refresh_from_db()
    editing.update_node("indicator", indicator.pk, {"reference_value": "12"}, indicator.revision, editor)
    indicator.refresh_from_db()
    assert indicator.target_kind == "range"


@pytest.mark.django_db
def test_a_stale_form_is_refused_and_shown_again(client, plan, editor):
    indicator = visits(plan)
    client.force_login(editor)
    response = post(client, plan, indicator, kind="count", value="60", revision=indicator.revision - 1)
    assert response.status_code == 409
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal(50)


@pytest.mark.django_db
def test_a_signed_plan_is_amended_not_edited_in_place(client, plan, editor):
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.SIGNED)
    client.force_login(editor)
    response = post(client, plan, visits(plan), kind="count", value="60")
    assert response.status_code == 409
    assert visits(plan).target_value == Decimal(50)


@pytest.mark.django_db
def test_outsiders_partners_readers_and_anonymous_cannot_change_a_target(client, plan, outsider):
    indicator = visits(plan)
    assert post(client, plan, indicator, kind="count", value="1")["Location"].startswith("/accounts/login/")
    partner = user_with_role("partner", Role.PARTNER, "5340")
    reader = user_with_role("reader", Role.MUNICIPALITY_VIEWER, IXELLES)
    for user, status in ((outsider, 404), (partner, 404), (reader, 403)):
        client.force_login(user)
        assert client.get(url(plan, indicator)).status_code == status
        assert post(client, plan, indicator, kind="count", value="1").status_code == status
    assert visits(plan).target_value == Decimal(50)
