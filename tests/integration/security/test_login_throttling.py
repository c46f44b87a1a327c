"""Guessing passwords does not work: an account, and an address, are locked after a few failures,
the visitor is told why and until when, and every attempt lands in the security log."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from balise.accounts.roles import Role
from tests.factories import outside_plan, user_with_role

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", "alice@example.org", "right-password-1")


def _login(client, username, password, url="/accounts/login/", ip="203.0.113.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _wait_for_the_lockout_to_end():
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME
    )


def test_sixty_wrong_passwords_lock_the_account_and_the_right_one_is_refused_until_the_end(client, alice):
    answers = [_login(client, "alice", f"wrong-{n}").status_code for n in range(60)]
    assert answers[: LIMIT - 1] == [200] * (LIMIT - 1)  # the form again, with its error
    assert set(answers[LIMIT - 1 :]) == {429}
    refused = _login(client, "alice", "right-password-1")
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    _wait_for_the_lockout_to_end()
    accepted = _login(client, "alice", "right-password-1")
    assert accepted.status_code == 302 and client.session["_auth_user_id"] == str(alice.pk)


def test_the_admin_login_is_locked_the_same_way(client, alice):
    alice.is_staff = True
    alice.save()
    for n in range(LIMIT):
        _login(client, "alice", f"wrong-{n}", url="/admin/login/")
    assert _login(client, "alice", "right-password-1", url="/admin/login/").status_code == 429


def test_one_address_trying_many_accounts_is_locked_too(client, alice):
    for n in range(LIMIT):
        _login(client, f"someone-{n}", "guess")
    assert _login(client, "alice", "right-password-1").status_code == 429
    # the same account from another address is not locked: only the address was
    assert _login(client, "alice", "right-password-1", ip="198.51.100.9").status_code == 302


def test_the_account_is_locked_from_every_address(client, alice):
    for n in range(LIMIT):
        _login(client, "alice", "wrong", ip=f"198.51.100.{n + 1}")
    assert _login(client, "alice", "right-password-1", ip="192.0.2.200").status_code == 429


@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("fr", "Vous pourrez réessayer dans 15 minutes, à "),
        ("nl", "U kunt het over 15 minuten opnieuw proberen, om "),
    ],
)
def test_the_lockout_page_says_why_and_until_when_in_french_and_dutch(client, alice, language, says):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for n in range(LIMIT):
        page = _login(client, "alice", f"wrong-{n}")
    assert page.status_code == 429
    text = page.content.decode()
    assert says in text
    until = AccessAttempt.objects.get().attempt_time + settings.AXES_COOLOFF_TIME
    assert timezone.localtime(until).strftime("%H:%M") in text


def test_logins_failures_and_lockouts_are_written_to_the_security_log(client, alice, caplog):
    caplog.set_level(logging.INFO, logger="balise.security")
    _login(client, "alice", "right-password-1")
    client.logout()
    for n in range(LIMIT):
        _login(client, "alice", f"wrong-{n}")
    events = [(r.event, r.username, r.ip) for r in caplog.records if r.name == "balise.security"]
    assert events[0] == ("login", "alice", "203.0.113.7")
    assert events.count(("login_failed", "alice", "203.0.113.7")) == LIMIT
    assert ("lockout", "alice", "203.0.113.7") in events
    assert not any("wrong-" in r.getMessage() or "wrong-" in str(r.__dict__) for r in caplog.records)


def test_a_permission_refusal_is_written_to_the_security_log(client, reference, caplog):
    plan = outside_plan()
    viewer = user_with_role("viewer", Role.MUNICIPALITY_VIEWER, "21009")
    caplog.set_level(logging.INFO, logger="balise.security")
    client.force_login(viewer)
    assert client.post(reverse("plan-amend", args=[plan.pk]), REMOTE_ADDR="203.0.113.8").status_code == 403
    (refusal,) = [r for r in caplog.records if getattr(r, "event", "") == "permission_refused"]
    assert (refusal.username, refusal.ip, refusal.method) == ("viewer", "203.0.113.8", "POST")
    assert refusal.path == reverse("plan-amend", args=[plan.pk])


def test_the_lockout_ends_after_the_cool_off_measured_from_the_last_failure(client, alice):
    for n in range(LIMIT):
        _login(client, "alice", f"wrong-{n}")
    attempt = AccessAttempt.objects.get()
    AccessAttempt.objects.update(
        attempt_time=attempt.attempt_time - settings.AXES_COOLOFF_TIME + timedelta(seconds=30)
    )
    assert _login(client, "alice", "right-password-1").status_code == 429  # 30 s to go
    _wait_for_the_lockout_to_end()
    assert _login(client, "alice", "right-password-1").status_code == 302
