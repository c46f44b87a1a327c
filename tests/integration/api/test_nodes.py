"""/api/nodes/{kind}: the items of a plan, edited through `balise.plans.editing`."""

from __future__ import annotations

import pytest

from balise.plans.models import Indicator, Module, OperationalObjective, StrategicObjective
from tests.integration.api.test_plans import ixelles_plan

JSON = "application/json"


def visits_indicator(plan) -> Indicator:
    return Indicator.objects.get(strategic_objective__module__plan=plan, text__startswith="Nombre de visites")


@pytest.mark.django_db
def test_an_item_is_read_with_its_values_revision_parent_and_target(as_colleague, plan):
    indicator = visits_indicator(plan)
    response = as_colleague.get(f"/api/nodes/indicator/{indicator.pk}")
    assert response.status_code == 200
    assert response.json() == {
        "id": indicator.pk,
        "kind": "indicator",
        "plan_id": plan.pk,
        "parent_kind": "operational_objective",
        "parent_id": indicator.operational_objective_id,
        "revision": 1,
        "order": 0,
        "values": {"text": "Nombre de visites techno-préventives : ≥ 50 /an", "reference_value": ""},
        "target": {
            "kind": "count",
            "comparator": ">=",
            "value": "50",
            "per": "year",
            "deadline": None,
            "raw": "≥ 50 /an",
            "upper": None,
        },
    }


@pytest.mark.django_db
def test_reading_an_item_of_another_municipality_or_an_unknown_one_is_a_404(as_outsider, as_owner, plan):
    module = plan.modules.first()
    assert as_outsider.get(f"/api/nodes/module/{module.pk}").status_code == 404
    assert as_owner.get("/api/nodes/module/999999").status_code == 404
    unknown_kind = as_owner.get(f"/api/nodes/chapter/{module.pk}")
    assert unknown_kind.status_code == 422 and unknown_kind.json()["detail"][0]["loc"] == "kind"


@pytest.mark.django_db
def test_the_owner_adds_an_item_at_the_end_of_its_parent(as_owner, plan):
    objective = StrategicObjective.objects.get(module__plan=plan, module__title="Cambriolage")
    body = {"parent_kind": "strategic_objective", "parent_id": objective.pk, "values": {"title": "Informer"}}
    response = as_owner.post("/api/nodes/operational_objective", body, JSON)
    assert response.status_code == 201
    created = response.json()
    assert (created["parent_id"], created["order"], created["values"]) == (
        objective.pk,
        1,
        {"title": "Informer", "approach": "", "pilot": ""},
    )
    tree = as_owner.get(f"/api/plans/{plan.pk}").json()
    titles = [oo["title"] for oo in tree["modules"][1]["strategic_objectives"][0]["operational_objectives"]]
    assert titles == ["Réaliser des visites techno-préventives", "Informer"]


@pytest.mark.django_db
def test_an_item_placed_under_the_wrong_parent_or_a_missing_one_is_refused(as_owner, plan):
    objective = StrategicObjective.objects.filter(module__plan=plan).first()
    wrong = {"parent_kind": "strategic_objective", "parent_id": objective.pk, "values": {"title": "Module"}}
    response = as_owner.post("/api/nodes/module", wrong, JSON)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == "parent_kind"
    missing = {"parent_kind": "strategic_objective", "parent_id": 999999, "values": {"title": "x"}}
    assert as_owner.post("/api/nodes/operational_objective", missing, JSON).status_code == 404
    assert OperationalObjective.objects.filter(strategic_objective__module__plan=plan).count() == 2


@pytest.mark.django_db
def test_changing_an_indicator_text_retypes_its_target(as_owner, plan):
    indicator = visits_indicator(plan)
    body = {"revision": 1, "values": {"text": "Nombre de visites : ≥ 80 /an"}}
    response = as_owner.patch(f"/api/nodes/indicator/{indicator.pk}", body, JSON)
    assert response.status_code == 200
    assert response.json()["revision"] == 2
    assert (response.json()["target"]["value"], response.json()["target"]["per"]) == ("80", "year")


@pytest.mark.django_db
def test_a_stale_revision_is_a_409_with_the_current_item_and_the_submitted_values(as_owner, plan):
    indicator = visits_indicator(plan)
    url = f"/api/nodes/indicator/{indicator.pk}"
    assert (
        as_owner.patch(url, {"revision": 1, "values": {"text": "Visites : ≥ 60 /an"}}, JSON).status_code
        == 200
    )
    late = as_owner.patch(url, {"revision": 1, "values": {"text": "Visites : ≥ 70 /an"}}, JSON)
    assert late.status_code == 409
    body = late.json()
    current = body["current"]
    assert current["revision"] == 2 and current["values"] == {
        "text": "Visites : ≥ 60 /an",
        "reference_value": "",
    }
    assert body["submitted"] == {"text": "Visites : ≥ 70 /an"}
    assert Indicator.objects.get(pk=indicator.pk).text == "Visites : ≥ 60 /an"


