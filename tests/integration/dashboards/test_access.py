"""Who sees which dashboard: owner, colleague, outsider, anonymous, analyst, coordinator, partner, admin."""

from __future__ import annotations

import pytest

from .conftest import client_for

# role → expected status code
PLAN = {
    "owner": 200,
    "colleague": 200,
    "outsider": 404,
    "analyst": 200,
    "coordinator": 200,
    "partner": 404,
    "admin": 200,
}
MUNICIPALITY = PLAN
FEDERAL = {
    "owner": 403,
    "colleague": 403,
    "outsider": 403,
    "analyst": 200,
    "coordinator": 200,
    "partner": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", PLAN)
def test_the_plan_dashboard_is_shown_to_those_who_read_the_plan(world, users, role):
    response = client_for(users[role]).get(f"/dashboards/plans/{world.ixelles.pk}/?year=2024")
    assert response.status_code == PLAN[role]


@pytest.mark.parametrize("role", MUNICIPALITY)
def test_the_municipality_dashboard_is_shown_to_those_who_read_its_plans(world, users, role):
    org = world.ixelles.municipality_id
    assert client_for(users[role]).get(f"/dashboards/municipalities/{org}/").status_code == MUNICIPALITY[role]


@pytest.mark.parametrize("role", FEDERAL)
def test_the_federal_overview_is_for_analysts_coordinators_and_administrators(world, users, role):
    assert client_for(users[role]).get("/dashboards/federal/?year=2024").status_code == FEDERAL[role]


@pytest.mark.parametrize(
    "url", ["/dashboards/plans/{plan}/", "/dashboards/municipalities/{org}/", "/dashboards/federal/"]
)
def test_anonymous_visitors_are_sent_to_the_login_page(world, url):
    response = client_for(None).get(url.format(plan=world.ixelles.pk, org=world.ixelles.municipality_id))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_regional_coordinator_sees_only_the_municipalities_of_their_region(world, users):
    from balise.accounts.models import Organisation

    Organisation.objects.filter(pk=world.molenbeek.municipality_id).update(region=None)
    overview = client_for(users["coordinator"]).get("/dashboards/federal/?year=2024").context["overview"]
    assert overview.plans == 1
    assert (
        client_for(users["coordinator"])
        .get(f"/dashboards/municipalities/{world.molenbeek.municipality_id}/")
        .status_code
        == 404
    )


def test_a_chart_is_served_with_long_cache_headers_and_unknown_ones_are_not_found(world, users):
    client = client_for(users["owner"])
    page = client.get(f"/dashboards/plans/{world.ixelles.pk}/?year=2024")
    key = page.context["modules_chart"].key
    png = client.get(f"/dashboards/charts/{key}.png")
    svg = client.get(f"/dashboards/charts/{key}.svg")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert "max-age=31536000" in png["Cache-Control"]
    assert client.get(f"/dashboards/charts/{'0' * 64}.png").status_code == 404
    assert client.get(f"/dashboards/charts/{key}.gif").status_code == 404
    assert client_for(None).get(f"/dashboards/charts/{key}.png").status_code == 302
