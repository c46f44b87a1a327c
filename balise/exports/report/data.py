"""The annual evaluation report of a plan as one frozen dataclass, read in a fixed number of queries.

`build_report` reads everything once (`evaluation_view`, which includes `plan_progress`, plus the
colours of earlier years and the services) and words it in the active language; the PDF and DOCX
writers only lay it out. Eight queries whatever the size of the plan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from uuid import UUID

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from balise import clock, errors
from balise.charts import (
    DEFAULT_STATUS_COLOURS,
    NOT_ASSESSED,
    STATUSES,
    ObjectiveColours,
    Trend,
    TrendPoint,
    status_labels,
)
from balise.context.selectors import Series, trends
from balise.domain.targets import Period, TargetKind
from balise.exports.report import wording
from balise.monitoring.dashboards import NUMERIC, plan_years, trend_rows
from balise.monitoring.models import Assessment, Evaluation
from balise.monitoring.selectors import EvaluationView, IndicatorRow, evaluation_view
from balise.plans.models import Module, Plan, Service, StrategicObjective
from balise.plans.translation import content

INDICATOR = Assessment.Target.INDICATOR.value
OBJECTIVE = Assessment.Target.STRATEGIC_OBJECTIVE.value


class ReportError(errors.Invalid):
    """Bad input: the message says what (unknown plan, year without evaluation)."""


@dataclass(frozen=True)
class Colour:
    code: str
    label: str
    hex: str


@dataclass(frozen=True)
class StateChange:
    change: str  # "submitted → analysed"
    at: str  # 15/03/2024
    by: str
    reason: str


@dataclass(frozen=True)
class Appraisal:
    """The year's assessment of an indicator or objective; empty strings when nobody wrote it."""

    self_evaluation: str = ""
    analysis: str = ""
    motivation: str = ""
    colour: Colour | None = None


@dataclass(frozen=True)
class IndicatorLine:
    text: str
    target: str  # as written in the plan, "" without target
    values: str  # the year's values, aggregated
    progress: str  # actual against expected
    status: str  # a Status value
    status_label: str
    appraisal: Appraisal
    trend: Trend | None  # numeric targets with values: the chart's data


@dataclass(frozen=True)
class ObjectiveSection:
    title: str
    service: str
    status: str  # combined from its indicators
    status_label: str
    appraisal: Appraisal
    indicators: tuple[IndicatorLine, ...]


@dataclass(frozen=True)
class ModuleSection:
    title: str
    statuses: tuple[tuple[str, str, int], ...]  # (status, label, indicators) in the order of STATUSES
    colours: tuple[tuple[Colour, int], ...]  # indicators per colour of the scale, then "not assessed"
    objectives: tuple[ObjectiveSection, ...]

    @property
    def indicators(self) -> int:
        return sum(n for _status, _label, n in self.statuses)

    @property
    def status_counts(self) -> dict[str, int]:
        return {status: n for status, _label, n in self.statuses}

    @property
    def colour_counts(self) -> dict[str, int]:
        return {colour.code: n for colour, n in self.colours}


