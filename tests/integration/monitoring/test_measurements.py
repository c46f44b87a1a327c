from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from balise.accounts.actors import SYSTEM
from balise.monitoring import workflow
from balise.monitoring.actions import bulk_record, delete_measurement, record_measurement
from balise.monitoring.errors import Invalid, StaleEdit, YearLocked
from balise.monitoring.models import Measurement
from balise.plans.actions import import_plan
from tests.integration.monitoring.conftest import indicators_by_name, monitoring_outline

pytestmark = pytest.mark.django_db


def test_it_records_a_count_and_updates_it_in_place(ind, editor):
    first = record_measurement(ind["count"], "2024", {"amount": "12"}, editor)
    second = record_measurement(ind["count"], "2024", {"amount": 14}, editor, expected_revision=1)
    assert first.pk == second.pk
    assert (second.amount, second.revision, second.entered_by) == (Decimal(14), 2, editor)
    assert Measurement.objects.count() == 1


def test_it_records_history_with_the_author(ind, editor, evaluator):
    m = record_measurement(ind["count"], "2024", {"amount": "12"}, editor)
    record_measurement(ind["count"], "2024", {"amount": "13"}, evaluator)
    authors = [h.history_user for h in m.history.order_by("history_date")]
    assert authors == [editor, evaluator]


def test_it_refuses_a_boolean_without_an_answer(ind, editor):
    with pytest.raises(Invalid) as err:
        record_measurement(ind["boolean"], "2024", {"amount": "1"}, editor)
    assert set(err.value.errors) == {"done"}


def test_it_reads_yes_and_no_for_a_boolean(ind, editor):
    assert record_measurement(ind["boolean"], "2024", {"done": "oui"}, editor).done is True
    assert record_measurement(ind["boolean"], "2023", {"done": False}, editor).done is False


@pytest.mark.parametrize("amount", ["-1", "2.5", "abc", None])
def test_it_refuses_a_count_that_is_not_a_whole_number_of_zero_or_more(ind, editor, amount):
    with pytest.raises(Invalid) as err:
        record_measurement(ind["count"], "2024", {"amount": amount}, editor)
    assert list(err.value.errors) == ["amount"]


def test_it_requires_the_days_worked_for_hours_per_day(ind, editor):
    with pytest.raises(Invalid) as err:
        record_measurement(ind["daily_hours"], "2024-03", {"amount": "140"}, editor)
    assert list(err.value.errors) == ["days"]
    with pytest.raises(Invalid):
        record_measurement(ind["daily_hours"], "2024-03", {"amount": "140", "days": "0"}, editor)
    m = record_measurement(ind["daily_hours"], "2024-03", {"amount": "140", "days": "20"}, editor)
    assert m.days == Decimal(20)


def test_hours_per_week_need_no_days_but_refuse_negative_hours(ind, editor):
    assert record_measurement(ind["weekly_hours"], "2024-W05", {"amount": "3.5"}, editor).amount == Decimal(
        "3.5"
    )
    with pytest.raises(Invalid):
        record_measurement(ind["weekly_hours"], "2024-W06", {"amount": "-3"}, editor)


@pytest.mark.parametrize(
    ("numerator", "denominator", "field"),
    [
        ("-1", "10", "numerator"),
        ("5", "0", "denominator"),
        ("11", "10", "numerator"),
        (None, "10", "numerator"),
    ],
)
def test_it_refuses_an_impossible_percentage(ind, editor, numerator, denominator, field):
    with pytest.raises(Invalid) as err:
        record_measurement(
            ind["percent"], "2024", {"numerator": numerator, "denominator": denominator}, editor
        )
    assert field in err.value.errors


def test_a_deadline_needs_the_date_it_was_done(ind, editor):
    with pytest.raises(Invalid) as err:
        record_measurement(ind["deadline"], "2024", {"done": True}, editor)
    assert list(err.value.errors) == ["done_on"]
    m = record_measurement(ind["deadline"], "2024", {"done": True, "done_on": "2024-06-30"}, editor)
    assert m.done_on == date(2024, 6, 30)
    assert record_measurement(ind["deadline"], "2023", {"done": False}, editor).done_on is None


