"""The people pages read a fixed number of queries, whatever the number of members, roles,
invitations, audit records, access requests and organisations."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balise.accounts.actions import give_role
from balise.accounts.models import Membership
from balise.accounts.onboarding import AccessRequest, Invitation
from balise.accounts.roles import Role
from tests.factories import organisation, user_with_role


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def populate(admin, n: int, start: int) -> None:
    """``n`` more members with two roles each (history records), invitations, access requests."""
    brussels = organisation("21004")
    for i in range(start, start + n):
        member = user_with_role(f"member-{i}", Role.MUNICIPALITY_VIEWER, "21004", email=f"m{i}@ville.example")
        give_role(admin, member, brussels, Role.INTERNAL_EVALUATOR)
        Invitation.objects.create(
            email=f"i{i}@ville.example",
            organisation=brussels,
            role=Role.MUNICIPALITY_VIEWER,
            language="fr",
            invited_by=admin,
        )
        AccessRequest.objects.create(
            issuer="https://idp.example", subject=f"s-{i}", email=f"r{i}@ville.example"
        )


@pytest.fixture
def root(client, reference):
    user = user_with_role("root", None, None, is_superuser=True)
    client.force_login(user)
    return user


# Session, user, memberships, then each page's own reads: the organisations (and the waiting
# requests' count), the waiting requests, the members page's members, invitations and two
# audit histories, the new organisation's regions and police zones.
EXPECTED = {
    "/people/": 5,
    "/people/requests/": 5,
    "members": 8,
    "/people/organisations/new/": 5,
}


def test_the_people_pages_read_a_fixed_number_of_queries(client, root):
    brussels = organisation("21004")
    urls = {name: name for name in EXPECTED} | {"members": f"/people/organisations/{brussels.pk}/"}
    populate(root, 2, 0)
    small = {name: queries(client, url) for name, url in urls.items()}
    populate(root, 8, 2)
    large = {name: queries(client, url) for name, url in urls.items()}
    assert Membership.objects.filter(organisation=brussels).count() >= 20
    assert small == large == EXPECTED


def test_an_editor_s_members_page_reads_a_fixed_number_of_queries(client, root):
    brussels = organisation("21004")
    editor = user_with_role("redac", Role.MUNICIPALITY_EDITOR, "21004")
    client.force_login(editor)
    url = f"/people/organisations/{brussels.pk}/"
    populate(root, 2, 0)
    small = queries(client, url)
    populate(root, 8, 2)
    assert small == queries(client, url) == 6  # no audit trail: two reads fewer, one more to check
