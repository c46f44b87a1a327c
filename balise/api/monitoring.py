"""/api/…: progress, measurements and the yearly evaluation of a plan.

Writes go through `balise.monitoring.actions` / `.workflow`; their refusals become 422 (with field
paths), 409 (year locked, stale edit, transition refused), 403 (role) or 404 (plan not readable)
in the handlers of `balise.api.errors`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from balise.accounts.users import User
from balise.api import schemas
from balise.api.auth import ApiRequest
from balise.api.errors import InvalidInput
from balise.api.serialize import assessment_out, measurement_out, text
from balise.domain.interchange import target_to_dict
from balise.monitoring import actions, workflow
from balise.monitoring.dimensions import dimensions_of, parts_of, set_dimensions
from balise.monitoring.errors import TransitionRefused
from balise.monitoring.models import Measurement
from balise.monitoring.rules import can_analyse, can_record_values, can_reopen, can_self_evaluate
from balise.monitoring.selectors import evaluation_view, plan_progress
from balise.plans.access import plan_for
from balise.plans.models import Indicator, Plan

router = Router(tags=["monitoring"])


class Conflict(Schema):
    detail: str
    current: dict[str, Any] | None = None
    submitted: dict[str, Any] = Field(default_factory=dict)


READ_ERRORS = {401: schemas.Detail, 404: schemas.Detail, 422: schemas.ValidationErrors}
WRITE_ERRORS = {**READ_ERRORS, 413: schemas.Detail, 403: schemas.Detail, 409: Conflict}


class PartIn(Schema):
    categories: dict[str, str] = Field(description='one category per dimension, e.g. {"sex": "female"}')
    amount: schemas.OptionalNumber = None
    numerator: schemas.OptionalNumber = None
    denominator: schemas.OptionalNumber = None
    days: schemas.OptionalDays = None
    done: bool | None = None
    done_on: date | None = None


class Values(Schema):
    parts: list[PartIn] | None = Field(
        None,
        description="values per category of a disaggregated indicator (its total is computed from them)",
    )
    amount: schemas.OptionalNumber = Field(None, description="count or hours")
    numerator: schemas.OptionalNumber = None
    denominator: schemas.OptionalNumber = None
    days: schemas.OptionalDays = Field(None, description="days worked (hours per day)")
    done: bool | None = Field(None, description="yes/no and deadlines")
    done_on: date | None = None
    comment: str = Field("", max_length=10_000)
    source: str = Field("", max_length=300)
    revision: int | None = Field(None, description="revision last seen (0: no value yet); omit to overwrite")


class MeasurementIn(Values):
    period: schemas.Period


class BulkIn(Schema):
    period: schemas.Period
    rows: dict[int, Values] = Field(
        description="values by indicator id", json_schema_extra={"propertyNames": {"pattern": schemas.ID_KEY}}
    )


class TransitionIn(Schema):
    action: Literal["submit", "analyse", "close", "reopen", "return"]
    reason: str = Field("", description="why it is reopened, or the comment of a return")


class AssessmentIn(Schema):
    self_evaluation: str | None = None
    analysis: str | None = None
    colour: str | None = Field(None, description="code of a colour of the scale, e.g. green")
    motivation: str | None = None
    revision: int | None = None


def _indicator_and_plan(user: User, indicator_id: int, *, record: bool) -> tuple[Indicator, Plan]:
    indicator = (
        Indicator.objects.select_related("strategic_objective__module__plan").filter(pk=indicator_id).first()
    )
    if indicator is None:
        raise Http404
    plan = plan_for(user, indicator.strategic_objective.module.plan_id)
    if record and not can_record_values(user, plan):
        raise PermissionDenied
    indicator.strategic_objective.module.plan = plan
    return indicator, plan


def _values(payload: Values) -> tuple[dict[str, Any], int | None]:
    data = payload.dict(exclude={"revision", "period"})
    if data["parts"] is None:
        del data["parts"]
    return data, payload.revision


def _with_parts(measurements: list[Measurement]) -> list[dict[str, Any]]:
    """The measurements as the API shows them, with their values per category (one query)."""
    cells = parts_of(measurements)
    return [measurement_out(m, list(cells.get(m.pk, {}).values())) for m in measurements]


class DimensionsIn(Schema):
    dimensions: list[str] = Field(description="codes of the dimensions, in order; [] for none")


def _dimensions_out(indicator: Indicator) -> dict[str, Any]:
    return {
        "indicator_id": indicator.pk,
        "dimensions": [
            {
                "code": d.code,
                "name": d.name,
                "shared": d.shared,
                "categories": [{"code": code, "name": name} for _id, code, name in d.categories],
            }
            for d in dimensions_of([indicator.pk]).get(indicator.pk, ())
        ],
    }


@router.get("/plans/{int:plan_id}/progress", response={200: dict[str, Any], **READ_ERRORS})
def progress(request: ApiRequest, plan_id: schemas.Id, year: schemas.Year) -> dict[str, Any]:
    """Progress of every indicator over ``year`` (values of earlier versions included)."""
    plan = plan_for(request.auth, plan_id)
    result = plan_progress(plan, year)
    return {
        "plan_id": plan.pk,
        "year": year,
        "start": result.start,
        "end": result.end,
        "totals": result.totals,
        "by_module": [{"module_id": mid, "counts": counts} for mid, counts in result.by_module.items()],
        "rows": [
            {
                "indicator_id": row.indicator.pk,
                "key": str(row.indicator.key),
                "text": row.indicator.text,
                "module_id": row.module.pk,
                "strategic_objective_id": row.strategic_objective.pk,
                "target": target_to_dict(row.target),
                "granularity": row.granularity.value,
                "status": row.progress.status.value,
                "actual": text(row.progress.actual),
                "expected": text(row.progress.expected),
                "ratio": text(row.progress.ratio),
                "needs": row.progress.needs,
                "measurements": [measurement_out(m) for m in row.measurements],
            }
            for row in result.rows
        ],
    }


@router.get(
    "/indicators/{int:indicator_id}/measurements", response={200: list[dict[str, Any]], **READ_ERRORS}
)
def list_measurements(
    request: ApiRequest, indicator_id: schemas.Id, year: schemas.Year | None = None
) -> list[dict[str, Any]]:
    """Every value of the indicator, whichever version of the plan it was entered on."""
    indicator, _plan = _indicator_and_plan(request.auth, indicator_id, record=False)
    measurements = Measurement.objects.filter(indicator_key=indicator.key).order_by("period_start", "period")
    if year is not None:
        measurements = measurements.filter(period__startswith=str(year))
    return _with_parts(list(measurements))


@router.put("/indicators/{int:indicator_id}/measurements", response={200: dict[str, Any], **WRITE_ERRORS})
def put_measurement(request: ApiRequest, indicator_id: schemas.Id, payload: MeasurementIn) -> dict[str, Any]:
    """Record the value of one period (created, or updated if ``revision`` still matches)."""
    indicator, _plan = _indicator_and_plan(request.auth, indicator_id, record=True)
    data, revision = _values(payload)
    measurement = actions.record_measurement(
        indicator, payload.period, data, request.auth, expected_revision=revision
    )
    return _with_parts([measurement])[0]


@router.get("/indicators/{int:indicator_id}/dimensions", response={200: dict[str, Any], **READ_ERRORS})
def get_dimensions(request: ApiRequest, indicator_id: schemas.Id) -> dict[str, Any]:
    """The dimensions the indicator's values are broken down by, with their categories."""
    indicator, _plan = _indicator_and_plan(request.auth, indicator_id, record=False)
    return _dimensions_out(indicator)


