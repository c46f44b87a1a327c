"""The API describes itself, serves its docs without a CDN, and never answers with HTML."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from balise.plans.editing import NODE_KINDS


@pytest.mark.django_db
def test_the_openapi_document_lists_the_plan_node_and_version_endpoints_and_both_authentications(anonymous):
    document = anonymous.get("/api/openapi.json").json()
    operations = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    assert operations >= {
        ("GET", "/api/plans"),
        ("POST", "/api/plans"),
        ("GET", "/api/plans/{plan_id}"),
        ("PATCH", "/api/plans/{plan_id}"),
        ("GET", "/api/plans/{plan_id}/export"),
        ("GET", "/api/plans/{plan_id}/versions"),
        ("POST", "/api/plans/{plan_id}/versions"),
        ("POST", "/api/plans/{plan_id}/sign"),
        ("GET", "/api/plans/{plan_id}/diff"),
        ("POST", "/api/nodes/{kind}"),
        ("GET", "/api/nodes/{kind}/{node_id}"),
        ("PATCH", "/api/nodes/{kind}/{node_id}"),
        ("DELETE", "/api/nodes/{kind}/{node_id}"),
        ("POST", "/api/nodes/{kind}/{node_id}/move"),
    }
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    kind = next(
        p
        for p in document["paths"]["/api/nodes/{kind}/{node_id}"]["get"]["parameters"]
        if p["name"] == "kind"
    )
    assert set(kind["schema"]["enum"]) == set(NODE_KINDS)


@pytest.mark.django_db
def test_the_docs_page_loads_only_local_assets(anonymous):
    response = anonymous.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") for a in assets), assets
    assert not re.search(r"https?://", html)
    assert '"validatorUrl": null' in html  # no badge fetched from validator.swagger.io
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset


@pytest.mark.django_db
def test_an_unknown_api_path_is_a_json_404(as_owner):
    for url in ("/api/nothing-here", "/api/plans/", "/api/plans/12/unknown"):
        response = as_owner.get(url)
        assert response.status_code == 404 and set(response.json()) == {"detail"}, url


@pytest.mark.django_db
def test_a_crash_is_a_json_500_not_an_html_page(as_owner, plan, monkeypatch):
    def broken(_plan):
        raise RuntimeError("boom")

    monkeypatch.setattr("balise.api.plans.plan_tree", broken)
    response = as_owner.get(f"/api/plans/{plan.pk}", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal error; it has been logged."}
