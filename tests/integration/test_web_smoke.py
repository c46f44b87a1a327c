from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from balise.domain.interchange import loads
from balise.plans.actions import import_plan
from tests.integration.test_plan_import import FIXTURES


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_the_plan_page_shows_the_tree_and_targets(client, reference):
    plan = import_plan(loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))).plan
    user = get_user_model().objects.create_user("viewer", password="x")
    client.force_login(user)
    response = client.get(f"/plans/{plan.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nombre de visites techno-préventives" in html
    assert '<html lang="fr">' in html
    assert client.get("/plans/999999/").status_code == 404
