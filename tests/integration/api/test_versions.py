"""/api/plans/{id}/versions, /sign, /diff: amend a signed plan, sign the draft, compare."""

from __future__ import annotations

import pytest

from balise.accounts.actors import SYSTEM
from balise.domain.interchange import outline_from_dict
from balise.plans.actions import import_plan
from balise.plans.models import Plan, PlanStatus
from tests.integration.api.conftest import outside_document
from tests.integration.api.test_plans import ixelles_plan

JSON = "application/json"


@pytest.fixture
def signed(reference):
    return ixelles_plan("Plan signé", signed=True)


@pytest.mark.django_db
def test_the_owner_amends_edits_compares_and_signs_a_new_version(as_owner, signed):
    amended = as_owner.post(f"/api/plans/{signed.pk}/versions")
    assert amended.status_code == 201
    draft = amended.json()
    assert (draft["version"], draft["status"], draft["supersedes_id"]) == (2, "draft", signed.pk)
    module = Plan.objects.get(pk=draft["id"]).modules.get(title="Cambriolage")
    edit = {"revision": 1, "values": {"title": "Cambriolages"}}
    assert as_owner.patch(f"/api/nodes/module/{module.pk}", edit, JSON).status_code == 200
    diff = as_owner.get(f"/api/plans/{signed.pk}/diff?other={draft['id']}").json()
    assert (diff["counts"]["changed"], diff["counts"]["added"], diff["counts"]["removed"]) == (1, 0, 0)
    assert diff["groups"][0]["changes"][0]["new"]["text"] == "Cambriolages"
    signing = as_owner.post(f"/api/plans/{draft['id']}/sign", {"signed_on": "2030-06-01"}, JSON)
    assert signing.status_code == 200
    assert (signing.json()["status"], signing.json()["signed_on"]) == ("signed", "2030-06-01")
    assert Plan.objects.get(pk=signed.pk).status == PlanStatus.SUPERSEDED
    versions = as_owner.get(f"/api/plans/{signed.pk}/versions").json()
    assert [(v["version"], v["status"]) for v in versions] == [(1, "superseded"), (2, "signed")]


@pytest.mark.django_db
def test_steps_that_the_plan_state_forbids_are_a_409(as_owner, plan, signed):
    assert as_owner.post(f"/api/plans/{plan.pk}/versions").status_code == 409  # a draft
    refused = as_owner.post(f"/api/plans/{signed.pk}/sign", {"signed_on": "2030-06-01"}, JSON)
    assert refused.status_code == 409 and refused.json()["detail"]
    assert as_owner.post(f"/api/plans/{plan.pk}/sign", {"signed_on": "soon"}, JSON).status_code == 422


@pytest.mark.django_db
def test_a_colleague_lists_and_compares_versions_but_cannot_amend_or_sign(as_colleague, plan, signed):
    versions = as_colleague.get(f"/api/plans/{signed.pk}/versions")
    assert versions.status_code == 200 and [v["id"] for v in versions.json()] == [signed.pk]
    assert as_colleague.get(f"/api/plans/{signed.pk}/diff?other={plan.pk}").status_code == 200
    assert as_colleague.post(f"/api/plans/{signed.pk}/versions").status_code == 403
    assert (
        as_colleague.post(f"/api/plans/{plan.pk}/sign", {"signed_on": "2030-06-01"}, JSON).status_code == 403
    )
    assert Plan.objects.count() == 2 and Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


@pytest.mark.django_db
def test_another_municipality_gets_a_404_for_every_version_endpoint(as_outsider, plan, signed):
    calls = [
        ("get", f"/api/plans/{signed.pk}/versions", {}),
        ("post", f"/api/plans/{signed.pk}/versions", {}),
        ("post", f"/api/plans/{plan.pk}/sign", {"signed_on": "2030-06-01"}),
        ("get", f"/api/plans/{signed.pk}/diff?other={plan.pk}", {}),
    ]
    for method, url, body in calls:
        assert getattr(as_outsider, method)(url, body, JSON).status_code == 404, url
    assert Plan.objects.count() == 2


@pytest.mark.django_db
def test_comparing_with_a_plan_the_caller_cannot_read_is_a_404(as_owner, signed, reference):
    document = outside_document()
    document.update(municipality="Molenbeek-Saint-Jean", title="Plan de Molenbeek")
    hidden = import_plan(outline_from_dict(document), user=SYSTEM).plan
    assert as_owner.get(f"/api/plans/{signed.pk}/diff?other={hidden.pk}").status_code == 404