def test_an_indicator_without_target_takes_a_number_or_a_yes_no(ind, editor):
    assert record_measurement(ind["none"], "2024", {"amount": "4"}, editor).amount == 4
    assert record_measurement(ind["none"], "2023", {"done": True}, editor).done is True
    with pytest.raises(Invalid):
        record_measurement(ind["none"], "2025", {"comment": "nothing"}, editor)


@pytest.mark.parametrize(
    ("name", "period"),
    [
        ("monthly", "2024"),
        ("monthly", "2024-Q1"),
        ("weekly", "2024-03"),
        ("count", "2024-03-15"),
        ("daily_hours", "2024"),
    ],
)
def test_it_refuses_a_period_too_coarse_or_too_fine_for_the_target(ind, editor, name, period):
    data = {"amount": "1", "days": "1"}
    with pytest.raises(Invalid) as err:
        record_measurement(ind[name], period, data, editor)
    assert "period" in err.value.errors


@pytest.mark.parametrize(
    ("name", "period"),
    [
        ("count", "2024-Q2"),
        ("count", "2024-W05"),
        ("monthly", "2024-03-15"),
        ("weekly", "2024-03-15"),
        ("daily_hours", "2024-W05"),
        ("boolean", "2024-03"),
    ],
)
def test_it_accepts_periods_that_suit_the_target(ind, editor, name, period):
    record_measurement(ind[name], period, {"amount": "1", "days": "1", "done": True}, editor)


def test_it_refuses_an_unreadable_period_and_one_outside_the_plan(ind, editor):
    with pytest.raises(Invalid) as err:
        record_measurement(ind["count"], "March 2024", {"amount": "1"}, editor)
    assert list(err.value.errors) == ["period"]
    with translation.override("en"), pytest.raises(Invalid) as err:
        record_measurement(ind["count"], "2022", {"amount": "1"}, editor)
    assert "outside the plan" in err.value.errors["period"][0]


def test_a_stale_revision_is_refused_with_the_current_value(ind, editor, evaluator):
    record_measurement(ind["count"], "2024", {"amount": "10"}, editor)
    record_measurement(ind["count"], "2024", {"amount": "11"}, evaluator, expected_revision=1)
    with pytest.raises(StaleEdit) as err:
        record_measurement(ind["count"], "2024", {"amount": "12"}, editor, expected_revision=1)
    assert err.value.current.amount == Decimal(11)
    with pytest.raises(StaleEdit):  # "I saw no value" while there is one
        record_measurement(ind["count"], "2024", {"amount": "12"}, editor, expected_revision=0)


def test_a_submitted_year_refuses_values_until_reopened_with_a_reason(plan, ind, editor, admin):
    m = record_measurement(ind["count"], "2024", {"amount": "10"}, editor)
    evaluation = workflow.evaluation_for(plan, 2024)
    workflow.submit(evaluation, editor)
    with pytest.raises(YearLocked):
        record_measurement(ind["count"], "2024", {"amount": "11"}, editor)
    with pytest.raises(YearLocked):
        bulk_record(plan, "2024-03", {ind["monthly"].pk: {"amount": "1"}}, editor)
    with pytest.raises(YearLocked):
        delete_measurement(m, editor, m.revision)
    record_measurement(ind["count"], "2025", {"amount": "3"}, editor)  # other years stay open
    with pytest.raises(Invalid):
        workflow.reopen(evaluation, admin, "  ")
    workflow.reopen(evaluation, admin, "Chiffres de mars corrigés")
    assert record_measurement(ind["count"], "2024", {"amount": "11"}, editor).amount == 11