@pytest.mark.django_db
def test_invalid_values_are_a_422_with_field_paths(as_owner, plan):
    module = plan.modules.first()
    response = as_owner.patch(
        f"/api/nodes/module/{module.pk}", {"revision": 1, "values": {"title": "  "}}, JSON
    )
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == ["values.title"]
    typo = as_owner.patch(f"/api/nodes/module/{module.pk}", {"revision": 1, "values": {"titel": "x"}}, JSON)
    assert typo.status_code == 422 and typo.json()["detail"][0]["loc"] == "values.titel"
    assert Module.objects.get(pk=module.pk).revision == 1
    no_revision = as_owner.patch(f"/api/nodes/module/{module.pk}", {"values": {"title": "x"}}, JSON)
    assert no_revision.status_code == 422 and no_revision.json()["detail"][0]["loc"] == "revision"


@pytest.mark.django_db
def test_deleting_needs_the_current_revision(as_owner, plan):
    module = Module.objects.get(plan=plan, title="Cambriolage")
    stale = as_owner.delete(f"/api/nodes/module/{module.pk}?revision=7")
    assert stale.status_code == 409 and Module.objects.filter(pk=module.pk).exists()
    assert as_owner.delete(f"/api/nodes/module/{module.pk}").status_code == 422
    deleted = as_owner.delete(f"/api/nodes/module/{module.pk}?revision=1")
    assert deleted.status_code == 204
    assert not Module.objects.filter(pk=module.pk).exists()
    assert not Indicator.objects.filter(strategic_objective__module_id=module.pk).exists()


@pytest.mark.django_db
def test_moving_an_item_reorders_its_siblings(as_owner, plan):
    burglary = Module.objects.get(plan=plan, title="Cambriolage")
    response = as_owner.post(f"/api/nodes/module/{burglary.pk}/move", {"position": 0}, JSON)
    assert response.status_code == 200 and response.json()["order"] == 0
    tree = as_owner.get(f"/api/plans/{plan.pk}").json()
    assert [m["title"] for m in tree["modules"]] == ["Cambriolage", "Coordination"]
    assert as_owner.post(f"/api/nodes/module/{burglary.pk}/move", {"position": -1}, JSON).status_code == 422


@pytest.mark.django_db
def test_the_items_of_a_signed_plan_are_locked(as_owner, reference):
    signed = ixelles_plan("Plan signé", signed=True)
    module = signed.modules.first()
    response = as_owner.patch(
        f"/api/nodes/module/{module.pk}", {"revision": 1, "values": {"title": "x"}}, JSON
    )
    assert response.status_code == 409 and "Plan signé" in response.json()["detail"]
    body = {
        "parent_kind": "plan",
        "parent_id": signed.pk,
        "values": {"title": "Drogues", "kind": "phenomenon"},
    }
    assert as_owner.post("/api/nodes/module", body, JSON).status_code == 409
    assert signed.modules.count() == 2


def _writes(plan) -> list[tuple[str, str, dict]]:
    module = plan.modules.first()
    return [
        (
            "post",
            "/api/nodes/module",
            {
                "parent_kind": "plan",
                "parent_id": plan.pk,
                "values": {"title": "Drogues", "kind": "phenomenon"},
            },
        ),
        ("patch", f"/api/nodes/module/{module.pk}", {"revision": 1, "values": {"title": "x"}}),
        ("delete", f"/api/nodes/module/{module.pk}?revision=1", {}),
        ("post", f"/api/nodes/module/{module.pk}/move", {"position": 1}),
    ]


@pytest.mark.django_db
def test_a_colleague_reads_but_every_write_is_a_403(as_colleague, plan):
    assert as_colleague.get(f"/api/nodes/module/{plan.modules.first().pk}").status_code == 200
    for method, url, body in _writes(plan):
        assert getattr(as_colleague, method)(url, body, JSON).status_code == 403, (method, url)
    assert [m.title for m in plan.modules.all()] == ["Coordination", "Cambriolage"]
    assert {m.revision for m in plan.modules.all()} == {1}


@pytest.mark.django_db
def test_another_municipality_gets_a_404_for_every_write(as_outsider, plan):
    for method, url, body in _writes(plan):
        assert getattr(as_outsider, method)(url, body, JSON).status_code == 404, (method, url)
    assert [m.title for m in plan.modules.all()] == ["Coordination", "Cambriolage"]