@router.put("/indicators/{int:indicator_id}/dimensions", response={200: dict[str, Any], **WRITE_ERRORS})
def put_dimensions(request: ApiRequest, indicator_id: schemas.Id, payload: DimensionsIn) -> dict[str, Any]:
    """Declare the dimensions (refused once the indicator has values)."""
    indicator, _plan = _indicator_and_plan(request.auth, indicator_id, record=False)
    set_dimensions(indicator, payload.dimensions, request.auth)
    return _dimensions_out(indicator)


@router.post("/plans/{int:plan_id}/measurements/bulk", response={200: dict[str, Any], **WRITE_ERRORS})
def bulk_measurements(request: ApiRequest, plan_id: schemas.Id, payload: BulkIn) -> dict[str, Any]:
    """Record one period for many indicators at once: all rows are stored, or none."""
    plan = plan_for(request.auth, plan_id)
    if not can_record_values(request.auth, plan):
        raise PermissionDenied
    rows = {}
    for pk, values in payload.rows.items():
        data, revision = _values(values)
        rows[pk] = {**data, "revision": revision}
    stored = actions.bulk_record(plan, payload.period, rows, request.auth)
    return {"period": payload.period, "count": len(stored)}


def evaluation_out(plan: Plan, year: int) -> dict[str, Any]:
    view = evaluation_view(plan, year)
    evaluation = view.evaluation
    return {
        "id": evaluation.pk,
        "plan_id": plan.pk,
        "year": year,
        "state": evaluation.state,
        "revision": evaluation.revision,
        "transitions": [
            {
                "from": t.from_state,
                "to": t.to_state,
                "by": t.by.get_username() if t.by is not None else None,
                "at": t.at,
                "reason": t.reason,
            }
            for t in view.transitions
        ],
        "assessments": [assessment_out(a) for a in view.assessments.values()],
        "suggestions": [
            {"subject": subject, "key": str(key), "status": status.value}
            for (subject, key), status in view.suggestions.items()
        ],
        "colours": [
            {"code": c.code, "label": c.label, "hex": c.hex, "meaning": c.meaning} for c in view.colours
        ],
    }


