"""The API of disaggregated indicators: declare the dimensions, write and read values per
category (the total is computed); outsiders get 404, anonymous 401, a viewer 403."""

from __future__ import annotations

import json

import pytest

from balise.monitoring.models import MeasurementPart
from tests.integration.monitoring.conftest import client_of

pytestmark = pytest.mark.django_db


def put(client, url: str, body: dict):
    return client.put(url, json.dumps(body), content_type="application/json")


PARTS = {
    "period": "2024",
    "parts": [
        {"categories": {"sex": "female", "age_band": "18-25"}, "amount": "20"},
        {"categories": {"sex": "male", "age_band": "18-25"}, "amount": "12"},
    ],
}


def test_an_editor_declares_dimensions_then_writes_values_per_category(ind, editor):
    client = client_of(editor)
    url = f"/api/indicators/{ind['count'].pk}"
    declared = put(client, f"{url}/dimensions", {"dimensions": ["sex", "age_band"]})
    assert declared.status_code == 200, declared.content
    assert [d["code"] for d in declared.json()["dimensions"]] == ["sex", "age_band"]
    assert [c["code"] for c in declared.json()["dimensions"][0]["categories"]] == ["female", "male", "other"]
    written = put(client, f"{url}/measurements", PARTS)
    assert written.status_code == 200, written.content
    assert written.json()["amount"] == "32.00"
    listed = client.get(f"{url}/measurements").json()
    assert sorted(p["categories"]["sex"] for p in listed[0]["parts"]) == ["female", "male"]


def test_a_typed_total_beside_the_categories_is_a_422_by_field(ind, editor):
    client = client_of(editor)
    url = f"/api/indicators/{ind['count'].pk}"
    put(client, f"{url}/dimensions", {"dimensions": ["sex", "age_band"]})
    response = put(client, f"{url}/measurements", {**PARTS, "amount": "32"})
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == ["amount"]
    assert not MeasurementPart.objects.exists()


def test_dimensions_cannot_change_once_values_exist(ind, editor):
    client = client_of(editor)
    url = f"/api/indicators/{ind['count'].pk}"
    put(client, f"{url}/measurements", {"period": "2024", "amount": "3"})
    assert put(client, f"{url}/dimensions", {"dimensions": ["sex"]}).status_code == 422


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), (None, 401), ("viewer", 403)])
def test_nobody_else_declares_dimensions_or_writes_categories(request, ind, who, status):
    client = client_of(request.getfixturevalue(who) if who else None)
    url = f"/api/indicators/{ind['count'].pk}"
    assert put(client, f"{url}/dimensions", {"dimensions": ["sex"]}).status_code == status
    assert put(client, f"{url}/measurements", PARTS).status_code == status
    assert not ind["count"].dimension_links.exists()
    assert not MeasurementPart.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), (None, 401)])
def test_nobody_else_reads_the_dimensions(request, ind, who, status):
    client = client_of(request.getfixturevalue(who) if who else None)
    assert client.get(f"/api/indicators/{ind['count'].pk}/dimensions").status_code == status
