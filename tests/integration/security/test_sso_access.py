"""Who single sign-on lets in, and who may answer an access request. The protocol itself runs
against a real provider in tests/e2e/test_sso_e2e.py; here the provider's answer (the verified
identity token and user information) is given directly to Balise's rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from balise.accounts.actions import grant_access
from balise.accounts.models import Membership
from balise.accounts.onboarding import AccessRequest, ExternalIdentity
from balise.accounts.roles import Role
from balise.accounts.sso import REFUSED_SESSION_KEY, BaliseOIDCBackend
from tests.factories import organisation, user_with_role

ISSUER = "https://idp.example.be/o"

SSO_SETTINGS = {
    "OIDC_RP_CLIENT_ID": "balise",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_ISSUER": ISSUER,
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{ISSUER}/authorize/",
    "OIDC_OP_TOKEN_ENDPOINT": f"{ISSUER}/token/",
    "OIDC_OP_USER_ENDPOINT": f"{ISSUER}/userinfo/",
    "OIDC_OP_JWKS_ENDPOINT": f"{ISSUER}/jwks/",
}


@pytest.fixture
def sso(settings):
    for name, value in SSO_SETTINGS.items():
        setattr(settings, name, value)


def provider_says(sub: str, email: str = "", **claims):
    """The backend, as after the provider verified the person: ``(backend, request, payload)``."""
    request = RequestFactory().get("/accounts/sso/callback/")
    request.session = {}
    backend = BaliseOIDCBackend()
    backend.request = request
    info = {"sub": sub, "email": email, **claims}
    backend.get_userinfo = lambda access_token, id_token, payload: info  # type: ignore[method-assign]
    return backend, request, {"iss": ISSUER, "sub": sub}


def test_a_known_email_links_the_identity_on_first_sign_in(sso, reference):
    editor = user_with_role("editor", Role.MUNICIPALITY_EDITOR, "21004", email="Ed@Ville.example")
    backend, _request, payload = provider_says("s-1", "ed@ville.example")
    assert backend.get_or_create_user("a", "i", payload) == editor
    assert ExternalIdentity.objects.get(issuer=ISSUER, subject="s-1").user == editor
    # Later sign-ins go by the identity, even after the e-mail address changed at the provider.
    backend, _request, payload = provider_says("s-1", "new-address@ville.example")
    assert backend.get_or_create_user("a", "i", payload) == editor


def test_an_unverified_email_links_nothing(sso, reference):
    user_with_role("editor", Role.MUNICIPALITY_EDITOR, "21004", email="ed@ville.example")
    backend, request, payload = provider_says("s-1", "ed@ville.example", email_verified=False)
    assert backend.get_or_create_user("a", "i", payload) is None
    assert not ExternalIdentity.objects.exists()
    assert AccessRequest.objects.get().pk == request.session[REFUSED_SESSION_KEY]


def test_an_account_without_a_role_is_refused_and_recorded(sso, reference):
    user_with_role("nobody", None, None, email="nobody@ville.example")
    backend, request, payload = provider_says(
        "s-2", "nobody@ville.example", given_name="No", family_name="Body"
    )
    assert backend.get_or_create_user("a", "i", payload) is None
    waiting = AccessRequest.objects.get()
    assert (waiting.email, waiting.name, waiting.attempts) == ("nobody@ville.example", "No Body", 1)
    backend, request, payload = provider_says("s-2", "nobody@ville.example")
    assert backend.get_or_create_user("a", "i", payload) is None
    assert AccessRequest.objects.get().attempts == 2  # one request per person, not one per attempt


def test_a_token_from_another_issuer_is_refused(sso, reference):
    backend, _request, _payload = provider_says("s-3", "x@ville.example")
    with pytest.raises(Exception, match="issuer"):
        backend.get_or_create_user("a", "i", {"iss": "https://evil.example", "sub": "s-3"})
    assert not AccessRequest.objects.exists()


def test_user_information_about_another_subject_is_refused(sso, reference):
    backend, _request, _payload = provider_says("s-4", "x@ville.example")
    with pytest.raises(Exception, match="subject"):
        backend.get_or_create_user("a", "i", {"iss": ISSUER, "sub": "someone-else"})


def waiting_request() -> AccessRequest:
    return AccessRequest.objects.create(
        issuer=ISSUER, subject="s-9", email="new@ville.example", name="New Person"
    )


def test_the_refusal_page_is_polite_and_in_the_visitor_s_language(client, reference, sso):
    item = waiting_request()
    session = client.session
    session[REFUSED_SESSION_KEY] = item.pk
    session.save()
    response = client.get("/accounts/sso/refused/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Nog geen toegang" in page and "new@ville.example" in page and "Traceback" not in page


def test_anonymous_is_sent_to_login_from_the_access_requests(client, reference):
    response = client.get("/people/requests/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_member_who_administers_nothing_sees_no_access_request(client, outsider):
    waiting_request()
    client.force_login(outsider)
    assert client.get("/people/requests/").status_code == 403
    assert client.post("/people/requests/", {"access_request": "1"}).status_code == 403


def test_an_organisation_administrator_gives_roles_in_their_own_organisation_only(client, reference):
    item = waiting_request()
    admin = user_with_role("molenbeek-admin", Role.ORGANISATION_ADMINISTRATOR, "21012")
    client.force_login(admin)
    foreign = organisation("21004")
    response = client.post(
        "/people/requests/",
        {
            "access_request": item.pk,
            f"r{item.pk}-organisation": foreign.pk,
            f"r{item.pk}-role": "municipality_editor",
        },
    )
    assert response.status_code == 200  # the form says the organisation is not a choice
    assert not Membership.objects.filter(organisation=foreign, user__email="new@ville.example").exists()
    with pytest.raises(PermissionDenied):
        grant_access(admin, item.pk, foreign, Role.MUNICIPALITY_EDITOR)

    own = organisation("21012")
    response = client.post(
        "/people/requests/",
        {
            "access_request": item.pk,
            f"r{item.pk}-organisation": own.pk,
            f"r{item.pk}-role": "municipality_viewer",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="new@ville.example")
    assert (membership.organisation, membership.role) == (own, Role.MUNICIPALITY_VIEWER)
    assert membership.history.get().history_user == admin
    assert ExternalIdentity.objects.get(subject="s-9").user == membership.user
    assert not membership.user.has_usable_password()


def test_a_role_that_does_not_fit_the_organisation_is_refused(client, reference):
    item = waiting_request()
    root = user_with_role("root", None, None, is_superuser=True)
    client.force_login(root)
    own = organisation("21012")
    response = client.post(
        "/people/requests/",
        {
            "access_request": item.pk,
            f"r{item.pk}-organisation": own.pk,
            f"r{item.pk}-role": "federal_analyst",
        },
    )
    assert response.status_code == 200
    assert "This role does not exist in this organisation." in response.content.decode()
    assert not Membership.objects.filter(user__email="new@ville.example").exists()


def test_an_invitee_who_signs_in_through_the_provider_gets_the_invitation_s_role(sso, reference):
    from balise.accounts.invitations import token_for
    from balise.accounts.onboarding import Invitation
    from balise.accounts.sso import INVITATION_SESSION_KEY

    inviter = user_with_role("chief", Role.ORGANISATION_ADMINISTRATOR, "21004")
    invitation = Invitation.objects.create(
        email="invitee@ville.example",
        organisation=organisation("21004"),
        role=Role.MUNICIPALITY_VIEWER,
        language="fr",
        invited_by=inviter,
    )
    backend, request, payload = provider_says("s-10", "private-address@mail.example")
    request.session[INVITATION_SESSION_KEY] = token_for(invitation)
    user = backend.get_or_create_user("a", "i", payload)
    assert user.email == "invitee@ville.example"
    assert user.memberships.get().role == Role.MUNICIPALITY_VIEWER
    assert ExternalIdentity.objects.get(subject="s-10").user == user
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and not AccessRequest.objects.exists()
    # Used once: the same token in another session no longer lets anyone in.
    backend, request, payload = provider_says("s-11", "someone@mail.example")
    request.session[INVITATION_SESSION_KEY] = token_for(invitation)
    assert backend.get_or_create_user("a", "i", payload) is None
