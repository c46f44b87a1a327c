"""Shared reads of monitoring: progress of a plan's year, the evaluation page (what is due: balise.todo).

Each read runs a fixed number of queries whatever the size of the plan.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.db.models import F, QuerySet

from balise import clock
from balise.domain.periods import Granularity
from balise.domain.progress import Progress, Status, Value, compute
from balise.domain.readiness import Readiness, SubjectState, readiness
from balise.domain.targets import Target
from balise.monitoring.models import (
    Assessment,
    ColourCode,
    Evaluation,
    Measurement,
    Transition,
)
from balise.monitoring.validation import implied_granularity
from balise.plans.models import Indicator, Module, Plan, StrategicObjective

SubjectKey = tuple[str, uuid.UUID]  # (Assessment.Target value, identity key)


@dataclass
class IndicatorRow:
    indicator: Indicator
    module: Module
    strategic_objective: StrategicObjective
    target: Target | None
    progress: Progress
    measurements: list[Measurement]
    granularity: Granularity  # the period a value is naturally entered for


@dataclass
class PlanProgress:
    plan: Plan
    year: int
    start: date
    end: date
    rows: list[IndicatorRow]
    by_module: dict[int, dict[Status, int]]
    by_strategic_objective: dict[int, Status] = field(default_factory=dict)

    @property
    def totals(self) -> dict[Status, int]:
        counts = Counter(row.progress.status for row in self.rows)
        return {status: counts.get(status, 0) for status in Status}


def partly_threshold() -> Decimal:
    return Decimal(str(getattr(settings, "BALISE_PARTLY_MET_THRESHOLD", "0.80")))


def plan_years(plan: Plan) -> list[int]:
    """The calendar years the plan covers (this year alone when its period is unknown)."""
    today = clock.today()
    first = plan.period_start.year if plan.period_start else today.year
    last = plan.period_end.year if plan.period_end else max(first, today.year)
    return list(range(first, last + 1))


def default_year(years: list[int], today: date | None = None) -> int:
    """The year being lived if the plan covers it, else the plan's last year before today."""
    today = today or clock.today()
    if today.year in years:
        return today.year
    past = [y for y in years if y < today.year]
    return past[-1] if past else years[0]


class PlanPeriod(Protocol):
    """What ``year_window`` reads of a plan (a ``Plan``, or its two columns read with ``values()``)."""

    @property
    def period_start(self) -> date | None: ...
    @property
    def period_end(self) -> date | None: ...


def year_window(plan: PlanPeriod, year: int) -> tuple[date, date]:
    """The calendar year, cut to the plan's period when the plan starts or ends within it."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if plan.period_start and plan.period_start > start:
        start = plan.period_start
    if plan.period_end and plan.period_end < end:
        end = plan.period_end
    return start, end


def as_value(measurement: Measurement, start: date, end: date) -> Value:
    """A measurement for `compute`; an ISO week across New Year counts for the year of its label,
    so its dates are cut to the window."""
    return Value(
        start=max(measurement.period_start, start),
        end=min(measurement.period_end, end),
        amount=measurement.amount,
        numerator=measurement.numerator,
        denominator=measurement.denominator,
        days=measurement.days,
        done=measurement.done,
        done_on=measurement.done_on,
    )


def plan_indicators(plan: Plan) -> QuerySet[Indicator]:
    """The plan's indicators in the order of the tree (one query)."""
    return (
        Indicator.objects.filter(strategic_objective__module__plan=plan)
        .select_related("strategic_objective__module", "operational_objective")
        .order_by(
            "strategic_objective__module__order",
            "strategic_objective__module__id",
            "strategic_objective__order",
            "strategic_objective__id",
            F("operational_objective__order").asc(nulls_last=True),
            "operational_objective__id",
            "order",
            "id",
        )
    )


def measurements_of_year(keys: list[uuid.UUID], year: int) -> dict[uuid.UUID, list[Measurement]]:
    by_key: dict[uuid.UUID, list[Measurement]] = defaultdict(list)
    for m in Measurement.objects.filter(indicator_key__in=keys, period__startswith=str(year)).order_by(
        "period_start", "period"
    ):
        by_key[m.indicator_key].append(m)
    return by_key


def combine(statuses: list[Status]) -> Status:
    """The suggestion for a strategic objective from its indicators' statuses: met when every
    assessable one is met, not met when none is even partly met, else partly met."""
    known = [s for s in statuses if s is not Status.NO_DATA]
    if not known:
        return Status.NO_DATA
    if all(s is Status.MET for s in known):
        return Status.MET
    if all(s is Status.NOT_MET for s in known):
        return Status.NOT_MET
    return Status.PARTLY_MET


