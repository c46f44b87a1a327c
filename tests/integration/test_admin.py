"""The Django admin carries Balise's name and every model an administrator needs to onboard
people: organisations, users with their roles, plans, tokens, jobs."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from balise.accounts.models import Membership, Organisation
from balise.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "model",
    [
        "accounts/organisation",
        "accounts/membership",
        "auth/user",
        "plans/plan",
        "accounts/apitoken",
        "jobs/job",
        "drafts/templatemapping",
        "drafts/importdraft",
    ],
)
def test_each_model_that_matters_is_listed_under_balise_s_name(client, administrator, model):
    response = client.get(f"/admin/{model}/")
    assert response.status_code == 200
    assert "Balise administration" in response.content.decode()


def test_an_administrator_gives_a_role_on_the_user_form(client, administrator):
    municipality = Organisation.objects.create(
        kind=Organisation.Kind.MUNICIPALITY, code="99002", name_fr="Test"
    )
    person = get_user_model().objects.create_user("marie", "marie@example.org")
    page = client.get(f"/admin/auth/user/{person.pk}/change/").content.decode()
    assert "memberships-TOTAL_FORMS" in page
    Membership.objects.create(user=person, organisation=municipality, role=Role.MUNICIPALITY_EDITOR)
    assert "municipality editor" in client.get("/admin/accounts/membership/").content.decode()


def test_someone_who_is_not_staff_is_sent_to_the_admin_login(client):
    client.force_login(get_user_model().objects.create_user("jean", password="pw"))
    response = client.get("/admin/accounts/organisation/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
