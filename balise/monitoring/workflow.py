"""The yearly evaluation: draft → submitted → analysed → closed, reopened by an administrator.

- the municipality (internal evaluator or editor) writes self-evaluations while the year is a
  draft, then submits it; its values are locked from then on;
- a federal analyst writes the analysis, colour and motivation while it is submitted, marks it
  analysed once every indicator has a colour and every colour that needs one a motivation
  (`balise.domain.readiness`), then closes it;
- the analyst may return a submitted year to the municipality with a comment (returned): it is
  open again like a draft until the municipality resubmits it; each side is notified by e-mail;
- an administrator reopens it (back to draft) with a reason.
Every change of state leaves a `Transition`; evaluations and assessments keep their history.
Refused with `TransitionRefused` (state), `Invalid` (values) or `PermissionDenied` (role).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Literal, TypeVar, overload

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from balise.accounts.actors import Actor
from balise.accounts.history import set_author, set_change_reason
from balise.accounts.users import signed_in
from balise.monitoring import notifications
from balise.monitoring.errors import Invalid, StaleEdit, TransitionRefused
from balise.monitoring.models import OPEN_STATES, Assessment, ColourCode, Evaluation, Transition
from balise.monitoring.progress_store import set_colour
from balise.monitoring.rules import can_analyse, can_reopen, can_self_evaluate
from balise.monitoring.selectors import evaluation_readiness, plan_progress, suggestions
from balise.plans.models import Indicator, Plan, PlanStatus, StrategicObjective

State = Evaluation.State
T = TypeVar("T")
SUBJECTS: dict[str, type[Indicator] | type[StrategicObjective]] = {
    Assessment.Target.INDICATOR.value: Indicator,
    Assessment.Target.STRATEGIC_OBJECTIVE.value: StrategicObjective,
}


@overload
def evaluation_for(plan: Plan, year: int, create: Literal[True] = True) -> Evaluation: ...
@overload
def evaluation_for(plan: Plan, year: int, create: bool) -> Evaluation | None: ...
def evaluation_for(plan: Plan, year: int, create: bool = True) -> Evaluation | None:
    """The evaluation of ``year`` shared by every version of the plan (created as a draft)."""
    evaluation = Evaluation.objects.filter(lineage=plan.lineage, year=year).first()
    if evaluation is not None or not create:
        return evaluation
    if (plan.period_start and year < plan.period_start.year) or (
        plan.period_end and year > plan.period_end.year
    ):
        raise Invalid({"year": [_("%(year)s is outside the plan's period.") % {"year": year}]})
    evaluation, _created = Evaluation.objects.get_or_create(
        lineage=plan.lineage, year=year, defaults={"plan": plan}
    )
    return evaluation


@transaction.atomic
def within_evaluation(plan: Plan, year: int, step: Callable[[Evaluation], T]) -> T:
    """Run ``step`` on the evaluation of ``year``, created as a draft if it is the first write, in
    one transaction: a refused step (permission, state, values, stale edit) leaves no evaluation
    behind, whether it was created for it or not."""
    evaluation = evaluation_for(plan, year, create=True)
    assert evaluation is not None  # created when missing
    return step(evaluation)


def locked_message(evaluation: Evaluation) -> str:
    # One whole sentence per state, so that translators can make the adjective agree.
    if evaluation.state == State.ANALYSED:
        return _(
            "This evaluation is analysed: it can no longer be changed until an administrator reopens it."
        )
    if evaluation.state == State.CLOSED:
        return _("This evaluation is closed: it can no longer be changed until an administrator reopens it.")
    return _("This evaluation is submitted: it can no longer be changed until an administrator reopens it.")


def _move(
    evaluation: Evaluation, allowed_from: tuple[str, ...], to: str, user: Actor, reason: str = ""
) -> Evaluation:
    current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if current.state not in allowed_from:
        raise TransitionRefused(
            _("This evaluation is %(state)s: it cannot become %(target)s.")
            % {"state": current.get_state_display(), "target": State(to).label}
        )
    Transition.objects.create(
        evaluation=current, from_state=current.state, to_state=to, by=signed_in(user), reason=reason
    )
    current.state = to
    current.revision += 1
    set_author(current, user)
    set_change_reason(current, reason or None)
    current.save()
    evaluation.state, evaluation.revision = current.state, current.revision
    return current


@transaction.atomic
def submit(evaluation: Evaluation, user: Actor) -> Evaluation:
    """Draft → submitted; freezes the computed status of every indicator and objective beside
    the (future) analysis as ``suggested_status``."""
    if not can_self_evaluate(user, evaluation.plan):
        raise PermissionDenied
    returned = Evaluation.objects.filter(pk=evaluation.pk, state=State.RETURNED).exists()
    current = _move(evaluation, OPEN_STATES, State.SUBMITTED, user)
    _store_suggestions(current, user)
    if returned:
        notifications.resubmitted(current, plan_in_force(current), user)
    return current


@transaction.atomic
def mark_analysed(evaluation: Evaluation, user: Actor) -> Evaluation:
    """Submitted → analysed, refused while an indicator has no colour or a colour that needs a
    motivation has none."""
    if not can_analyse(user, evaluation.plan):
        raise PermissionDenied
    ready = evaluation_readiness(plan_in_force(evaluation), evaluation.year)
    if evaluation.state == State.SUBMITTED and not ready.may_be_analysed:
        raise TransitionRefused(
            _(
                "The evaluation cannot be marked analysed yet: %(unassessed)s indicator(s) without a "
                "colour, %(unmotivated)s colour(s) without the motivation they need."
            )
            % {"unassessed": len(ready.unassessed), "unmotivated": len(ready.without_motivation)}
        )
    return _move(evaluation, (State.SUBMITTED,), State.ANALYSED, user)


@transaction.atomic
def return_to_municipality(evaluation: Evaluation, user: Actor, comment: str) -> Evaluation:
    """Submitted → returned, with the analyst's comment; the municipality is notified."""
    if not can_analyse(user, evaluation.plan):
        raise PermissionDenied
    comment = (comment or "").strip()
    if not comment:
        raise Invalid({"comment": [_("Say what the municipality should complete or correct.")]})
    current = _move(evaluation, (State.SUBMITTED,), State.RETURNED, user, comment)
    notifications.returned(current, plan_in_force(current), user, comment)
    return current


