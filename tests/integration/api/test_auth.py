"""Who may call the API: personal tokens, the session (with CSRF on writes), nobody else."""

from __future__ import annotations

import pytest
from django.test import Client

from balise.accounts.tokens import ApiToken, digest, issue_token
from tests.integration.api.conftest import client_of

# One call of every endpoint; {plan} and {node} are filled in by the test.
ENDPOINTS = [
    ("get", "/api/plans"),
    ("get", "/api/plans/{plan}"),
    ("get", "/api/plans/{plan}/export"),
    ("post", "/api/plans"),
    ("patch", "/api/plans/{plan}"),
    ("get", "/api/plans/{plan}/versions"),
    ("post", "/api/plans/{plan}/versions"),
    ("post", "/api/plans/{plan}/sign"),
    ("get", "/api/plans/{plan}/diff?other={plan}"),
    ("get", "/api/nodes/module/{node}"),
    ("post", "/api/nodes/module"),
    ("patch", "/api/nodes/module/{node}"),
    ("delete", "/api/nodes/module/{node}?revision=1"),
    ("post", "/api/nodes/module/{node}/move"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
def test_anonymous_callers_get_a_json_401_from_every_endpoint(anonymous, plan, method, url):
    url = url.format(plan=plan.pk, node=plan.modules.first().pk)
    response = getattr(anonymous, method)(url, {}, content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"] == "Bearer"
    assert "detail" in response.json()
    assert plan.modules.count() == 2  # nothing was deleted or created


@pytest.mark.django_db
def test_a_token_authenticates_its_owner_and_records_its_use(owner, plan):
    token, secret = issue_token(owner, "script")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    response = client.get("/api/plans")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["items"]] == [plan.pk]
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_the_secret_is_not_stored_only_its_sha256(owner):
    token, secret = issue_token(owner, "script")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in [str(value) for value in stored.values()]
    assert stored["hash"] == digest(secret)
    assert secret.startswith(stored["prefix"]) and len(stored["prefix"]) < len(secret) // 3


@pytest.mark.django_db
def test_a_revoked_token_is_refused(owner, plan):
    token, secret = issue_token(owner, "script")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    assert client.get(f"/api/plans/{plan.pk}").status_code == 200
    other = client_of(owner)
    token.revoked_at = token.created_at
    token.save()
    response = client.get(f"/api/plans/{plan.pk}")
    assert response.status_code == 401
    assert set(response.json()) == {"detail"}
    assert other.get(f"/api/plans/{plan.pk}").status_code == 200  # only that token is revoked


@pytest.mark.django_db
def test_a_wrong_token_is_refused_even_with_a_valid_session(client, owner, plan):
    client.force_login(owner)
    response = client.get("/api/plans", headers={"Authorization": "Bearer blz_not-a-real-token"})
    assert response.status_code == 401
    client.logout()
    # The message says what is wrong: a bad token, not a missing login.
    assert response.json()["detail"] != client.get("/api/plans").json()["detail"]


@pytest.mark.django_db
def test_a_token_of_a_deactivated_user_is_refused(owner, plan):
    client = client_of(owner)
    owner.is_active = False
    owner.save()
    assert client.get("/api/plans").status_code == 401


@pytest.mark.django_db
def test_the_session_reads_without_csrf_but_writes_only_with_it(owner, plan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    node = plan.modules.first()
    assert client.get(f"/api/nodes/module/{node.pk}").status_code == 200
    body = {"revision": 1, "values": {"title": "Coordination locale"}}
    refused = client.patch(f"/api/nodes/module/{node.pk}", body, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["detail"]
    client.get("/accounts/tokens/")  # any page with a form sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = client.patch(
        f"/api/nodes/module/{node.pk}", body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert accepted.status_code == 200
    assert accepted.json()["values"]["title"] == "Coordination locale"


@pytest.mark.django_db
def test_a_token_needs_no_csrf_token_to_write(owner, plan):
    _token, secret = issue_token(owner, "script")
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    node = plan.modules.first()
    body = {"revision": 1, "values": {"title": "Coordination locale"}}
    assert (
        client.patch(f"/api/nodes/module/{node.pk}", body, content_type="application/json").status_code == 200
    )


@pytest.mark.django_db
def test_an_anonymous_write_is_a_401_even_with_csrf_enforced(plan):
    response = Client(enforce_csrf_checks=True).post("/api/plans", "{}", content_type="application/json")
    assert response.status_code == 401
