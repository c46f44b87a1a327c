"""A municipality's PSSP beside its police zone's zonal plan, by phenomenon, as users meet it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.integration.zonal.conftest import logged_in

BURGLARY = "/municipalities/21007/phenomena/burglary/"
INDEX = "/municipalities/21007/phenomena/"


@pytest.fixture
def both_plans(forest_plan, zonal_plan):
    return forest_plan, zonal_plan


def test_the_phenomenon_page_shows_the_municipal_plan_beside_the_zonal_plan(
    both_plans, forest_viewer
) -> None:
    page = logged_in(forest_viewer).get(BURGLARY).content.decode()
    municipal, zonal = page.split('id="zonal-heading"')
    assert "Agir sur les circonstances et l&#x27;environnement criminogènes" in municipal
    assert "Nombre de visites de technoprévention réalisées" in municipal
    assert "Contribuer à la diminution du nombre de cambriolages dans les habitations" in zonal
    assert "Directeur des opérations" in zonal and "1 284 faits (2019)" in zonal
    assert "Patrouilles orientées" in zonal
    assert "Nuisances sociales" not in page  # other phenomena stay on their own pages


def test_the_index_says_which_plan_addresses_each_phenomenon(both_plans, forest_viewer) -> None:
    page = logged_in(forest_viewer).get(INDEX).content.decode()
    assert BURGLARY in page
    assert "/municipalities/21007/phenomena/social-nuisance/" in page
    assert "/municipalities/21007/phenomena/domestic-violence/" in page


def test_the_plan_page_links_to_the_phenomenon_pages(both_plans, forest_viewer) -> None:
    forest_plan, zonal_plan = both_plans
    client = logged_in(forest_viewer)
    assert INDEX in client.get(f"/plans/{forest_plan.pk}/").content.decode()
    assert INDEX in client.get(f"/plans/{zonal_plan.pk}/").content.decode()


def test_a_user_of_another_zone_gets_not_found(both_plans, outsider) -> None:
    client = logged_in(outsider)
    assert client.get(BURGLARY).status_code == 404
    assert client.get(INDEX).status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(both_plans, client) -> None:
    for url in (BURGLARY, INDEX):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"]


def test_the_zone_member_sees_only_the_zonal_side(both_plans, zone_member) -> None:
    page = logged_in(zone_member).get(BURGLARY).content.decode()
    assert "Directeur des opérations" in page
    assert "Nombre de visites de technoprévention réalisées" not in page


def test_an_unknown_municipality_or_phenomenon_is_not_found(both_plans, forest_viewer) -> None:
    client = logged_in(forest_viewer)
    assert client.get("/municipalities/99999/phenomena/burglary/").status_code == 404
    assert client.get("/municipalities/21007/phenomena/no-such-thing/").status_code == 404


def test_the_phenomenon_page_reads_a_fixed_number_of_queries(both_plans, forest_viewer) -> None:
    client = logged_in(forest_viewer)
    client.get(BURGLARY)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(BURGLARY).status_code == 200
    assert len(queries) <= 20, [q["sql"] for q in queries.captured_queries]
