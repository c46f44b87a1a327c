"""/api/plans: list, tree, export, import from the interchange format, header edits."""

from __future__ import annotations

import copy
import json

import pytest

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.domain.interchange import outline_from_dict, outline_to_dict
from balise.plans.actions import import_plan
from balise.plans.models import Plan
from balise.plans.selectors import plan_outline, plan_with_tree
from tests.factories import user_with_role
from tests.integration.api.conftest import client_of, outside_document


def ixelles_plan(title: str, *, year: int = 2030, signed: bool = False) -> Plan:
    document = outside_document()
    document.update(title=title, period={"start": f"{year}-01-01", "end": f"{year}-12-31"})
    document["signed_on"] = f"{year}-01-15" if signed else None
    return import_plan(outline_from_dict(document), user=SYSTEM).plan


def post_json(client, url: str, data) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


# ---------------------------------------------------------------- list


@pytest.mark.django_db
def test_the_list_holds_only_the_plans_the_caller_may_read(
    as_owner, as_colleague, as_outsider, plan, reference
):
    molenbeek = outside_document()
    molenbeek.update(municipality="Molenbeek-Saint-Jean", title="Plan de Molenbeek")
    other = import_plan(outline_from_dict(molenbeek), user=SYSTEM).plan
    assert [p["id"] for p in as_owner.get("/api/plans").json()["items"]] == [plan.pk]
    assert [p["id"] for p in as_colleague.get("/api/plans").json()["items"]] == [plan.pk]
    assert [p["id"] for p in as_outsider.get("/api/plans").json()["items"]] == [other.pk]
    analyst = client_of(user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ"))
    assert {p["id"] for p in analyst.get("/api/plans").json()["items"]} == {plan.pk, other.pk}


@pytest.mark.django_db
def test_the_list_is_paginated(as_owner, plan):
    for year in range(2030, 2034):
        ixelles_plan(f"Plan {year}", year=year)
    pages = [as_owner.get(f"/api/plans?page={n}&page_size=2").json() for n in (1, 2, 3)]
    assert [(p["count"], p["pages"], p["page"], len(p["items"])) for p in pages] == [
        (5, 3, 1, 2),
        (5, 3, 2, 2),
        (5, 3, 3, 1),
    ]
    ids = [item["id"] for page in pages for item in page["items"]]
    assert sorted(ids) == sorted(Plan.objects.values_list("pk", flat=True))
    assert pages[0]["items"][0]["title"] == "Plan 2033"  # newest period first
    beyond = as_owner.get("/api/plans?page=4&page_size=2").json()
    assert beyond["count"] == 5 and beyond["items"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["page_size=201", "page_size=0", "page=0"])
def test_a_page_out_of_bounds_is_a_422_naming_the_parameter(as_owner, plan, query):
    response = as_owner.get(f"/api/plans?{query}")
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [query.split("=")[0]]


@pytest.mark.django_db
def test_the_list_filters_by_kind_status_municipality_and_title_words(as_owner, plan):
    signed = ixelles_plan("Plan signé de prévention", signed=True)
    ids = lambda query: [p["id"] for p in as_owner.get(f"/api/plans?{query}").json()["items"]]  # noqa: E731
    assert ids("status=signed") == [signed.pk]
    assert ids("status=draft") == [plan.pk]
    assert ids("kind=css") == []
    assert sorted(ids("kind=pssp&municipality=21009")) == sorted([plan.pk, signed.pk])
    assert ids("municipality=21012") == []
    assert ids("q=signé prévention") == [signed.pk]
    assert as_owner.get("/api/plans?status=lost").status_code == 422


# ---------------------------------------------------------------- tree and export


@pytest.mark.django_db
def test_the_tree_has_node_ids_kinds_revisions_and_typed_targets(as_colleague, plan):
    tree = as_colleague.get(f"/api/plans/{plan.pk}").json()
    assert tree["id"] == plan.pk and tree["municipality"]["code"] == "21009"
    assert tree["annual_amount_eur"] == "250000.00"
    burglary = tree["modules"][1]
    assert (burglary["kind"], burglary["module_kind"], burglary["title"]) == (
        "module",
        "phenomenon",
        "Cambriolage",
    )
    objective = burglary["strategic_objectives"][0]
    assert objective["service"] == "Conseillers en prévention vol"
    visits = objective["operational_objectives"][0]["indicators"][0]
    assert visits["kind"] == "indicator" and visits["revision"] == 1
    assert visits["target"] == {
        "kind": "count",
        "comparator": ">=",
        "value": "50",
        "per": "year",
        "deadline": None,
        "raw": "≥ 50 /an",
    }
    assert objective["indicators"][0]["target"]["per"] == "day"  # attached to the strategic objective
    db_ids = set(plan.modules.values_list("pk", flat=True))
    assert {m["id"] for m in tree["modules"]} == db_ids


@pytest.mark.django_db
def test_the_export_is_the_interchange_document_of_the_plan(as_colleague, plan):
    response = as_colleague.get(f"/api/plans/{plan.pk}/export")
    assert response.status_code == 200
    assert response.json() == outline_to_dict(plan_outline(plan_with_tree(plan.pk)))
    assert response.json()["format"] == "balise.plan/1"


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "/export"])
def test_another_municipality_and_unknown_plans_get_a_json_404(as_outsider, as_owner, plan, suffix):
    response = as_outsider.get(f"/api/plans/{plan.pk}{suffix}")
    assert response.status_code == 404 and set(response.json()) == {"detail"}
    assert as_owner.get(f"/api/plans/999999{suffix}").status_code == 404


