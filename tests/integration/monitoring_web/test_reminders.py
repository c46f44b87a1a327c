"""E-mail reminders of what is due: content, once a day per item, dry run, both commands."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from balise.accounts.roles import Role
from balise.monitoring.actions import record_measurement
from balise.monitoring.models import Reminder
from balise.monitoring.workflow import evaluation_for, submit
from balise.todo.reminders import send_reminders
from tests.factories import user_with_role
from tests.integration.monitoring_web.conftest import indicator

TODAY = date(2025, 3, 1)


@pytest.fixture
def editor(reference):
    return user_with_role(
        "ana", Role.MUNICIPALITY_EDITOR, "21009", email="ana@ixelles.example", first_name="Ana"
    )


@pytest.mark.django_db
def test_each_user_gets_their_due_items_by_mail(plan, editor, analyst):
    record_measurement(indicator(plan, "Nombre de visites techno"), "2024", {"amount": "50"}, editor)
    outcome = send_reminders(TODAY)
    assert outcome.sent == 1  # the analyst has no e-mail address and nothing submitted
    (message,) = mail.outbox
    assert message.to == ["ana@ixelles.example"]
    assert "Ana" in message.body and plan.title in message.body
    assert f"/plans/{plan.pk}/monitoring/evaluation/2024/" in message.body
    assert "Part des visites suivies de travaux" in message.body  # no value for 2024
    assert "Nombre de visites techno-préventives" not in message.body  # recorded
    assert "2025-01, 2025-02" in message.body  # hours per day are entered monthly


@pytest.mark.django_db
def test_running_twice_the_same_day_sends_once_and_a_new_day_sends_again(plan, editor):
    assert send_reminders(TODAY).sent == 1
    second = send_reminders(TODAY)
    assert (second.sent, second.items) == (0, 0) and second.skipped > 0
    assert len(mail.outbox) == 1
    assert send_reminders(date(2025, 3, 2)).sent == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_new_item_the_same_day_is_sent_alone(plan, editor, analyst):
    analyst.email = "fe@ibz.example"
    analyst.save()
    send_reminders(TODAY)
    assert [m.to for m in mail.outbox] == [["ana@ixelles.example"]]
    submit(evaluation_for(plan, 2024), editor)
    send_reminders(TODAY)
    assert mail.outbox[-1].to == ["fe@ibz.example"]
    assert f"/plans/{plan.pk}/monitoring/evaluation/2024/" in mail.outbox[-1].body
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_dry_run_prints_and_neither_sends_nor_remembers(plan, editor):
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", "--date", "2025-03-01", stdout=out)
    assert "ana@ixelles.example" in out.getvalue() and "would send 1 message" in out.getvalue()
    assert not mail.outbox and not Reminder.objects.exists()
    call_command("send_reminders", "--date", "2025-03-01", stdout=io.StringIO())
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_command_line_sends_the_same_reminders(plan, editor, capsys):
    from balise.cli import main

    assert main(["send-reminders", "--date", "2025-03-01"]) == 0
    assert "sent 1 message(s)" in capsys.readouterr().out
    assert len(mail.outbox) == 1
    assert main(["send-reminders", "--date", "1 March"]) == 2
