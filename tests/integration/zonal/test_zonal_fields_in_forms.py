"""A pilot, an approach and a reference value belong to zonal security plans only: the edit forms
and the API of other plans neither show nor take them."""

from __future__ import annotations

import json

import pytest

from balise.plans.models import Indicator, OperationalObjective, Plan, PlanKind, StrategicObjective
from tests.integration.api.conftest import client_of
from tests.integration.web.plans_support import HTMX, draft_plan, in_english, people


@pytest.fixture
def plan(reference) -> Plan:
    return draft_plan()  # a PSSP of Ixelles


@pytest.fixture
def owner(client, plan):
    users = people()
    in_english(client)
    client.force_login(users.owner)
    return users.owner


def _form(client, kind: str, pk: int) -> str:
    response = client.get(f"/plans/nodes/{kind}/{pk}/edit/", **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def _make_zonal(plan: Plan) -> None:
    Plan.objects.filter(pk=plan.pk).update(kind=PlanKind.PZS)


@pytest.mark.django_db
def test_a_pssp_edit_form_shows_no_zonal_field(client, plan, owner) -> None:
    so = StrategicObjective.objects.filter(module__plan=plan).first()
    oo = OperationalObjective.objects.filter(strategic_objective__module__plan=plan).first()
    indicator = Indicator.objects.filter(strategic_objective__module__plan=plan).first()

    assert 'name="pilot"' not in _form(client, "strategic_objective", so.pk)
    oo_form = _form(client, "operational_objective", oo.pk)
    assert 'name="approach"' not in oo_form and 'name="pilot"' not in oo_form
    assert 'name="reference_value"' not in _form(client, "indicator", indicator.pk)
    assert 'name="title"' in oo_form  # the form itself is there


@pytest.mark.django_db
def test_a_zonal_plan_edit_form_shows_pilot_approach_and_reference_value(client, plan, owner) -> None:
    _make_zonal(plan)
    oo = OperationalObjective.objects.filter(strategic_objective__module__plan=plan).first()
    indicator = Indicator.objects.filter(strategic_objective__module__plan=plan).first()

    oo_form = _form(client, "operational_objective", oo.pk)
    assert 'name="approach"' in oo_form and 'name="pilot"' in oo_form
    assert 'name="reference_value"' in _form(client, "indicator", indicator.pk)


@pytest.mark.django_db
def test_a_pssp_ignores_a_posted_zonal_field(client, plan, owner) -> None:
    oo = OperationalObjective.objects.filter(strategic_objective__module__plan=plan).first()
    data = {"title": oo.title, "approach": "Contrôles", "pilot": "Chef de corps", "revision": oo.revision}

    assert client.post(f"/plans/nodes/operational_objective/{oo.pk}/edit/", data, **HTMX).status_code == 200

    oo.refresh_from_db()
    assert (oo.approach, oo.pilot) == ("", "")


@pytest.mark.django_db
def test_the_api_refuses_a_zonal_field_on_a_pssp_and_takes_it_on_a_zonal_plan(plan, owner) -> None:
    api = client_of(owner)
    oo = OperationalObjective.objects.filter(strategic_objective__module__plan=plan).first()
    body = json.dumps({"revision": oo.revision, "values": {"approach": "Contrôles"}})

    refused = api.patch(f"/api/nodes/operational_objective/{oo.pk}", body, content_type="application/json")
    assert refused.status_code == 422, refused.content
    assert "values.approach" in refused.content.decode()

    _make_zonal(plan)
    taken = api.patch(f"/api/nodes/operational_objective/{oo.pk}", body, content_type="application/json")
    assert taken.status_code == 200, taken.content
    oo.refresh_from_db()
    assert oo.approach == "Contrôles"