def test_a_week_counts_for_the_year_of_its_label(plan, ind, editor):
    workflow.submit(workflow.evaluation_for(plan, 2024), editor)
    # 2025-W01 starts on Monday 30 December 2024 but belongs to 2025, which is open.
    record_measurement(ind["weekly"], "2025-W01", {"amount": "4"}, editor)


def test_bulk_entry_stores_every_row_or_none_and_names_each_bad_row(plan, ind, editor):
    rows = {
        ind["monthly"].pk: {"amount": "2"},
        ind["daily_hours"].pk: {"amount": "140"},
        ind["weekly_hours"].pk: {"amount": "-1"},
        999999: {"amount": "1"},
        ind["count"].pk: {"amount": "", "comment": ""},  # left blank: skipped
    }
    with pytest.raises(Invalid) as err:
        bulk_record(plan, "2024-03", rows, editor)
    assert set(err.value.errors) == {
        f"{ind['daily_hours'].pk}.days",
        f"{ind['weekly_hours'].pk}.period",
        f"{ind['weekly_hours'].pk}.amount",
        "999999.indicator",
    }
    assert Measurement.objects.count() == 0
    stored = bulk_record(
        plan,
        "2024-03",
        {ind["monthly"].pk: {"amount": "2"}, ind["daily_hours"].pk: {"amount": "140", "days": "20"}},
        editor,
    )
    assert len(stored) == 2 and Measurement.objects.count() == 2


def test_bulk_entry_updates_existing_values_and_checks_their_revisions(plan, ind, editor):
    bulk_record(plan, "2024-03", {ind["monthly"].pk: {"amount": "2"}}, editor)
    bulk_record(plan, "2024-03", {ind["monthly"].pk: {"amount": "3", "revision": 1}}, editor)
    m = Measurement.objects.get()
    assert (m.amount, m.revision, m.history.count()) == (3, 2, 2)
    with pytest.raises(Invalid) as err:
        bulk_record(plan, "2024-03", {ind["monthly"].pk: {"amount": "4", "revision": 1}}, editor)
    assert list(err.value.errors) == [f"{ind['monthly'].pk}.revision"]


def test_bulk_entry_reads_with_three_selects_and_writes_in_batches_whatever_the_rows(reference, editor):
    selects, totals = [], []
    for extra in (10, 100):
        plan = import_plan(monitoring_outline(extra), user=SYSTEM).plan
        ids = [i.pk for i in plan_indicators(plan) if i.text.startswith("Nombre d'actions")]
        for amount in ("1", "2"):  # creation, then update
            with CaptureQueriesContext(connection) as ctx:
                bulk_record(plan, "2024-01", {pk: {"amount": amount} for pk in ids}, editor)
            sql = [q["sql"] for q in ctx.captured_queries]
            selects.append(sum(s.startswith("SELECT") for s in sql))
            totals.append(len(sql))
    # 3 to check and write the values, 1 to know which indicators are entered per category, 3 to
    # recompute the progress of the indicators touched, 1 to read the plan's progress rows back into
    # its per-group counts, 1 to know whether the federal overview counts the plan (a plan it
    # counts reads its old counts too); the first write also reads the editor's roles for the
    # permission check (then cached on the user)
    assert selects == [10, 9, 9, 9]
    # SQLite caps the parameters of one statement: 100 rows take a few batches, never one per row.
    assert max(totals) <= 21, totals


def plan_indicators(plan):
    from balise.monitoring.selectors import plan_indicators as select

    return list(select(plan))


def test_a_value_recorded_on_version_1_is_found_on_version_2(plan, ind, editor):
    from balise.plans.versioning import amend_plan

    m = record_measurement(ind["count"], "2024", {"amount": "40"}, editor)
    version_2 = amend_plan(plan, editor)
    on_2 = indicators_by_name(version_2)["count"]
    assert on_2.pk != ind["count"].pk and on_2.key == ind["count"].key
    again = record_measurement(on_2, "2024", {"amount": "45"}, editor, expected_revision=1)
    assert again.pk == m.pk and again.indicator_id == on_2.pk