def plan_progress(
    plan: Plan, year: int, *, today: date | None = None, modules: Collection[int] | None = None
) -> PlanProgress:
    """Progress of every indicator of ``plan`` (or of its ``modules``) over ``year``: two queries.

    Measurements are found through the indicators' identity keys, so values recorded on an
    earlier version of the plan count for this one.
    """
    start, end = year_window(plan, year)
    today = today or clock.today()
    partly = partly_threshold()
    chosen = plan_indicators(plan)
    if modules is not None:
        chosen = chosen.filter(strategic_objective__module__in=modules)
    indicators = list(chosen)
    measured = measurements_of_year([i.key for i in indicators], year)
    rows: list[IndicatorRow] = []
    by_module: dict[int, Counter] = defaultdict(Counter)
    by_so: dict[int, list[Status]] = defaultdict(list)
    for indicator in indicators:
        target = indicator.target
        measurements = measured.get(indicator.key, [])
        progress = compute(
            target, [as_value(m, start, end) for m in measurements], start, end, partly=partly, today=today
        )
        so = indicator.strategic_objective
        rows.append(
            IndicatorRow(
                indicator, so.module, so, target, progress, measurements, implied_granularity(target)
            )
        )
        by_module[so.module_id][progress.status] += 1
        by_so[so.pk].append(progress.status)
    return PlanProgress(
        plan=plan,
        year=year,
        start=start,
        end=end,
        rows=rows,
        by_module={mid: {s: counts.get(s, 0) for s in Status} for mid, counts in by_module.items()},
        by_strategic_objective={pk: combine(statuses) for pk, statuses in by_so.items()},
    )


def suggestions(progress: PlanProgress) -> dict[SubjectKey, Status]:
    """The computed status of each indicator and strategic objective, by (subject, key)."""
    result: dict[SubjectKey, Status] = {}
    for row in progress.rows:
        result[(Assessment.Target.INDICATOR.value, row.indicator.key)] = row.progress.status
        so = row.strategic_objective
        result[(Assessment.Target.STRATEGIC_OBJECTIVE.value, so.key)] = progress.by_strategic_objective[so.pk]
    return result


@dataclass
class EvaluationView:
    evaluation: Evaluation  # unsaved (pk None, state draft) when nobody has started it yet
    progress: PlanProgress
    assessments: dict[SubjectKey, Assessment]
    suggestions: dict[SubjectKey, Status]
    suggested_colours: dict[SubjectKey, ColourCode | None]
    colours: list[ColourCode]
    transitions: list[Transition]
    strategic_objectives: list[StrategicObjective]


def evaluation_view(plan: Plan, year: int) -> EvaluationView:
    """Everything the evaluation page of one year shows: six queries."""
    evaluation = Evaluation.objects.filter(lineage=plan.lineage, year=year).first()
    if evaluation is None:
        evaluation = Evaluation(plan=plan, lineage=plan.lineage, year=year)
    progress = plan_progress(plan, year)
    assessments: dict[SubjectKey, Assessment] = {}
    transitions: list[Transition] = []
    if evaluation.pk:
        assessments = {
            (a.subject, a.subject_key): a
            for a in Assessment.objects.filter(evaluation=evaluation).select_related("colour", "updated_by")
        }
        transitions = list(evaluation.transitions.select_related("by"))
    colours = list(ColourCode.objects.all())
    by_meaning = {c.meaning: c for c in colours if c.meaning}
    computed = suggestions(progress)
    seen: dict[int, StrategicObjective] = {}
    for row in progress.rows:
        seen.setdefault(row.strategic_objective.pk, row.strategic_objective)
    return EvaluationView(
        evaluation=evaluation,
        progress=progress,
        assessments=assessments,
        suggestions=computed,
        suggested_colours={key: by_meaning.get(status.value) for key, status in computed.items()},
        colours=colours,
        transitions=transitions,
        strategic_objectives=list(seen.values()),
    )


def _subject_state(
    view: EvaluationView,
    subject: str,
    key: uuid.UUID,
    label: str,
    *,
    has_target: bool = False,
    has_values: bool = False,
) -> SubjectState:
    assessment = view.assessments.get((subject, key))
    is_indicator = subject == Assessment.Target.INDICATOR
    if assessment is None:
        return SubjectState(label, is_indicator, has_target=has_target, has_values=has_values)
    return SubjectState(
        label,
        is_indicator,
        has_target=has_target,
        has_values=has_values,
        self_evaluation=assessment.self_evaluation,
        colour=assessment.colour.code if assessment.colour else None,
        motivation=assessment.motivation,
    )


def readiness_of(view: EvaluationView) -> Readiness:
    """What is missing in the evaluation shown by ``view`` (no further query)."""
    subjects = []
    seen: set[int] = set()
    for row in view.progress.rows:
        so = row.strategic_objective
        if so.pk not in seen:
            seen.add(so.pk)
            subjects.append(_subject_state(view, Assessment.Target.STRATEGIC_OBJECTIVE, so.key, so.title))
        subjects.append(
            _subject_state(
                view,
                Assessment.Target.INDICATOR,
                row.indicator.key,
                row.indicator.text,
                has_target=bool(row.indicator.target_kind),
                has_values=bool(row.measurements),
            )
        )
    return readiness(subjects, {c.code for c in view.colours if c.needs_motivation})


def evaluation_readiness(plan: Plan, year: int) -> Readiness:
    return readiness_of(evaluation_view(plan, year))
