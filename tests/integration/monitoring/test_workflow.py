from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from balise.monitoring import workflow
from balise.monitoring.actions import record_measurement
from balise.monitoring.errors import Invalid, TransitionRefused
from balise.monitoring.models import Assessment, Evaluation, Transition
from tests.factories import assess_every_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(plan):
    return workflow.evaluation_for(plan, 2024)


@pytest.fixture
def submitted(evaluation, evaluator):
    return workflow.submit(evaluation, evaluator)


def test_one_evaluation_per_year_is_shared_by_every_version(plan, evaluation, editor):
    from balise.plans.versioning import amend_plan

    version_2 = amend_plan(plan, editor)
    assert workflow.evaluation_for(version_2, 2024).pk == evaluation.pk
    assert workflow.evaluation_for(plan, 2023, create=False) is None
    with pytest.raises(Invalid):
        workflow.evaluation_for(plan, 2030)


@pytest.mark.parametrize("role", ["evaluator", "editor"])
def test_the_municipality_submits_its_draft(request, evaluation, role):
    user = request.getfixturevalue(role)
    workflow.submit(evaluation, user)
    evaluation.refresh_from_db()
    assert evaluation.state == Evaluation.State.SUBMITTED and evaluation.is_locked
    transition = Transition.objects.get()
    assert (transition.from_state, transition.to_state, transition.by) == ("draft", "submitted", user)


@pytest.mark.parametrize("role", ["viewer", "analyst", "outsider"])
def test_others_cannot_submit(request, evaluation, role):
    with pytest.raises(PermissionDenied):
        workflow.submit(evaluation, request.getfixturevalue(role))
    assert not Transition.objects.exists()


def test_only_a_federal_analyst_marks_it_analysed_then_closes_it(submitted, editor, evaluator, analyst):
    for user in (editor, evaluator):
        with pytest.raises(PermissionDenied):
            workflow.mark_analysed(submitted, user)
    with pytest.raises(TransitionRefused):
        workflow.close(submitted, analyst)  # not analysed yet
    assess_every_indicator(submitted, analyst)
    workflow.mark_analysed(submitted, analyst)
    with pytest.raises(PermissionDenied):
        workflow.close(submitted, editor)
    workflow.close(submitted, analyst)
    submitted.refresh_from_db()
    assert submitted.state == "closed"
    assert [t.to_state for t in submitted.transitions.all()] == ["submitted", "analysed", "closed"]


def test_a_draft_cannot_be_analysed_nor_submitted_twice(evaluation, evaluator, analyst):
    with pytest.raises(TransitionRefused):
        workflow.mark_analysed(evaluation, analyst)
    workflow.submit(evaluation, evaluator)
    with pytest.raises(TransitionRefused):
        workflow.submit(evaluation, evaluator)


@pytest.mark.parametrize("role", ["editor", "evaluator", "analyst"])
def test_only_an_administrator_reopens(request, submitted, role):
    with pytest.raises(PermissionDenied):
        workflow.reopen(submitted, request.getfixturevalue(role), "Erreur")


def test_reopening_needs_a_reason_and_is_recorded(submitted, admin, analyst):
    with pytest.raises(Invalid) as err:
        workflow.reopen(submitted, admin, "")
    assert list(err.value.errors) == ["reason"]
    assess_every_indicator(submitted, analyst)
    workflow.mark_analysed(submitted, analyst)
    workflow.reopen(submitted, admin, "Valeurs de mars erronées")
    last = submitted.transitions.last()
    assert (last.from_state, last.to_state, last.by, last.reason) == (
        "analysed",
        "draft",
        admin,
        "Valeurs de mars erronées",
    )
    with pytest.raises(TransitionRefused):
        workflow.reopen(submitted, admin, "encore")  # already a draft