@transaction.atomic
def close(evaluation: Evaluation, user: Actor) -> Evaluation:
    if not can_analyse(user, evaluation.plan):
        raise PermissionDenied
    return _move(evaluation, (State.ANALYSED,), State.CLOSED, user)


@transaction.atomic
def reopen(evaluation: Evaluation, user: Actor, reason: str) -> Evaluation:
    if not can_reopen(user):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise Invalid({"reason": [_("Say why the evaluation is reopened.")]})
    locked = (State.SUBMITTED, State.RETURNED, State.ANALYSED, State.CLOSED)
    return _move(evaluation, locked, State.DRAFT, user, reason)


def plan_in_force(evaluation: Evaluation) -> Plan:
    """The version whose indicators the evaluation judges: the latest one not in draft."""
    latest = (
        Plan.objects.filter(lineage=evaluation.lineage)
        .exclude(status=PlanStatus.DRAFT)
        .order_by("-version")
        .first()
    )
    return latest or evaluation.plan


def _store_suggestions(evaluation: Evaluation, user: Actor) -> None:
    computed = suggestions(plan_progress(plan_in_force(evaluation), evaluation.year))
    existing = {(a.subject, a.subject_key): a for a in evaluation.assessments.all()}
    created, changed = [], []
    for (subject, key), status in computed.items():
        assessment = existing.get((subject, key))
        if assessment is None:
            created.append(
                Assessment(
                    evaluation=evaluation,
                    subject=subject,
                    subject_key=key,
                    suggested_status=status.value,
                    updated_by=signed_in(user),
                )
            )
        elif assessment.suggested_status != status.value:
            assessment.suggested_status = status.value
            assessment.revision += 1
            changed.append(assessment)
    if created:
        bulk_create_with_history(created, Assessment, default_user=signed_in(user))
    if changed:
        bulk_update_with_history(
            changed, Assessment, ["suggested_status", "revision"], default_user=signed_in(user)
        )