@router.get("/plans/{int:plan_id}/evaluations/{int:year}", response={200: dict[str, Any], **READ_ERRORS})
def get_evaluation(request: ApiRequest, plan_id: schemas.Id, year: schemas.Year) -> dict[str, Any]:
    plan = plan_for(request.auth, plan_id)
    return evaluation_out(plan, year)


_ALLOWED = {"submit": can_self_evaluate, "analyse": can_analyse, "close": can_analyse, "return": can_analyse}


@router.post(
    "/plans/{int:plan_id}/evaluations/{int:year}/transitions", response={200: dict[str, Any], **WRITE_ERRORS}
)
def transition(
    request: ApiRequest, plan_id: schemas.Id, year: schemas.Year, payload: TransitionIn
) -> dict[str, Any]:
    """Move the evaluation: submit (municipality), analyse, close and return with a comment
    (federal analyst), reopen (administrator, with a reason)."""
    user = request.auth
    plan = plan_for(user, plan_id)
    allowed = can_reopen(user) if payload.action == "reopen" else _ALLOWED[payload.action](user, plan)
    if not allowed:
        raise PermissionDenied
    if payload.action == "submit":
        # Created with the submission, in its transaction: a refused submission leaves no row.
        workflow.within_evaluation(plan, year, lambda evaluation: workflow.submit(evaluation, user))
        return evaluation_out(plan, year)
    evaluation = workflow.evaluation_for(plan, year, create=False)
    if evaluation is None:
        raise TransitionRefused(_("This evaluation has not been submitted yet."))
    if payload.action == "analyse":
        workflow.mark_analysed(evaluation, user)
    elif payload.action == "close":
        workflow.close(evaluation, user)
    elif payload.action == "return":
        workflow.return_to_municipality(evaluation, user, payload.reason)
    else:
        workflow.reopen(evaluation, user, payload.reason)
    return evaluation_out(plan, year)


@router.put(
    "/plans/{int:plan_id}/evaluations/{int:year}/assessments/{subject}/{key}",
    response={200: dict[str, Any], **WRITE_ERRORS},
)
def put_assessment(
    request: ApiRequest,
    plan_id: int,
    year: int,
    subject: Literal["indicator", "strategic_objective"],
    key: UUID,
    payload: AssessmentIn,
) -> dict[str, Any]:
    """The municipality's self-evaluation (while draft) or the analyst's analysis, colour and
    motivation (while submitted) of one indicator or strategic objective."""
    user = request.auth
    plan = plan_for(user, plan_id)
    analysing = any(v is not None for v in (payload.analysis, payload.colour, payload.motivation))
    if payload.self_evaluation is not None and analysing:
        raise InvalidInput(
            [("self_evaluation", _("Send either a self-evaluation or an analysis, not both."))]
        )
    if payload.self_evaluation is None and not analysing:
        raise InvalidInput([("self_evaluation", _("Send a self-evaluation or an analysis."))])
    if not (can_analyse(user, plan) if analysing else can_self_evaluate(user, plan)):
        raise PermissionDenied
    if not analysing:
        # The first self-evaluation creates the evaluation, in its transaction: refused, no row.
        assessment = workflow.within_evaluation(
            plan,
            year,
            lambda evaluation: workflow.save_self_evaluation(
                evaluation,
                subject,
                key,
                payload.self_evaluation or "",
                user,
                expected_revision=payload.revision,
            ),
        )
        return assessment_out(assessment)
    evaluation = workflow.evaluation_for(plan, year, create=False)
    if evaluation is None:
        raise TransitionRefused(_("The analysis can only be written once the evaluation is submitted."))
    assessment = workflow.save_analysis(
        evaluation,
        subject,
        key,
        analysis=payload.analysis or "",
        colour_code=payload.colour,
        motivation=payload.motivation or "",
        user=user,
        expected_revision=payload.revision,
    )
    return assessment_out(assessment)
