"""Balise's own pages for an organisation's administrator: members, invitations by e-mail with a
signed, expiring, one-time link, role changes, deactivation, and the audit trail of all of it."""

from __future__ import annotations

import re

import pytest
from django.core import mail, signing
from django.test import Client

from balise.accounts.invitations import SALT
from balise.accounts.models import Membership
from balise.accounts.onboarding import Invitation
from balise.accounts.roles import Role
from tests.factories import organisation, user_with_role


@pytest.fixture
def brussels(reference):
    return organisation("21004")


@pytest.fixture
def admin(client, brussels):
    user = user_with_role(
        "chief", Role.ORGANISATION_ADMINISTRATOR, "21004", first_name="Chef", last_name="Ville"
    )
    client.force_login(user)
    return user


def link_in(message) -> str:
    return re.search(r"http://testserver(/people/invitations/[^/\s]+/)", message.body).group(1)


def invite(client, brussels, email="new@ville.example", role="municipality_editor", language="nl"):
    return client.post(
        f"/people/organisations/{brussels.pk}/invite/", {"email": email, "role": role, "language": language}
    )


def test_the_members_page_lists_members_with_their_roles(client, admin, brussels):
    user_with_role("colleague", Role.MUNICIPALITY_VIEWER, "21004", email="c@ville.example")
    user_with_role("stranger", Role.MUNICIPALITY_VIEWER, "21012")
    page = client.get(f"/people/organisations/{brussels.pk}/").content.decode()
    assert 'data-username="colleague"' in page and 'data-username="chief"' in page
    assert "stranger" not in page


def test_an_invitation_is_written_in_the_language_chosen_for_the_invitee(client, admin, brussels):
    assert invite(client, brussels, language="nl").status_code == 302
    (message,) = mail.outbox
    assert message.to == ["new@ville.example"]
    assert "Uitnodiging" in message.subject and "Chef Ville" in message.body
    assert "gemeentelijk redacteur" in message.body and "/people/invitations/" in message.body


def test_the_invitee_sets_a_password_and_gets_the_role_once(client, admin, brussels):
    invite(client, brussels)
    link = link_in(mail.outbox[0])
    visitor = Client()
    assert "new@ville.example" in visitor.get(link).content.decode()
    response = visitor.post(
        link,
        {
            "first_name": "Nina",
            "last_name": "Nieuw",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="new@ville.example")
    assert (membership.organisation, membership.role) == (brussels, Role.MUNICIPALITY_EDITOR)
    assert membership.history.get().history_user == admin
    assert membership.user.check_password("a-long-pass-phrase")
    assert visitor.get("/").status_code == 200  # logged in
    # The link works once.
    assert Client().get(link).status_code == 410


def test_an_expired_or_forged_invitation_link_is_refused(client, admin, brussels, settings):
    invite(client, brussels)
    link = link_in(mail.outbox[0])
    settings.BALISE_INVITATION_DAYS = 0
    response = Client().get(link)
    assert response.status_code == 410 and "expired" in response.content.decode()
    settings.BALISE_INVITATION_DAYS = 7
    invitation = Invitation.objects.get()
    forged = signing.dumps(invitation.pk, salt="another-salt")
    assert Client().get(f"/people/invitations/{forged}/").status_code == 410
    assert signing.loads(link.split("/")[-2], salt=SALT) == invitation.pk
    assert not Membership.objects.filter(user__email="new@ville.example").exists()


def test_a_logged_in_account_accepts_only_an_invitation_sent_to_its_address(client, admin, brussels):
    invite(client, brussels, email="viewer@ville.example")
    link = link_in(mail.outbox[0])
    other = user_with_role("other", None, None, email="someone-else@ville.example")
    visitor = Client()
    visitor.force_login(other)
    assert "another e-mail address" in visitor.post(link).content.decode()
    owner = user_with_role("owner", Role.MUNICIPALITY_VIEWER, "21012", email="Viewer@ville.example")
    visitor.force_login(owner)
    assert visitor.post(link).status_code == 302
    assert Membership.objects.filter(
        user=owner, organisation=brussels, role=Role.MUNICIPALITY_EDITOR
    ).exists()


def test_role_changes_and_deactivation_are_recorded_in_the_audit_trail(client, admin, brussels):
    colleague = user_with_role("colleague", Role.MUNICIPALITY_VIEWER, "21004", email="c@ville.example")
    membership = Membership.objects.get(user=colleague)
    base = f"/people/organisations/{brussels.pk}"
    client.post(f"{base}/roles/{membership.pk}/", {"role": "municipality_editor"})
    membership.refresh_from_db()
    assert membership.role == Role.MUNICIPALITY_EDITOR
    client.post(f"{base}/roles/", {"user": colleague.pk, "role": "internal_evaluator"})
    assert set(colleague.memberships.values_list("role", flat=True)) == {
        "municipality_editor",
        "internal_evaluator",
    }
    client.post(f"{base}/members/{colleague.pk}/deactivate/")
    colleague.refresh_from_db()
    assert not colleague.is_active and not colleague.memberships.exists()
    invite(client, brussels)
    trail = client.get(f"{base}/").content.decode()
    audit = trail[trail.index('id="audit"') :]
    for text in (
        "changed a role of colleague to municipality editor",
        "gave the role internal evaluator to colleague",
        "took the role municipality editor from colleague",
        "invited new@ville.example as municipality editor",
    ):
        assert text in audit
    assert audit.count("Chef Ville") >= 4


def test_an_administrator_cannot_take_away_their_own_administrator_role(client, admin, brussels):
    own = Membership.objects.get(user=admin)
    response = client.post(f"/people/organisations/{brussels.pk}/roles/{own.pk}/remove/", follow=True)
    assert "You cannot take away your own administrator role." in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()


def test_a_role_of_another_kind_of_organisation_is_not_offered_nor_accepted(client, admin, brussels):
    response = invite(client, brussels, role="federal_analyst")
    assert response.status_code == 422
    assert not Invitation.objects.exists() and not mail.outbox