def _check_subject(evaluation: Evaluation, subject: str, subject_key: uuid.UUID | str) -> uuid.UUID:
    model = SUBJECTS.get(subject)
    try:
        key = subject_key if isinstance(subject_key, uuid.UUID) else uuid.UUID(str(subject_key))
    except ValueError:
        key = None
    lineage_path = (
        "strategic_objective__module__plan__lineage" if model is Indicator else "module__plan__lineage"
    )
    if (
        model is None
        or key is None
        or not model.objects.filter(key=key, **{lineage_path: evaluation.lineage}).exists()
    ):
        raise Invalid({"subject": [_("No such indicator or strategic objective in this plan.")]})
    return key


def _assessment(
    evaluation: Evaluation, subject: str, key: uuid.UUID, expected_revision: int | None
) -> Assessment:
    assessment = (
        Assessment.objects.select_for_update()
        .filter(evaluation=evaluation, subject=subject, subject_key=key)
        .first()
    )
    if expected_revision is not None and (assessment.revision if assessment else 0) != expected_revision:
        raise StaleEdit(assessment)
    if assessment is None:
        assessment = Assessment(evaluation=evaluation, subject=subject, subject_key=key, revision=0)
    return assessment


def _save(assessment: Assessment, user: Actor) -> Assessment:
    assessment.revision += 1
    assessment.updated_by = signed_in(user)
    set_author(assessment, user)
    assessment.save()
    return assessment


@transaction.atomic
def save_self_evaluation(
    evaluation: Evaluation,
    subject: str,
    subject_key: uuid.UUID | str,
    text: str,
    user: Actor,
    *,
    expected_revision: int | None = None,
) -> Assessment:
    if not can_self_evaluate(user, evaluation.plan):
        raise PermissionDenied
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.state not in OPEN_STATES:
        raise TransitionRefused(locked_message(evaluation))
    key = _check_subject(evaluation, subject, subject_key)
    assessment = _assessment(evaluation, subject, key, expected_revision)
    assessment.self_evaluation = (text or "").strip()
    return _save(assessment, user)


@transaction.atomic
def save_analysis(
    evaluation: Evaluation,
    subject: str,
    subject_key: uuid.UUID | str,
    *,
    analysis: str,
    colour_code: str | None,
    motivation: str,
    user: Actor,
    expected_revision: int | None = None,
) -> Assessment:
    """The analyst's analysis, colour and motivation; the computed status is kept beside them
    as ``suggested_status`` and never imposed on the colour."""
    if not can_analyse(user, evaluation.plan):
        raise PermissionDenied
    evaluation = Evaluation.objects.select_for_update().select_related("plan").get(pk=evaluation.pk)
    if evaluation.state != State.SUBMITTED:
        if evaluation.state in OPEN_STATES:
            raise TransitionRefused(_("The analysis can only be written once the evaluation is submitted."))
        raise TransitionRefused(locked_message(evaluation))
    key = _check_subject(evaluation, subject, subject_key)
    colour = None
    if colour_code:
        colour = ColourCode.objects.filter(code=colour_code).first()
        if colour is None:
            raise Invalid({"colour": [_("“%(code)s” is not a colour of the scale.") % {"code": colour_code}]})
    assessment = _assessment(evaluation, subject, key, expected_revision)
    assessment.analysis = (analysis or "").strip()
    assessment.colour = colour
    assessment.motivation = (motivation or "").strip()
    if not assessment.suggested_status:
        computed = suggestions(plan_progress(plan_in_force(evaluation), evaluation.year))
        status = computed.get((subject, key))
        assessment.suggested_status = status.value if status else ""
    assessment = _save(assessment, user)
    if subject == Assessment.Target.INDICATOR:
        set_colour(evaluation.lineage, evaluation.year, key, assessment.colour_id)
    return assessment