# ---------------------------------------------------------------- create from the interchange format


@pytest.mark.django_db
def test_a_plan_created_from_interchange_json_exports_the_same_content(as_owner, owner, reference):
    document = outside_document()
    response = post_json(as_owner, "/api/plans", document)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["created"] is True and created["plan"]["municipality"]["code"] == "21009"
    exported = as_owner.get(f"/api/plans/{created['plan']['id']}/export").json()
    assert exported == outline_to_dict(outline_from_dict(document))


@pytest.mark.django_db
def test_the_same_document_twice_is_not_duplicated_and_a_different_one_conflicts(as_owner, reference):
    document = outside_document()
    first = post_json(as_owner, "/api/plans", document).json()
    again = post_json(as_owner, "/api/plans", document)
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["plan"]["id"] == first["plan"]["id"]
    changed = copy.deepcopy(document)
    changed["modules"][1]["title"] = "Vols dans les habitations"
    conflict = post_json(as_owner, "/api/plans", changed)
    assert conflict.status_code == 409 and str(first["plan"]["id"]) in conflict.json()["detail"]
    assert "--replace" not in conflict.content.decode() and "?replace=true" in conflict.json()["hint"]
    replaced = post_json(as_owner, "/api/plans?replace=true", changed)
    assert replaced.status_code == 201 and replaced.json()["plan"]["version"] == 2
    assert Plan.objects.count() == 2


@pytest.mark.django_db
def test_schema_errors_are_a_422_naming_the_field_path(as_owner, reference):
    document = outside_document()
    del document["modules"][1]["strategic_objectives"][0]["title"]
    response = post_json(as_owner, "/api/plans", document)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": "modules[1].strategic_objectives[0].title", "msg": "required"}]
    }
    not_json = as_owner.post("/api/plans", "{modules: [", content_type="application/json")
    assert not_json.status_code == 422 and "invalid JSON" in not_json.json()["detail"][0]["msg"]
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_only_editors_of_that_municipality_create_its_plans(as_colleague, as_outsider, reference):
    assert post_json(as_colleague, "/api/plans", outside_document()).status_code == 403
    assert post_json(as_outsider, "/api/plans", outside_document()).status_code == 403
    assert not Plan.objects.exists()
    molenbeek = outside_document()
    molenbeek["municipality"] = "Molenbeek-Saint-Jean"
    assert post_json(as_outsider, "/api/plans", molenbeek).status_code == 201


# ---------------------------------------------------------------- header


@pytest.mark.django_db
def test_the_owner_changes_the_header_with_the_revision_they_saw(as_owner, plan):
    url = f"/api/plans/{plan.pk}"
    response = as_owner.patch(url, {"revision": 1, "values": {"title": "PSSP 2020-2025"}}, "application/json")
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["revision"]) == ("PSSP 2020-2025", 2)
    stale = as_owner.patch(url, {"revision": 1, "values": {"title": "Autre titre"}}, "application/json")
    assert stale.status_code == 409
    assert stale.json()["current"]["title"] == "PSSP 2020-2025"
    assert stale.json()["submitted"] == {"title": "Autre titre"}


@pytest.mark.django_db
def test_an_invalid_header_is_a_422_with_the_field_path(as_owner, plan):
    values = {"period_start": "2025-01-01", "period_end": "2024-01-01"}
    response = as_owner.patch(f"/api/plans/{plan.pk}", {"revision": 1, "values": values}, "application/json")
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == ["values.period_end"]


@pytest.mark.django_db
def test_the_header_is_read_only_for_colleagues_invisible_to_others_locked_once_signed(
    as_colleague, as_outsider, as_owner, plan
):
    signed_plan = ixelles_plan("Plan signé", signed=True)
    body = {"revision": 1, "values": {"title": "Changed"}}
    assert as_colleague.patch(f"/api/plans/{plan.pk}", body, "application/json").status_code == 403
    assert as_outsider.patch(f"/api/plans/{plan.pk}", body, "application/json").status_code == 404
    locked = as_owner.patch(f"/api/plans/{signed_plan.pk}", body, "application/json")
    assert locked.status_code == 409 and "version" in locked.json()["detail"]
    assert Plan.objects.get(pk=plan.pk).title == plan.title
