"""Single sign-on through a real OpenID Connect provider (django-oauth-toolkit in its own process),
driven in Chromium: a known person gets in, an unknown person is refused politely in their
language and waits as an access request, an administrator gives them a role, and they get in."""

from __future__ import annotations

import copy

import pytest

from balise.accounts.models import Membership
from balise.accounts.onboarding import AccessRequest, ExternalIdentity
from balise.accounts.roles import Role
from config.settings.env import origin_of
from tests.factories import organisation, user_with_role
from tests.oidc_provider.running import running_provider

pytestmark = pytest.mark.e2e

PEOPLE = [
    {
        "username": "alice",
        "password": "alice-pw-1",
        "email": "alice@ville.example",
        "first_name": "Alice",
        "last_name": "Dupont",
    },
    {
        "username": "nadia",
        "password": "nadia-pw-1",
        "email": "nadia@ville.example",
        "first_name": "Nadia",
        "last_name": "Peeters",
    },
]


@pytest.fixture
def provider(transactional_db, live_server, tmp_path, settings):
    with running_provider(tmp_path / "provider", live_server.url, PEOPLE) as provider:
        for name, value in provider.balise_settings().items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "balise.accounts.sso.BaliseOIDCBackend",
        ]
        settings.BALISE_SSO_PROVIDER_NAME = "FAS"
        # As config/settings/base.py does when OIDC_OP_LOGOUT_ENDPOINT is set.
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"].append(origin_of(provider.discovery["end_session_endpoint"]))
        settings.CONTENT_SECURITY_POLICY = policy
        yield provider


def sign_in_at_provider(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.click("#sso-login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("#provider-login")


def test_sso_known_person_gets_in_unknown_is_refused_until_given_a_role(
    browser, provider, live_server, reference, shot
):
    base = live_server.url
    user_with_role("alice-balise", Role.MUNICIPALITY_EDITOR, "21004", email="Alice@ville.example")
    admin = user_with_role("admin", None, None, is_superuser=True, is_staff=True)
    admin.set_password("admin-pw-1")
    admin.save()

    # A known e-mail address: the first sign-in links the identity and lets the person in.
    alice = browser.new_context(locale="fr-BE").new_page()
    sign_in_at_provider(alice, base, "alice", "alice-pw-1")
    alice.wait_for_url(f"{base}/")
    assert alice.locator(".who").inner_text() == "alice-balise"
    assert ExternalIdentity.objects.get(user__username="alice-balise").issuer == provider.discovery["issuer"]

    # Unknown to Balise: refused politely, in French, and recorded as an access request.
    nadia = browser.new_context(locale="fr-BE").new_page()
    sign_in_at_provider(nadia, base, "nadia", "nadia-pw-1")
    nadia.wait_for_url(f"{base}/accounts/sso/refused/")
    assert nadia.locator("html").get_attribute("lang") == "fr"
    text = nadia.locator("main").inner_text()
    assert "nadia@ville.example" in text
    assert "Votre demande d'accès a été enregistrée" in text
    shot("sso-refused")
    waiting = AccessRequest.objects.get(granted_at=None)
    assert (waiting.email, waiting.name, waiting.language) == ("nadia@ville.example", "Nadia Peeters", "fr")

    # An administrator sees the request and gives a role.
    desk = browser.new_context(locale="fr-BE").new_page()
    desk.goto(f"{base}/accounts/login/")
    desk.fill("input[name=username]", "admin")
    desk.fill("input[name=password]", "admin-pw-1")
    desk.click("main form:not(.sso) button[type=submit]")
    desk.wait_for_url(f"{base}/")
    desk.goto(f"{base}/people/requests/")
    row = desk.locator("#access-requests tr[data-email='nadia@ville.example']")
    row.locator("select[name$=organisation]").select_option(str(organisation("21004").pk))
    row.locator("select[name$=role]").select_option(Role.MUNICIPALITY_VIEWER.value)
    row.locator("button[type=submit]").click()
    desk.wait_for_selector(".message.success")
    shot_page = desk
    assert "nadia@ville.example" in shot_page.locator(".message.success").inner_text()
    membership = Membership.objects.get(user__email="nadia@ville.example")
    assert (membership.role, membership.organisation.code) == (Role.MUNICIPALITY_VIEWER, "21004")
    assert membership.history.latest().history_user == admin

    # The same person signs in again (the provider still knows them): now they get in.
    nadia.click("text=Retour à la page de connexion")
    nadia.click("#sso-login")
    nadia.wait_for_url(f"{base}/")
    assert nadia.locator(".who").inner_text() == "Nadia Peeters"

    # Logging out of Balise also ends the provider's session: the next sign-in asks again.
    nadia.click("header form button[type=submit]:not([name=language])")
    nadia.wait_for_url(f"{base}/accounts/login/")
    nadia.click("#sso-login")
    nadia.wait_for_selector("#provider-login")
