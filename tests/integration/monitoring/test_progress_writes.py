"""Every write that changes progress updates the progress table in the same transaction.

The write paths: a value recorded, several values of a period, a value deleted (pages, API,
workbook, finance calendar and demo go through these three); an analyst's colour; a target edited;
a module's phenomenon changed; a plan's period changed; a plan imported; a plan amended; an
administrator's correction in the admin; and `balise rebuild-progress` for everything else.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from django.test import Client

from balise.accounts.actors import SYSTEM
from balise.monitoring import workflow
from balise.monitoring.actions import bulk_record, delete_measurement, record_measurement
from balise.monitoring.defaults import load_colour_scale
from balise.monitoring.models import Evaluation, IndicatorYearProgress, Measurement
from balise.plans import editing
from balise.plans.actions import import_plan
from balise.plans.models import Indicator, Module
from balise.plans.versioning import amend_plan
from balise.reference.models import Phenomenon
from tests.integration.monitoring.conftest import client_of, monitoring_outline

pytestmark = pytest.mark.django_db


def row(indicator: Indicator, year: int = 2024) -> IndicatorYearProgress:
    return IndicatorYearProgress.objects.get(indicator=indicator, year=year)


def test_an_imported_plan_has_a_row_per_indicator_and_year_of_its_period(plan):
    indicators = Indicator.objects.filter(strategic_objective__module__plan=plan).count()
    years = sorted(set(IndicatorYearProgress.objects.filter(plan=plan).values_list("year", flat=True)))
    assert years == [2023, 2024, 2025]
    assert IndicatorYearProgress.objects.filter(plan=plan).count() == indicators * 3
    assert set(IndicatorYearProgress.objects.filter(plan=plan).values_list("status", flat=True)) == {
        "no_data"
    }


def test_a_recorded_value_changes_the_status_of_its_year_only(ind, editor):
    record_measurement(ind["count"], "2024", {"amount": "60"}, editor)
    assert (row(ind["count"]).status, row(ind["count"]).actual, row(ind["count"]).values) == ("met", 60, 1)
    assert row(ind["count"], 2025).status == "no_data"


def test_values_recorded_for_a_whole_period_update_each_indicator(plan, ind, editor):
    bulk_record(plan, "2024", {ind["count"].pk: {"amount": "10"}, ind["boolean"].pk: {"done": "yes"}}, editor)
    assert (row(ind["count"]).status, row(ind["boolean"]).status) == ("not_met", "met")


def test_a_deleted_value_leaves_no_trace_in_the_status(ind, editor):
    saved = record_measurement(ind["count"], "2024", {"amount": "60"}, editor)
    delete_measurement(saved, editor, saved.revision)
    assert (row(ind["count"]).status, row(ind["count"]).values) == ("no_data", 0)


def test_a_value_put_through_the_api_is_counted_at_once(ind, editor):
    url = f"/api/indicators/{ind['count'].pk}/measurements"
    body = json.dumps({"period": "2024", "amount": "45", "revision": 0})
    assert client_of(editor).put(url, body, content_type="application/json").status_code == 200
    assert row(ind["count"]).status == "partly_met"


def test_a_refused_value_changes_nothing(ind, editor):
    from balise.monitoring.errors import Invalid

    with pytest.raises(Invalid):
        record_measurement(ind["count"], "2031", {"amount": "60"}, editor)
    assert not IndicatorYearProgress.objects.filter(year=2031).exists()
    assert row(ind["count"]).status == "no_data"


def test_the_colour_of_an_analysis_is_counted_for_that_year(plan, ind, analyst):
    load_colour_scale()
    evaluation = Evaluation.objects.create(
        plan=plan, lineage=plan.lineage, year=2024, state=Evaluation.State.SUBMITTED
    )
    workflow.save_analysis(
        evaluation, "indicator", ind["count"].key, analysis="", colour_code="red", motivation="", user=analyst
    )
    assert row(ind["count"]).colour.code == "red"
    assert row(ind["count"], 2025).colour is None


def test_an_edited_target_recomputes_the_indicator_on_a_draft(reference, editor):
    draft = import_plan(_draft_outline(), user=SYSTEM).plan
    indicator = Indicator.objects.get(
        strategic_objective__module__plan=draft, text__startswith="Nombre de visites"
    )
    record_measurement(indicator, "2024", {"amount": "60"}, editor)
    assert row(indicator).status == "met"
    text = "Nombre de visites techno-préventives : ≥ 100/an"
    editing.update_node("indicator", indicator.pk, {"text": text}, indicator.revision, editor)
    assert (row(indicator).status, row(indicator).expected) == ("not_met", 100)


def test_a_module_moved_to_another_phenomenon_is_counted_there(reference, editor):
    draft = import_plan(_draft_outline(), user=SYSTEM).plan
    module = Module.objects.get(plan=draft)
    other = Phenomenon.objects.exclude(pk=module.phenomenon_id).first()
    data = {"title": module.title, "kind": module.kind, "phenomenon": other.pk}
    editing.update_node("module", module.pk, data, module.revision, editor)
    assert set(IndicatorYearProgress.objects.filter(plan=draft).values_list("phenomenon", flat=True)) == {
        other.pk
    }


def test_a_shorter_period_drops_the_years_it_no_longer_covers(reference, editor):
    draft = import_plan(_draft_outline(), user=SYSTEM).plan
    data = {"period_start": "2023-01-01", "period_end": "2024-06-30"}
    editing.update_plan_header(draft.pk, data, draft.revision, editor)
    years = set(IndicatorYearProgress.objects.filter(plan=draft).values_list("year", flat=True))
    assert years == {2023, 2024}


def test_an_amended_version_starts_with_the_statuses_of_the_values_already_recorded(plan, ind, editor):
    record_measurement(ind["count"], "2024", {"amount": "60"}, editor)
    draft = amend_plan(plan, editor)
    copy = Indicator.objects.get(strategic_objective__module__plan=draft, key=ind["count"].key)
    assert row(copy).status == "met"
    record_measurement(copy, "2024-06", {"amount": "1"}, editor)  # every version of the key follows
    assert row(ind["count"]).actual == row(copy).actual == 61


def test_an_administrators_correction_in_the_admin_is_counted(ind, editor, admin):
    saved = record_measurement(ind["count"], "2024", {"amount": "60"}, editor)
    client = Client()
    client.force_login(admin)
    url = f"/admin/monitoring/measurement/{saved.pk}/change/"
    form = {"indicator": ind["count"].pk, "period": "2024", "amount": "5", "entered_by": editor.pk}
    response = client.post(url, form)
    assert response.status_code == 302, re.findall(rb"errorlist[^<]*<li>[^<]*", response.content)
    assert Measurement.objects.get(pk=saved.pk).amount == 5
    assert row(ind["count"]).status == "not_met"


def test_rebuild_progress_restores_rows_written_around_the_actions(ind, editor):
    from balise.monitoring.progress_store import rebuild

    record_measurement(ind["count"], "2024", {"amount": "60"}, editor)
    IndicatorYearProgress.objects.all().delete()
    Measurement.objects.filter(indicator_key=ind["count"].key).update(amount=10)
    rebuild()
    assert row(ind["count"]).status == "not_met"


def _draft_outline():
    """An unsigned plan: its tree and header can be edited."""
    return replace(monitoring_outline(), signed_on=None, title="Brouillon")
