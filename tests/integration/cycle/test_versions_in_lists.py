"""Amending a plan never doubles it: lists, tasks and dashboards show each plan once, as its
version in force, with a badge leading to the draft amendment."""

from __future__ import annotations

from datetime import date

import pytest

from balise.accounts.roles import Role
from balise.monitoring.actions import record_measurement
from balise.monitoring.rollups import municipality_years
from balise.monitoring.selectors import plan_progress
from balise.monitoring.workflow import evaluation_for, submit
from balise.plans import editing
from balise.plans.models import Indicator, Plan, PlanStatus
from balise.plans.versioning import amend_plan
from balise.todo.items import due_items
from balise.web.audit.selectors import HistoryFilter, plan_history
from tests.factories import outside_plan, user_with_role

IXELLES = "21009"
TITLE = "Plan stratégique de sécurité et de prévention 2020-2025"


@pytest.fixture
def editor(reference):
    return user_with_role("editor", Role.MUNICIPALITY_EDITOR, IXELLES, first_name="Ana", last_name="Peeters")


@pytest.fixture
def amended(editor) -> tuple[Plan, Plan]:
    signed = outside_plan()
    return signed, amend_plan(signed, editor)


@pytest.mark.django_db
def test_the_home_list_shows_an_amended_plan_once_with_a_link_to_its_draft(client, editor, amended):
    signed, draft = amended
    client.force_login(editor)
    html = client.get("/").content.decode()
    results = html[html.index('id="plan-results"') :]
    assert results.count(TITLE) == 1
    assert f'href="/plans/{signed.pk}/"' in results
    assert f'href="/plans/{draft.pk}/"' in html  # the badge
    assert "draft v2 in progress" in html


@pytest.mark.django_db
def test_asking_for_drafts_lists_the_draft_amendment_itself(client, editor, amended):
    signed, draft = amended
    client.force_login(editor)
    html = client.get("/", {"status": "draft"}).content.decode()
    results = html[html.index('id="plan-results"') :]
    assert f'href="/plans/{draft.pk}/"' in results
    assert f'href="/plans/{signed.pk}/"' not in results


@pytest.mark.django_db
def test_a_plan_never_signed_is_listed_by_its_draft(client, editor, reference):
    plan = outside_plan()
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    client.force_login(editor)
    html = client.get("/").content.decode()
    assert f'href="/plans/{plan.pk}/"' in html
    assert "in progress" not in html


@pytest.mark.django_db
def test_the_plan_page_and_its_draft_point_at_each_other(client, editor, amended):
    signed, draft = amended
    client.force_login(editor)
    page = client.get(f"/plans/{signed.pk}/").content.decode()
    assert f'href="/plans/{draft.pk}/"' in page and "draft v2 in progress" in page
    page = client.get(f"/plans/{draft.pk}/").content.decode()
    assert f'href="/plans/{signed.pk}/"' in page and "stays in force" in page


@pytest.mark.django_db
def test_tasks_list_each_plan_once_on_its_version_in_force(editor, amended):
    signed, _draft = amended
    items = due_items(editor, today=date(2025, 6, 1))
    plans = {item.plan.pk for item in items}
    assert plans == {signed.pk}
    evaluations = [i for i in items if i.kind == "evaluation"]
    assert [(i.plan.pk, i.year) for i in evaluations] == [(signed.pk, 2024)]


@pytest.mark.django_db
def test_the_analyst_is_sent_to_the_version_in_force_of_a_submitted_plan(editor, amended):
    signed, draft = amended
    analyst = user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ")
    # The evaluation was opened on the draft: it follows the plan's identity all the same.
    submit(evaluation_for(draft, 2024), editor)
    items = [i for i in due_items(analyst, today=date(2025, 6, 1)) if i.kind == "evaluation"]
    assert [(i.plan.pk, i.year) for i in items] == [(signed.pk, 2024)]


@pytest.mark.django_db
def test_values_recorded_on_the_version_in_force_are_seen_by_the_draft(editor, amended):
    signed, draft = amended
    visits = Indicator.objects.get(
        strategic_objective__module__plan=signed, text__startswith="Nombre de visites techno"
    )
    record_measurement(visits, "2024", {"amount": "30"}, editor)
    rows = {row.indicator.key: row for row in plan_progress(draft, 2024).rows}
    assert [m.amount for m in rows[visits.key].measurements] == [30]


@pytest.mark.django_db
def test_a_new_version_history_opens_with_one_amendment_entry_then_real_changes(editor, amended):
    _signed, draft = amended
    history = plan_history({draft.pk: draft.version}, HistoryFilter())
    assert [(e.kind, e.type) for e in history.entries] == [("plan", "amended")]
    entry = history.entries[0]
    assert entry.user == editor and entry.reason == "from version 1"
    indicator = Indicator.objects.filter(strategic_objective__module__plan=draft).first()
    editing.update_node("indicator", indicator.pk, {"text": "Nombre de visites : ≥ 60/an"}, 1, editor)
    history = plan_history({draft.pk: draft.version}, HistoryFilter())
    assert [(e.kind, e.type) for e in history.entries] == [("indicator", "changed"), ("plan", "amended")]
    assert "text" in [c.name for c in history.entries[0].changes]


@pytest.mark.django_db
def test_the_municipality_dashboard_counts_the_signed_version_not_the_draft(editor, amended):
    signed, _draft = amended
    rows = municipality_years(signed.municipality_id, today=date(2025, 6, 1))
    assert rows and {row.plan.pk for row in rows} == {signed.pk}
