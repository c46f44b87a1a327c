"""Balise's administrators create organisations from Balise's own pages, then invite their first
members; no one else does."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from balise.accounts.actions import create_organisation
from balise.accounts.models import Organisation
from balise.accounts.roles import Role
from balise.errors import Invalid
from tests.factories import organisation, user_with_role

NEW = {
    "kind": "association",
    "code": "",
    "name_fr": "Maison de quartier Test",
    "name_nl": "Buurthuis Test",
    "name_de": "",
    "region": "",
    "police_zone": "",
}


@pytest.fixture
def root(client, reference):
    user = user_with_role("root", None, None, is_superuser=True)
    client.force_login(user)
    return user


def test_an_administrator_creates_an_organisation_and_lands_on_its_members_page(client, root):
    brussels_region = Organisation.objects.filter(kind="region").first()
    response = client.post("/people/organisations/new/", {**NEW, "region": brussels_region.pk})
    created = Organisation.objects.get(name_fr="Maison de quartier Test")
    assert (created.kind, created.name_nl, created.region) == (
        "association",
        "Buurthuis Test",
        brussels_region,
    )
    assert response.status_code == 302 and response["Location"] == f"/people/organisations/{created.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'id="invite"' in page and 'value="partner"' in page  # its first members are invited there
    assert "/people/organisations/new/" in client.get("/people/").content.decode()


def test_a_code_already_taken_within_the_kind_is_refused_by_the_field(client, root):
    response = client.post("/people/organisations/new/", {**NEW, "kind": "municipality", "code": "21004"})
    assert response.status_code == 422
    assert "An organisation of this kind already has this code." in response.content.decode()
    assert not Organisation.objects.filter(name_fr=NEW["name_fr"]).exists()


def test_a_region_that_is_not_a_region_is_refused(root):
    brussels = organisation("21004")
    unsaved = Organisation(kind="association", name_fr="Asbl", region=brussels)
    with pytest.raises(Invalid) as refused:
        create_organisation(root, unsaved)
    assert list(refused.value.errors) == ["region"]
    assert not Organisation.objects.filter(name_fr="Asbl").exists()


def test_a_name_is_required(client, root):
    response = client.post("/people/organisations/new/", {**NEW, "name_fr": ""})
    assert response.status_code == 422
    assert not Organisation.objects.filter(name_nl="Buurthuis Test").exists()


@pytest.mark.parametrize("role", [Role.ORGANISATION_ADMINISTRATOR, Role.MUNICIPALITY_EDITOR])
def test_no_one_but_balise_s_administrators_creates_organisations(client, reference, role):
    member = user_with_role("member", role, "21004")
    client.force_login(member)
    assert client.get("/people/organisations/new/").status_code == 403
    assert client.post("/people/organisations/new/", NEW).status_code == 403
    assert "/people/organisations/new/" not in client.get("/people/").content.decode()
    with pytest.raises(PermissionDenied):
        create_organisation(member, Organisation(kind="association", name_fr="Asbl"))
    assert not Organisation.objects.filter(name_fr__in=[NEW["name_fr"], "Asbl"]).exists()


def test_anonymous_is_sent_to_log_in(client, reference):
    response = client.post("/people/organisations/new/", NEW)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Organisation.objects.filter(name_fr=NEW["name_fr"]).exists()