@dataclass(frozen=True)
class AnnualReport:
    language: str
    plan_id: int
    title: str
    municipality: str
    period: str  # "01/01/2023 – 31/12/2025"
    signed_on: str
    year: int
    state: str  # an Evaluation.State value
    state_label: str
    changes: tuple[StateChange, ...]
    scale: tuple[Colour, ...]
    palette: Mapping[str, str]  # status → hex of the colour the scale suggests for it
    status_names: tuple[str, ...]  # the labels of STATUSES, in that order
    modules: tuple[ModuleSection, ...]
    years: tuple[int, ...]  # the plan's years up to the report's, for the colours chart
    objective_colours: tuple[ObjectiveColours, ...]
    generated_on: str
    # Published crime figures per phenomenon module (module title, series up to the year):
    # context beside the plan, never counted in its statuses.
    context: tuple[tuple[str, tuple[Series, ...]], ...] = ()

    @property
    def totals(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for module in self.modules:
            counts.update(module.status_counts)
        return {status: counts.get(status, 0) for status in STATUSES}

    @property
    def objectives_assessed(self) -> bool:
        return any(code for row in self.objective_colours for code in row.colours.values())

    @property
    def trends(self) -> list[Trend]:
        return [i.trend for m in self.modules for o in m.objectives for i in o.indicators if i.trend]


def load_plan(plan_id: int) -> Plan:
    plan = Plan.objects.select_related("municipality").filter(pk=plan_id).first()
    if plan is None:
        raise ReportError(_("Plan %(id)s does not exist.") % {"id": plan_id})
    return plan


def build_report(plan: Plan, year: int) -> AnnualReport:
    """The report of ``year`` in the active language; `ReportError` when that year has no evaluation."""
    screen = evaluation_view(plan, year)
    evaluation = screen.evaluation
    if evaluation.pk is None:
        raise ReportError(_("Plan %(id)s has no evaluation for %(year)s.") % {"id": plan.pk, "year": year})
    labels = status_labels()
    scale = tuple(Colour(c.code, c.label, c.hex) for c in screen.colours)
    not_assessed = Colour("", _("not assessed"), NOT_ASSESSED)

    def text(node: Any, field: str) -> str:
        """The node's text in the report's language where the plan has it translated."""
        return content(node, field, plan.language, get_language()).text

    modules = _objective_sections(screen, text, scale, labels)
    years = tuple(y for y in plan_years(plan) if y <= year) or (year,)
    return AnnualReport(
        language=get_language() or "fr",
        plan_id=plan.pk,
        title=text(plan, "title"),
        municipality=plan.municipality_label,
        period=f"{wording.day(plan.period_start)} – {wording.day(plan.period_end)}",
        signed_on=wording.day(plan.signed_on),
        year=year,
        state=evaluation.state,
        state_label=str(Evaluation.State(evaluation.state).label),
        changes=_state_changes(screen),
        scale=scale,
        palette={c.meaning: c.hex for c in screen.colours if c.meaning},
        status_names=tuple(labels[s] for s in STATUSES),
        modules=tuple(
            _module(title, tuple(sections), scale, not_assessed, labels)
            for title, sections in modules.values()
        ),
        years=years,
        objective_colours=_objective_colours(plan, years, screen.strategic_objectives, text),
        generated_on=wording.day(clock.today()),
        context=_context(plan, year, {so.module for so in screen.strategic_objectives}, text),
    )


def _objective_sections(
    screen: EvaluationView,
    text: Callable[[Any, str], str],
    scale: tuple[Colour, ...],
    labels: dict[str, str],
) -> dict[int, tuple[str, list[ObjectiveSection]]]:
    """One section per strategic objective (its status, service, appraisal and indicators' lines),
    grouped by module title in the plan's order; the services' names in one query."""
    progress = screen.progress
    by_code = {c.code: c for c in scale}
    services = dict(
        Service.objects.filter(
            pk__in={so.service_id for so in screen.strategic_objectives if so.service_id}
        ).values_list("pk", "name")
    )
    lines: dict[int, list[IndicatorLine]] = {}
    for row in progress.rows:
        appraisal = _appraisal(screen, INDICATOR, row.indicator.key, by_code)
        line = _indicator_line(
            row, text(row.indicator, "text"), progress.start, progress.end, appraisal, labels
        )
        lines.setdefault(row.strategic_objective.pk, []).append(line)
    modules: dict[int, tuple[str, list[ObjectiveSection]]] = {}
    for so in screen.strategic_objectives:
        status = progress.by_strategic_objective[so.pk]
        section = ObjectiveSection(
            title=text(so, "title"),
            service=services.get(so.service_id, "") if so.service_id else "",
            status=status.value,
            status_label=labels[status.value],
            appraisal=_appraisal(screen, OBJECTIVE, so.key, by_code),
            indicators=tuple(lines[so.pk]),
        )
        modules.setdefault(so.module_id, (text(so.module, "title"), []))[1].append(section)
    return modules


def _appraisal(screen: EvaluationView, subject: str, key: UUID, by_code: Mapping[str, Colour]) -> Appraisal:
    """The year's self-evaluation and the federal analysis, motivation and colour of an
    indicator or a strategic objective; empty when it was not assessed."""
    found = screen.assessments.get((subject, key))
    if found is None:
        return Appraisal()
    return Appraisal(
        self_evaluation=found.self_evaluation,
        analysis=found.analysis,
        motivation=found.motivation,
        colour=by_code.get(found.colour.code) if found.colour is not None else None,
    )


def _state_changes(screen: EvaluationView) -> tuple[StateChange, ...]:
    """The evaluation's history: each change of state, when and by whom, with its reason."""
    return tuple(
        StateChange(
            change=f"{t.get_from_state_display()} → {t.get_to_state_display()}",
            at=wording.day(t.at),
            by=(t.by.get_full_name() or t.by.username) if t.by else "—",
            reason=t.reason,
        )
        for t in screen.transitions
    )


def _context(
    plan: Plan, year: int, plan_modules: set[Module], text: Callable[[Any, str], str]
) -> tuple[tuple[str, tuple[Series, ...]], ...]:
    """One query (none without a municipality or a phenomenon module)."""
    municipality = plan.municipality
    places = [pk for pk in (plan.municipality_id, municipality and municipality.police_zone_id) if pk]
    ordered = sorted((m for m in plan_modules if m.phenomenon_id), key=lambda m: (m.order, m.pk))
    modules = [(text(m, "title"), m.phenomenon_id) for m in ordered if m.phenomenon_id]
    found = trends(places, [pk for _title, pk in modules]) if places and modules else {}
    result = []
    for title, phenomenon in modules:
        series = tuple(
            replace(s, points=tuple(p for p in s.points if p[0] <= year)) for s in found.get(phenomenon, ())
        )
        if any(s.points for s in series):
            result.append((title, tuple(s for s in series if s.points)))
    return tuple(result)


def _indicator_line(
    row: IndicatorRow, text: str, start: date, end: date, appraisal: Appraisal, labels: dict[str, str]
) -> IndicatorLine:
    target = row.target
    status = row.progress.status.value
    return IndicatorLine(
        text=text,
        target=target.raw if target else "",
        values=wording.values_text(target, row.measurements),
        progress=wording.progress_text(target, row.progress),
        status=status,
        status_label=labels[status],
        appraisal=appraisal,
        trend=_trend(row, text, start, end),
    )


def _trend(row: IndicatorRow, text: str, start: date, end: date) -> Trend | None:
    """The same data as the plan dashboard's trend chart, so both draw (and cache) the same chart."""
    target = row.target
    # One value is no trend: the table already shows it against the target.
    if target is None or target.kind not in NUMERIC or target.value is None or len(row.measurements) < 2:
        return None
    cumulative = target.kind is TargetKind.COUNT and target.per in (Period.YEAR, None)
    points = tuple(TrendPoint(r.period, r.value) for r in trend_rows(row, start, end, cumulative))
    return Trend(
        text,
        points,
        target=row.progress.expected if cumulative else target.value,
        target_label=target.raw,
        cumulative=cumulative,
    )


def _module(
    title: str,
    sections: tuple[ObjectiveSection, ...],
    scale: tuple[Colour, ...],
    not_assessed: Colour,
    labels: dict[str, str],
) -> ModuleSection:
    statuses: Counter[str] = Counter()
    colours: Counter[str] = Counter()
    for section in sections:
        for line in section.indicators:
            statuses[line.status] += 1
            colours[line.appraisal.colour.code if line.appraisal.colour else ""] += 1
    return ModuleSection(
        title=title,
        statuses=tuple((s, labels[s], statuses.get(s, 0)) for s in STATUSES),
        colours=(*((c, colours.get(c.code, 0)) for c in scale), (not_assessed, colours.get("", 0))),
        objectives=sections,
    )


def _objective_colours(
    plan: Plan, years: tuple[int, ...], objectives: list[StrategicObjective], text: Callable[[Any, str], str]
) -> tuple[ObjectiveColours, ...]:
    """The federal colour of each strategic objective in each year up to the report's (one query)."""
    found = {
        (key, y): code
        for key, y, code in Assessment.objects.filter(
            evaluation__lineage=plan.lineage,
            evaluation__year__in=years,
            subject=OBJECTIVE,
        ).values_list("subject_key", "evaluation__year", "colour__code")
    }
    return tuple(
        ObjectiveColours(text(so, "title"), {y: found.get((so.key, y)) for y in years}) for so in objectives
    )


def colour_for_status(report: AnnualReport, status: str) -> str:
    """The hex the scale suggests for a computed status (for shading status cells)."""
    return report.palette.get(status) or DEFAULT_STATUS_COLOURS[status]
