"""A user who forgot their password chooses a new one through a link sent by e-mail."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", "alice@example.org", "old-password-1")


def _link(message) -> str:
    return re.search(r"https?://testserver(/accounts/password/reset/\S+/)", message.body).group(1)


def test_the_login_page_offers_the_reset(client):
    assert "/accounts/password/reset/" in client.get("/accounts/login/").content.decode()


def test_a_reset_link_by_e_mail_sets_a_new_password_once(client, alice):
    response = client.post("/accounts/password/reset/", {"email": "alice@example.org"})
    assert response.status_code == 302 and response.url == "/accounts/password/reset/sent/"
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"]
    form = client.get(_link(message), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Fresh-horse-42", "new_password2": "Fresh-horse-42"}
    )
    assert done.status_code == 302 and done.url == "/accounts/password/reset/done/"
    alice.refresh_from_db()
    assert alice.check_password("Fresh-horse-42")
    again = client.get(_link(message), follow=True)
    assert "This link does not work" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(client, alice):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and response.url == "/accounts/password/reset/sent/"
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("language", "subject", "page"),
    [
        ("fr", "Balise : choisir un nouveau mot de passe", "Consultez vos e-mails"),
        ("nl", "Balise: een nieuw wachtwoord kiezen", "Bekijk uw e-mail"),
    ],
)
def test_the_reset_speaks_french_and_dutch(client, alice, language, subject, page):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post("/accounts/password/reset/", {"email": "alice@example.org"}, follow=True)
    assert page in response.content.decode()
    assert mail.outbox[0].subject == subject
    assert "admin" not in response.templates[0].name  # Balise's page, not the admin's
