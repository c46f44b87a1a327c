"""The page where users create and revoke their personal API tokens."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from balise.accounts.tokens import ApiToken


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(anonymous):
    response = anonymous.get(reverse("api-tokens"))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert anonymous.post(reverse("api-tokens"), {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_a_new_token_is_shown_once_and_then_works(client, owner, plan):
    client.force_login(owner)
    response = client.post(reverse("api-tokens"), {"name": "export script"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = re.search(r'<code id="new-token">([^<]+)</code>', response.content.decode()).group(1)
    listing = client.get(reverse("api-tokens")).content.decode()
    assert "export script" in listing and secret not in listing
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get(f"/api/plans/{plan.pk}").status_code == 200


@pytest.mark.django_db
def test_a_token_needs_a_name(client, owner):
    client.force_login(owner)
    response = client.post(reverse("api-tokens"), {"name": ""})
    assert response.status_code == 200 and "new-token" not in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_users_list_and_revoke_only_their_own_tokens(client, owner, colleague):
    client.force_login(colleague)
    client.post(reverse("api-tokens"), {"name": "colleague's script"})
    theirs = ApiToken.objects.get(user=colleague)
    client.force_login(owner)
    client.post(reverse("api-tokens"), {"name": "owner's script"})
    mine = ApiToken.objects.get(user=owner)
    page = client.get(reverse("api-tokens")).content.decode()
    assert "owner&#x27;s script" in page and "colleague" not in page
    assert client.post(reverse("api-token-revoke", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    response = client.post(reverse("api-token-revoke", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.revoked_at is not None


@pytest.mark.django_db
def test_revoking_needs_a_post(client, owner):
    client.force_login(owner)
    client.post(reverse("api-tokens"), {"name": "script"})
    token = ApiToken.objects.get()
    assert client.get(reverse("api-token-revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None
