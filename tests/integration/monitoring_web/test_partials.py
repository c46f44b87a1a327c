"""The partials other pages include: an indicator's status badge, the user's due items."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.utils.html import escape

from balise.monitoring.actions import record_measurement
from balise.monitoring.workflow import evaluation_for, mark_analysed, save_analysis, submit
from tests.factories import assess_every_indicator
from tests.integration.monitoring_web.conftest import indicator

VISITS = "Nombre de visites techno"
STATUS = Template(
    "{% load monitoring %}{% plan_statuses plan year as statuses %}{% indicator_status statuses i %}"
)


@pytest.mark.django_db
def test_the_status_badge_shows_the_computed_status_and_the_latest_analysed_colour(
    plan, owner, evaluator, analyst
):
    visits = indicator(plan, VISITS)
    record_measurement(visits, "2024", {"amount": "30"}, owner)
    html = STATUS.render(Context({"plan": plan, "year": 2024, "i": visits}))
    assert "progress-not_met" in html and "30/50" in html
    assert "badge colour" not in html  # no analysed evaluation yet
    evaluation = submit(evaluation_for(plan, 2023), evaluator)
    save_analysis(
        evaluation,
        "indicator",
        visits.key,
        analysis="",
        colour_code="red",
        motivation="Cible manquée.",
        user=analyst,
    )
    assess_every_indicator(evaluation, analyst)
    mark_analysed(evaluation, analyst)
    html = STATUS.render(Context({"plan": plan, "year": 2024, "i": visits}))
    assert "badge colour colour-red" in html and "Non atteint 2023" in html  # colours.css paints it


@pytest.mark.django_db
def test_the_status_of_every_indicator_takes_a_fixed_number_of_queries(plan, django_assert_max_num_queries):
    from balise.monitoring.statuses import indicator_statuses

    with django_assert_max_num_queries(4):
        statuses = indicator_statuses(plan, 2024)
    assert len(statuses) == 4


def _due(user, today: date) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load todo %}{% due_panel today %}")
    return template.render(RequestContext(request, {"today": today}))


@pytest.mark.django_db
def test_the_due_panel_lists_missing_values_and_the_evaluation_to_submit(plan, owner):
    html = _due(owner, date(2025, 3, 1))
    assert escape(plan.title) in html
    assert f"/plans/{plan.pk}/monitoring/evaluation/2024/" in html  # last year's draft
    assert f"/plans/{plan.pk}/monitoring/values/?year=2024" in html
    assert "Nombre de visites techno-préventives" in html


@pytest.mark.django_db
def test_the_due_panel_shows_submitted_evaluations_to_an_analyst_and_nothing_to_a_viewer(
    plan, evaluator, analyst, colleague
):
    submit(evaluation_for(plan, 2024), evaluator)
    html = _due(analyst, date(2025, 3, 1))
    assert f"/plans/{plan.pk}/monitoring/evaluation/2024/" in html
    assert "/monitoring/values/" not in html  # analysts never record values
    assert _due(colleague, date(2025, 3, 1)).strip() == ""
