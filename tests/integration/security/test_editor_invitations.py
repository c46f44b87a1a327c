"""A municipality's editor invites colleagues of their own organisation, with a role that gives
nothing the editor lacks (editor, internal evaluator, viewer: never the organisation's
administrator). From the attacker's side: the editor of another municipality, a viewer, an
evaluator, anonymous, and an editor forging the organisation or the role in the POST."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client

from balise.accounts import invitations
from balise.accounts.administration import invitable_roles
from balise.accounts.models import Membership
from balise.accounts.onboarding import Invitation
from balise.accounts.roles import Role
from tests.factories import organisation, user_with_role


@pytest.fixture
def brussels(reference):
    return organisation("21004")


@pytest.fixture
def editor(brussels):
    return user_with_role("redac", Role.MUNICIPALITY_EDITOR, "21004", first_name="Rita", last_name="Redac")


def invite(client, org_id: int, role: str = "municipality_viewer", **extra) -> object:
    data = {"email": "colleague@ville.example", "role": role, "language": "fr", **extra}
    return client.post(f"/people/organisations/{org_id}/invite/", data)


def nothing_sent() -> None:
    assert not Invitation.objects.exists() and not mail.outbox


def test_an_editor_invites_a_colleague_who_joins_with_the_role(client, editor, brussels):
    client.force_login(editor)
    assert invite(client, brussels.pk, role="internal_evaluator").status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.organisation, invitation.role, invitation.invited_by) == (
        brussels,
        Role.INTERNAL_EVALUATOR,
        editor,
    )
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/people/invitations/[^/\s]+/)", message.body).group(1)
    password = "a-long-pass-phrase"
    data = {"first_name": "Col", "last_name": "Lègue", "password1": password, "password2": password}
    assert Client().post(link, data).status_code == 302
    membership = Membership.objects.get(user__email="colleague@ville.example")
    assert (membership.organisation, membership.role) == (brussels, Role.INTERNAL_EVALUATOR)
    assert membership.history.get().history_user == editor  # the audit trail names the editor


def test_an_editor_is_offered_the_roles_within_their_own_and_no_control_over_roles(client, editor, brussels):
    user_with_role("colleague", Role.MUNICIPALITY_VIEWER, "21004")
    client.force_login(editor)
    page = client.get(f"/people/organisations/{brussels.pk}/").content.decode()
    form = page[page.index('id="invite"') :]
    select = form[form.index('name="role"') :]
    offered = re.findall(r'<option value="([a-z_]+)"', select[: select.index("</select>")])
    assert offered == ["municipality_editor", "internal_evaluator", "municipality_viewer"]
    assert 'data-username="colleague"' in page
    assert "/roles/" not in page and "/deactivate/" not in page and 'id="audit"' not in page
    assert invitable_roles(editor, brussels) == [
        Role.MUNICIPALITY_EDITOR,
        Role.INTERNAL_EVALUATOR,
        Role.MUNICIPALITY_VIEWER,
    ]


def test_an_editor_forging_the_administrator_role_in_the_post_is_refused(client, editor, brussels):
    client.force_login(editor)
    assert invite(client, brussels.pk, role="organisation_administrator").status_code == 422
    nothing_sent()
    # The action itself refuses, whoever calls it.
    with pytest.raises(PermissionDenied):
        invitations.invite(editor, brussels, "x@ville.example", Role.ORGANISATION_ADMINISTRATOR, "fr", "/")
    nothing_sent()


def test_an_editor_forging_another_organisation_in_the_post_invites_only_into_their_own(
    client, editor, brussels
):
    molenbeek = organisation("21012")
    client.force_login(editor)
    assert invite(client, brussels.pk, organisation=molenbeek.pk).status_code == 302
    assert Invitation.objects.get().organisation == brussels


def test_the_editor_of_another_municipality_cannot_invite_nor_see_the_members(client, outsider, brussels):
    user_with_role("victim", Role.MUNICIPALITY_EDITOR, "21004")
    client.force_login(outsider)
    assert client.get(f"/people/organisations/{brussels.pk}/").status_code == 403
    assert invite(client, brussels.pk).status_code == 403
    nothing_sent()
    with pytest.raises(PermissionDenied):
        invitations.invite(outsider, brussels, "x@ville.example", Role.MUNICIPALITY_VIEWER, "fr", "/")
    page = client.get("/people/").content.decode()
    assert f"/people/organisations/{brussels.pk}/" not in page
    assert f"/people/organisations/{organisation('21012').pk}/" in page


@pytest.mark.parametrize("role", [Role.MUNICIPALITY_VIEWER, Role.INTERNAL_EVALUATOR])
def test_viewers_and_evaluators_do_not_invite(client, brussels, role):
    member = user_with_role("member", role, "21004")
    client.force_login(member)
    assert client.get("/people/").status_code == 403
    assert client.get(f"/people/organisations/{brussels.pk}/").status_code == 403
    assert invite(client, brussels.pk).status_code == 403
    nothing_sent()
    assert invitable_roles(member, brussels) == []


def test_anonymous_is_sent_to_log_in(client, brussels):
    response = invite(client, brussels.pk)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    nothing_sent()


def test_an_editor_changes_no_role_and_deactivates_no_one(client, editor, brussels):
    colleague = user_with_role("colleague", Role.MUNICIPALITY_VIEWER, "21004")
    membership = Membership.objects.get(user=colleague)
    client.force_login(editor)
    base = f"/people/organisations/{brussels.pk}"
    for url, data in (
        (f"{base}/roles/{membership.pk}/", {"role": "municipality_editor"}),
        (f"{base}/roles/", {"user": colleague.pk, "role": "organisation_administrator"}),
        (f"{base}/roles/{membership.pk}/remove/", {}),
        (f"{base}/members/{colleague.pk}/deactivate/", {}),
        ("/people/requests/", {}),
    ):
        assert client.post(url, data).status_code == 403, url
    assert list(colleague.memberships.values_list("role", flat=True)) == ["municipality_viewer"]


def test_an_invitation_whose_editor_lost_the_role_is_void(client, editor, brussels):
    client.force_login(editor)
    invite(client, brussels.pk, role="municipality_editor")
    invitation = Invitation.objects.get()
    Membership.objects.filter(user=editor).update(role=Role.MUNICIPALITY_VIEWER)
    token = invitations.token_for(invitation)
    password = "a-long-pass-phrase"
    data = {"first_name": "Col", "last_name": "Lègue", "password1": password, "password2": password}
    response = Client().post(f"/people/invitations/{token}/", data)
    assert "This invitation is no longer valid" in response.content.decode()
    assert not Membership.objects.filter(user__email="colleague@ville.example").exists()
