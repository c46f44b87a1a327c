from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balise.accounts.actors import SYSTEM
from balise.domain.progress import Status
from balise.monitoring import workflow
from balise.monitoring.actions import bulk_record, record_measurement
from balise.monitoring.selectors import evaluation_view, plan_progress
from balise.plans.actions import import_plan
from balise.plans.versioning import amend_plan
from balise.todo.items import due_items
from tests.integration.monitoring.conftest import indicators_by_name, monitoring_outline

pytestmark = pytest.mark.django_db


def statuses(progress) -> dict[str, Status]:
    return {row.indicator.text: row.progress.status for row in progress.rows}


def test_it_computes_each_indicator_over_the_year(plan, ind, editor):
    record_measurement(ind["count"], "2024", {"amount": "45"}, editor)  # 90 % of 50: partly met
    record_measurement(ind["boolean"], "2024", {"done": True}, editor)
    record_measurement(ind["count"], "2023", {"amount": "100"}, editor)  # another year: ignored
    for month in range(1, 13):
        record_measurement(ind["daily_hours"], f"2024-{month:02d}", {"amount": "100", "days": "20"}, editor)
    result = plan_progress(plan, 2024)
    by_text = statuses(result)
    assert by_text[ind["count"].text] is Status.PARTLY_MET
    assert by_text[ind["boolean"].text] is Status.MET
    assert by_text[ind["daily_hours"].text] is Status.NOT_MET  # 5 h a day for ≥ 7
    assert by_text[ind["none"].text] is Status.NO_DATA
    row = next(r for r in result.rows if r.indicator == ind["daily_hours"])
    assert (len(row.measurements), row.granularity.value) == (12, "month")
    module_counts = next(iter(result.by_module.values()))
    assert module_counts[Status.PARTLY_MET] == 1 and sum(module_counts.values()) == len(ind)


def test_the_partly_met_threshold_is_a_setting(plan, ind, editor, settings):
    record_measurement(ind["count"], "2024", {"amount": "45"}, editor)
    settings.BALISE_PARTLY_MET_THRESHOLD = "0.95"
    assert statuses(plan_progress(plan, 2024))[ind["count"].text] is Status.NOT_MET


def test_values_recorded_on_version_1_count_on_version_2(plan, ind, editor):
    record_measurement(ind["count"], "2024", {"amount": "60"}, editor)
    version_2 = amend_plan(plan, editor)
    row = next(r for r in plan_progress(version_2, 2024).rows if r.indicator.key == ind["count"].key)
    assert row.indicator.pk == indicators_by_name(version_2)["count"].pk
    assert (row.progress.status, row.progress.actual) == (Status.MET, 60)


def test_progress_takes_two_queries_whatever_the_plan_size(reference, editor):
    counts = []
    for extra in (5, 80):
        plan = import_plan(monitoring_outline(extra), user=SYSTEM).plan
        ind = indicators_by_name(plan)
        bulk_record(plan, "2024-03", {ind["monthly"].pk: {"amount": "1"}}, editor)
        with CaptureQueriesContext(connection) as ctx:
            result = plan_progress(plan, 2024)
            # nothing is fetched lazily afterwards
            titles = [
                (r.module.title, r.strategic_objective.title, r.indicator.operational_objective)
                for r in result.rows
            ]
        counts.append(len(ctx.captured_queries))
        assert len(titles) == len(ind) + extra
    assert counts == [2, 2]


def test_the_evaluation_view_runs_a_fixed_number_of_queries(plan, ind, evaluator):
    workflow.submit(workflow.evaluation_for(plan, 2024), evaluator)
    with CaptureQueriesContext(connection) as ctx:
        view = evaluation_view(plan, 2024)
    assert len(ctx.captured_queries) <= 6
    key = ("indicator", ind["count"].key)
    assert view.suggestions[key] is Status.NO_DATA
    assert view.suggested_colours[key].code == "grey"
    assert view.assessments[key].suggested_status == "no_data"
    assert [c.code for c in view.colours] == ["green", "orange", "red", "grey"]
    assert [t.to_state for t in view.transitions] == ["submitted"]


def test_an_evaluation_not_started_shows_as_an_unsaved_draft(plan):
    view = evaluation_view(plan, 2025)
    assert view.evaluation.pk is None and view.evaluation.state == "draft"


def test_due_items_list_missing_periods_and_waiting_evaluations(plan, ind, editor, analyst, viewer):
    record_measurement(ind["monthly"], "2024-01", {"amount": "1"}, editor)
    items = due_items(editor, today=date(2024, 4, 10))
    missing = {i.year: i.periods for i in items if i.indicator == ind["monthly"]}
    assert missing[2024] == ("2024-02", "2024-03")
    assert len(missing[2023]) == 12
    assert any(i.kind == "evaluation" and i.year == 2023 for i in items)  # last year still a draft
    assert due_items(viewer, today=date(2024, 4, 10)) == []
    workflow.submit(workflow.evaluation_for(plan, 2023), editor)
    waiting = due_items(analyst, today=date(2024, 4, 10))
    assert [(i.kind, i.plan, i.year) for i in waiting] == [("evaluation", plan, 2023)]
