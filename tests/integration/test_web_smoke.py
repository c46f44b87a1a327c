from __future__ import annotations

import pytest
from django.utils.html import escape

from balise.accounts.roles import Role
from tests.factories import outside_plan, user_with_role


@pytest.fixture
def plan(reference):
    return outside_plan()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client, plan):
    for url in ("/", f"/plans/{plan.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_the_plan_page_shows_the_tree_and_targets_to_a_colleague(client, plan, in_french):
    client.force_login(user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009"))
    response = client.get(f"/plans/{plan.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nombre de visites techno-préventives" in html
    assert '<html lang="fr">' in html


@pytest.mark.django_db
def test_another_municipality_neither_sees_nor_lists_the_plan(client, plan):
    client.force_login(user_with_role("outsider", Role.MUNICIPALITY_EDITOR, "21012"))
    assert client.get(f"/plans/{plan.pk}/").status_code == 404
    assert escape(plan.title) not in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_federal_analyst_reads_every_plan(client, plan):
    client.force_login(user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ"))
    assert client.get(f"/plans/{plan.pk}/").status_code == 200
    assert escape(plan.title) in client.get("/").content.decode()


@pytest.mark.django_db
def test_an_unknown_plan_is_a_404(client, plan):
    client.force_login(user_with_role("admin", is_superuser=True))
    assert client.get("/plans/999999/").status_code == 404
