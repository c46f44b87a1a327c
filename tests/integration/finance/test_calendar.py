"""The reporting calendar: default deadlines, sending dates and statuses, overdue reports on the
home page and in the reminders, and the Coordination transmission indicators fed from it."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from django.test import RequestFactory

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.domain.money import ReportStatus
from balise.finance import actions, calendar
from balise.finance.errors import Invalid, YearClosed
from balise.finance.models import ReportDeadline
from balise.finance.selectors import year_budget
from balise.imports.pipeline import parse_file
from balise.monitoring.models import Measurement
from balise.plans.actions import import_plan
from balise.todo.items import due_items, due_reports
from balise.todo.reminders import send_reminders
from tests.factories import user_with_role
from tests.integration.finance.conftest import YEAR
from tests.seeds import seed_path

pytestmark = pytest.mark.django_db


def test_the_usual_deadlines_are_set_once_for_every_year_of_the_plan(plan, owner, analyst, settings):
    created = calendar.ensure_calendar(plan, owner)
    assert len(created) == 2 * 6  # 2020-2025, two reports each
    row = ReportDeadline.objects.get(year=YEAR, kind="financial")
    assert row.due_on == date(YEAR + 1, 6, 30)
    calendar.set_deadline(plan, YEAR, "financial", {"due_on": "15/05/2025"}, analyst)
    assert calendar.ensure_calendar(plan, owner) == []  # idempotent, the moved deadline kept
    assert ReportDeadline.objects.get(year=YEAR, kind="financial").due_on == date(2025, 5, 15)


def test_the_deadlines_are_a_setting(plan, owner, settings):
    settings.BALISE_REPORT_DEADLINES = {"activity": (2, 28)}
    calendar.ensure_calendar(plan, owner)
    assert ReportDeadline.objects.get(year=YEAR, kind="activity").due_on == date(YEAR + 1, 2, 28)


def test_a_report_is_to_do_then_on_time_or_late(plan, owner):
    calendar.ensure_calendar(plan, owner)

    def statuses(today):
        return {d.deadline.kind: d.status for d in year_budget(plan, YEAR, today=today).deadlines}

    assert statuses(date(2025, 3, 1)) == {"activity": ReportStatus.TO_DO, "financial": ReportStatus.TO_DO}
    assert statuses(date(2025, 4, 1))["activity"] is ReportStatus.LATE
    calendar.set_deadline(plan, YEAR, "activity", {"sent_on": "2025-03-31"}, owner, today=date(2025, 4, 2))
    calendar.set_deadline(plan, YEAR, "financial", {"sent_on": "2025-07-01"}, owner, today=date(2025, 7, 2))
    assert statuses(date(2025, 8, 1)) == {"activity": ReportStatus.ON_TIME, "financial": ReportStatus.LATE}


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [("2025-06-01", "future"), ("2023-12-31", "before"), ("yesterday", "not a date")],
)
def test_impossible_sending_dates_are_refused(plan, owner, sent_on, message):
    with pytest.raises(Invalid) as caught:
        calendar.set_deadline(plan, YEAR, "activity", {"sent_on": sent_on}, owner, today=date(2025, 5, 1))
    assert message in caught.value.errors["sent_on"][0]
    assert not ReportDeadline.objects.exists()


def test_the_calendar_of_a_closed_year_does_not_change(plan, owner, analyst):
    actions.close_year(plan, YEAR, analyst)
    with pytest.raises(YearClosed):
        calendar.set_deadline(
            plan, YEAR, "activity", {"sent_on": "2025-01-10"}, owner, today=date(2025, 2, 1)
        )


def test_overdue_reports_are_due_items_of_the_municipality_only(
    plan, owner, evaluator, colleague, analyst, outsider
):
    calendar.ensure_calendar(plan, owner)
    calendar.set_deadline(plan, YEAR, "activity", {"sent_on": "2025-03-30"}, owner, today=date(2025, 3, 30))
    today = date(2025, 7, 1)
    reports = due_reports(owner, today)
    assert [(i.kind, i.plan, i.year, i.state) for i in reports if i.year == YEAR] == [
        ("report", plan, YEAR, "financial")
    ]
    assert {i.year for i in reports} == {2020, 2021, 2022, 2023, 2024}  # none sent before
    assert due_reports(evaluator, today) == reports
    assert [i for i in due_items(owner, today) if i.kind == "report"] == reports
    for user in (colleague, analyst, outsider):
        assert due_reports(user, today) == []


def test_overdue_reports_show_on_the_home_page_panel(plan, owner):
    ReportDeadline.objects.create(
        plan=plan, lineage=plan.lineage, year=YEAR, kind="financial", due_on=date(2025, 6, 30)
    )
    request = RequestFactory().get("/")
    request.user = owner
    html = Template("{% load todo %}{% due_panel today %}").render(
        Context({"request": request, "today": date(2025, 7, 1)})
    )
    assert "Send the financial report of 2024 (overdue)" in html
    assert f"/plans/{plan.pk}/finance/2024/#reports" in html


def test_overdue_reports_are_in_the_reminders(plan, owner):
    ReportDeadline.objects.create(
        plan=plan, lineage=plan.lineage, year=YEAR, kind="activity", due_on=date(2025, 3, 31)
    )
    send_reminders(date(2025, 4, 2))
    (message,) = mail.outbox
    assert "Send the activity report of 2024 (overdue)" in message.body
    assert f"/plans/{plan.pk}/finance/2024/" in message.body


def test_the_transmission_indicators_of_seed_000_take_their_value_from_the_calendar(reference):
    result = parse_file(seed_path("000"))
    plan = import_plan(result.outline, user=SYSTEM).plan
    editor = user_with_role("molenbeek", Role.MUNICIPALITY_EDITOR, "21012")
    found = calendar.transmission_indicators(plan)
    assert [len(found["activity"]), len(found["financial"])] == [1, 1]
    assert "rapports d'activités" in found["activity"][0].text
    calendar.ensure_calendar(plan, editor)
    calendar.set_deadline(plan, 2021, "activity", {"sent_on": "2022-03-01"}, editor, today=date(2022, 9, 1))
    calendar.set_deadline(plan, 2021, "financial", {"sent_on": "2022-07-15"}, editor, today=date(2022, 9, 1))
    recorded = calendar.record_transmissions(plan, 2021, editor, today=date(2022, 9, 1))
    values = {m.indicator_id: m.done for m in recorded}
    assert values == {found["activity"][0].pk: True, found["financial"][0].pk: False}
    stored = Measurement.objects.get(indicator_key=found["financial"][0].key, period="2021")
    assert stored.source == "reporting calendar" and stored.entered_by == editor
    # A report still to do gives no value.
    assert calendar.record_transmissions(plan, 2022, editor, today=date(2023, 1, 10)) == []


def test_only_the_municipality_and_the_federal_analysts_set_the_calendar(plan, outsider, colleague):
    for intruder in (outsider, colleague, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            calendar.ensure_calendar(plan, intruder)
    assert not ReportDeadline.objects.exists()


def test_only_the_municipality_records_a_sending_and_only_analysts_move_a_deadline(
    plan, owner, analyst, outsider, colleague
):
    sent = {"sent_on": "2025-03-01"}
    for intruder in (outsider, colleague, analyst, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            calendar.set_deadline(plan, YEAR, "activity", sent, intruder, today=date(2025, 4, 1))
    for intruder in (outsider, colleague, owner, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            calendar.set_deadline(plan, YEAR, "activity", {"due_on": "2025-05-01"}, intruder)
    assert not ReportDeadline.objects.exists()


def test_only_the_municipality_records_the_transmission_values(plan, owner, outsider, analyst):
    calendar.ensure_calendar(plan, owner)
    for intruder in (outsider, analyst, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            calendar.record_transmissions(plan, YEAR, intruder, today=date(2025, 9, 1))
    assert not Measurement.objects.exists()
