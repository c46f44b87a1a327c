"""The people pages from the attacker's side: anonymous, a member who administers nothing (the
outsider), and the administrator of another organisation. Nothing is changed, nothing is shown."""

from __future__ import annotations

import pytest
from django.core import mail

from balise.accounts.models import Membership
from balise.accounts.onboarding import Invitation
from balise.accounts.roles import Role
from tests.factories import organisation, user_with_role


@pytest.fixture
def brussels(reference):
    return organisation("21004")


@pytest.fixture
def victim(brussels):
    return user_with_role("victim", Role.MUNICIPALITY_EDITOR, "21004")


def urls(org_id: int, membership_id: int, user_id: int) -> list[tuple[str, str, dict]]:
    base = f"/people/organisations/{org_id}"
    return [
        ("get", f"{base}/", {}),
        (
            "post",
            f"{base}/invite/",
            {"email": "mole@evil.example", "role": "organisation_administrator", "language": "fr"},
        ),
        ("post", f"{base}/roles/", {"user": user_id, "role": "organisation_administrator"}),
        ("post", f"{base}/roles/{membership_id}/", {"role": "municipality_viewer"}),
        ("post", f"{base}/roles/{membership_id}/remove/", {}),
        ("post", f"{base}/members/{user_id}/deactivate/", {}),
    ]


def unchanged(victim, brussels) -> None:
    assert list(Membership.objects.filter(organisation=brussels).values_list("user__username", "role")) == [
        ("victim", "municipality_editor")
    ]
    victim.refresh_from_db()
    assert victim.is_active
    assert not Invitation.objects.exists() and not mail.outbox


def test_anonymous_is_sent_to_log_in_everywhere(client, victim, brussels):
    membership = Membership.objects.get(user=victim)
    for method, url, data in urls(brussels.pk, membership.pk, victim.pk):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    assert client.get("/people/").status_code == 302
    unchanged(victim, brussels)


def test_a_member_who_administers_nothing_is_refused_everywhere(client, outsider, victim, brussels):
    client.force_login(outsider)
    membership = Membership.objects.get(user=victim)
    for method, url, data in urls(brussels.pk, membership.pk, victim.pk):
        assert getattr(client, method)(url, data).status_code == 403, url
    assert f"/people/organisations/{brussels.pk}/" not in client.get("/people/").content.decode()
    # In their own organisation an editor invites (see test_editor_invitations.py) but is not its
    # administrator: no role given, changed or taken, no one deactivated, no administrator invited.
    own = outsider.memberships.get()
    for method, url, data in urls(own.organisation_id, own.pk, outsider.pk):
        expected = {"get": 200, "post": 422 if url.endswith("/invite/") else 403}[method]
        assert getattr(client, method)(url, data).status_code == expected, url
    assert list(outsider.memberships.values_list("role", flat=True)) == ["municipality_editor"]
    unchanged(victim, brussels)


def test_the_administrator_of_another_organisation_is_refused(client, victim, brussels):
    foreign_admin = user_with_role("molenbeek-admin", Role.ORGANISATION_ADMINISTRATOR, "21012")
    client.force_login(foreign_admin)
    membership = Membership.objects.get(user=victim)
    for method, url, data in urls(brussels.pk, membership.pk, victim.pk):
        assert getattr(client, method)(url, data).status_code == 403, url
    # Through their own organisation's URLs, another organisation's membership is not found.
    molenbeek = organisation("21012")
    base = f"/people/organisations/{molenbeek.pk}"
    client.post(f"{base}/roles/{membership.pk}/", {"role": "municipality_viewer"})
    client.post(f"{base}/roles/{membership.pk}/remove/")
    client.post(f"{base}/members/{victim.pk}/deactivate/")
    assert (
        client.post(f"{base}/roles/", {"user": victim.pk, "role": "municipality_viewer"}).status_code == 404
    )
    unchanged(victim, brussels)
    page = client.get("/people/").content.decode()
    assert "Molenbeek" in page and f"/people/organisations/{brussels.pk}/" not in page
