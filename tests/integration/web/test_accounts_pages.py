from __future__ import annotations

import pytest

from balise.accounts.roles import Role
from tests.factories import outside_plan, user_with_role


def log_in(client, username: str, password: str) -> bool:
    """Through the login page, as a person does (django-axes checks every login against a request)."""
    client.post("/accounts/login/", {"username": username, "password": password})
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_user_changes_their_password_and_logs_in_with_the_new_one(client, reference):
    user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009")
    assert log_in(client, "viewer", "pw")
    page = client.get("/accounts/password/")
    assert page.status_code == 200
    # Balise's page (its top bar, back to the preferences), not the admin site's.
    assert page.templates[0].name == "accounts/password_change_form.html"
    assert b"/accounts/preferences/" in page.content and b'href="/admin/"' not in page.content
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "pw",
            "new_password1": "Plus-long-et-sûr-2026",
            "new_password2": "Plus-long-et-sûr-2026",
        },
    )
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert done.templates[0].name == "accounts/password_change_done.html"
    client.logout()
    assert not log_in(client, "viewer", "pw")
    assert log_in(client, "viewer", "Plus-long-et-sûr-2026")


@pytest.mark.django_db
def test_logging_out_ends_the_session(client, reference):
    client.force_login(user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009"))
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_a_forbidden_action_shows_the_clear_403_page(client, reference):
    plan = outside_plan()
    client.force_login(user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009"))
    response = client.post(f"/plans/{plan.pk}/versions/amend/")
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()