def test_self_evaluations_only_while_draft(evaluation, ind, evaluator, analyst):
    a = workflow.save_self_evaluation(
        evaluation, "indicator", ind["count"].key, "Objectif atteint", evaluator
    )
    assert (a.self_evaluation, a.revision, a.updated_by) == ("Objectif atteint", 1, evaluator)
    with pytest.raises(PermissionDenied):
        workflow.save_self_evaluation(evaluation, "indicator", ind["count"].key, "x", analyst)
    workflow.submit(evaluation, evaluator)
    with translation.override("en"), pytest.raises(TransitionRefused) as err:
        workflow.save_self_evaluation(evaluation, "indicator", ind["count"].key, "Changé", evaluator)
    assert str(err.value) == (
        "This evaluation is submitted: it can no longer be changed until an administrator reopens it."
    )


def test_a_self_evaluation_must_name_an_indicator_of_the_plan(evaluation, evaluator, outsider):
    import uuid

    with pytest.raises(Invalid):
        workflow.save_self_evaluation(evaluation, "indicator", uuid.uuid4(), "x", evaluator)
    with pytest.raises(Invalid):
        workflow.save_self_evaluation(evaluation, "module", uuid.uuid4(), "x", evaluator)


def test_analyses_only_while_submitted_and_keep_the_computed_status_beside_the_colour(
    plan, evaluation, ind, editor, evaluator, analyst
):
    record_measurement(ind["count"], "2024", {"amount": "20"}, editor)  # far below 50: not met
    with pytest.raises(TransitionRefused):
        workflow.save_analysis(
            evaluation,
            "indicator",
            ind["count"].key,
            analysis="",
            colour_code="red",
            motivation="",
            user=analyst,
        )
    workflow.submit(evaluation, evaluator)
    with pytest.raises(PermissionDenied):
        workflow.save_analysis(
            evaluation,
            "indicator",
            ind["count"].key,
            analysis="",
            colour_code="red",
            motivation="",
            user=editor,
        )
    with pytest.raises(Invalid):
        workflow.save_analysis(
            evaluation,
            "indicator",
            ind["count"].key,
            analysis="",
            colour_code="purple",
            motivation="",
            user=analyst,
        )
    a = workflow.save_analysis(
        evaluation,
        "indicator",
        ind["count"].key,
        analysis="Retard explicable",
        colour_code="orange",
        motivation="Départs en cours d'année",
        user=analyst,
    )
    assert (a.colour.code, a.suggested_status, a.motivation) == (
        "orange",
        "not_met",
        "Départs en cours d'année",
    )
    assess_every_indicator(evaluation, analyst)
    workflow.mark_analysed(evaluation, analyst)
    with pytest.raises(TransitionRefused):
        workflow.save_analysis(
            evaluation,
            "indicator",
            ind["count"].key,
            analysis="",
            colour_code=None,
            motivation="",
            user=analyst,
        )


def test_submitting_freezes_the_suggestions_of_every_indicator_and_objective(
    plan, evaluation, ind, evaluator
):
    workflow.submit(evaluation, evaluator)
    assessments = Assessment.objects.filter(evaluation=evaluation)
    assert assessments.filter(subject="indicator").count() == len(ind)
    assert assessments.filter(subject="strategic_objective").count() == 1
    assert set(assessments.values_list("suggested_status", flat=True)) <= {"no_data", "not_met"}


def test_evaluations_of_past_years_are_kept_with_their_history(plan, ind, evaluator, admin):
    e2023 = workflow.evaluation_for(plan, 2023)
    workflow.save_self_evaluation(e2023, "indicator", ind["count"].key, "v1", evaluator)
    workflow.save_self_evaluation(e2023, "indicator", ind["count"].key, "v2", evaluator)
    workflow.submit(e2023, evaluator)
    workflow.evaluation_for(plan, 2024)
    assessment = Assessment.objects.get(evaluation=e2023, subject="indicator", subject_key=ind["count"].key)
    assert [h.self_evaluation for h in assessment.history.order_by("history_date")][:2] == ["v1", "v2"]
    assert e2023.history.count() == 2  # created, submitted
    assert Evaluation.objects.count() == 2
