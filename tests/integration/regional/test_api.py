"""/api/regional/…: the same rules as the pages, JSON in and out."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from balise.accounts.tokens import issue_token
from balise.regional.models import Project, Subsidy

from .conftest import EXPECTED_2021_2022


def api(user) -> Client:
    if user is None:
        return Client()
    _token, secret = issue_token(user, "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


READ = {
    "coordinator": 200,
    "partner": 200,
    "analyst": 200,
    "municipality": 200,
    "admin": 200,
    "other_partner": 404,
    "outsider": 404,
    "other_coordinator": 404,
}
ENDPOINTS = {
    "coverage": "/api/regional/{rp}/coverage?from=2021&to=2022",
    "cell": "/api/regional/{rp}/coverage/1/police?from=2021&to=2022",
    "projects": "/api/regional/{rp}/projects",
    "project": "/api/regional/{rp}/projects/{zone}",
    "outputs": "/api/regional/{rp}/projects/{zone}/outputs",
}


def _url(template, world):
    return template.format(rp=world.regional.pk, zone=world.projects["zone"].pk)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", READ)
def test_reads_follow_the_regional_rules(world, users, endpoint, role):
    response = api(users[role]).get(_url(ENDPOINTS[endpoint], world))
    assert response.status_code == READ[role]
    if READ[role] == 404:
        assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("endpoint", [*ENDPOINTS.values(), "/api/regional"])
def test_anonymous_callers_get_a_401(world, endpoint):
    assert api(None).get(_url(endpoint, world)).status_code == 401


def test_the_coverage_endpoint_returns_the_table(world, users):
    data = api(users["analyst"]).get(_url(ENDPOINTS["coverage"], world)).json()
    assert {row["number"]: row["cells"] for row in data["rows"]} == EXPECTED_2021_2022
    assert data["totals"] == ["3/7", "3/7", "1/7", "1/7", "0/7"] and data["overall"] == "6/7"
    assert [c["key"] for c in data["columns"]] == ["police", "local", "regional", "call", "other"]


def test_the_drill_down_names_projects_and_municipal_objectives(world, users):
    cell = (
        api(users["analyst"])
        .get(f"/api/regional/{world.regional.pk}/coverage/1/local?from=2021&to=2022")
        .json()
    )
    assert [(m["code"], len(m["projects"]), len(m["objectives"])) for m in cell] == [
        ("1.1", 0, 0),
        ("1.2", 0, 0),
        ("1.3", 0, 1),
    ]
    assert (
        api(users["analyst"]).get(f"/api/regional/{world.regional.pk}/coverage/1/nowhere").status_code == 422
    )


def test_a_partner_lists_its_own_projects_only_and_not_another(world, users):
    client = api(users["partner"])
    titles = {
        p["title"] for p in client.get(f"/api/regional/{world.regional.pk}/projects?from=2021&to=2024").json()
    }
    assert titles == {"Visites techno-préventives", "Patrouilles vélo"}
    assert (
        client.get(f"/api/regional/{world.regional.pk}/projects/{world.projects['stib'].pk}").status_code
        == 404
    )
    assert [rp["id"] for rp in client.get("/api/regional").json()] == [world.regional.pk]
    assert api(users["outsider"]).get("/api/regional").json() == []


def test_the_coordinator_creates_a_project_by_measure_codes(world, users):
    body = {
        "partner_id": world.partners["stib"].pk,
        "title": "Caméras",
        "year_start": 2022,
        "year_end": 2023,
        "primary": "3.2",
        "secondary": ["1.1", "2.2"],
    }
    url = f"/api/regional/{world.regional.pk}/projects"
    response = api(users["coordinator"]).post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 201
    assert response.json()["measures"] == [
        {"code": "3.2", "primary": True},
        {"code": "1.1", "primary": False},
        {"code": "2.2", "primary": False},
    ]
    wrong = api(users["coordinator"]).post(
        url, json.dumps({**body, "primary": "9.9"}), content_type="application/json"
    )
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"] == "primary"
    refused = api(users["analyst"]).post(url, json.dumps(body), content_type="application/json")
    assert refused.status_code == 403 and Project.objects.filter(title="Caméras").count() == 1


def test_the_coordinator_records_a_subsidy(world, users):
    url = f"/api/regional/{world.regional.pk}/partners/{world.partners['lisa'].pk}/subsidies"
    body = {
        "year": 2022,
        "amount_eur": "45000.10",
        "legal_basis": "Ordonnance",
        "project_id": world.projects["lisa"].pk,
    }
    response = api(users["coordinator"]).post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 201 and response.json()["amount_eur"] == "45000.10"
    negative = api(users["coordinator"]).post(
        url, json.dumps({**body, "amount_eur": "-1"}), content_type="application/json"
    )
    assert negative.status_code == 422
    assert (
        api(users["partner"]).post(url, json.dumps(body), content_type="application/json").status_code == 403
    )
    assert Subsidy.objects.filter(partner=world.partners["lisa"]).count() == 1
