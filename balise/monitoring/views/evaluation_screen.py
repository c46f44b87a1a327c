"""What the evaluation page shows, built from `evaluation_view`: modules → strategic objectives →
indicators, each with its computed suggestion, the municipality's self-evaluation and the
federal analysis; the buttons this user may press; the other years of the plan."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from balise.accounts.users import Visitor
from balise.domain.progress import Progress, Status
from balise.domain.readiness import Readiness
from balise.monitoring.models import OPEN_STATES, Assessment, ColourCode, Evaluation
from balise.monitoring.rules import can_analyse, can_reopen, can_self_evaluate
from balise.monitoring.selectors import EvaluationView, readiness_of
from balise.plans.models import Module, Plan

State = Evaluation.State
INDICATOR = Assessment.Target.INDICATOR.value
OBJECTIVE = Assessment.Target.STRATEGIC_OBJECTIVE.value


@dataclass
class Subject:
    """One indicator or strategic objective of the evaluation, with its form state."""

    subject: str
    key: uuid.UUID
    title: str
    suggestion: Status
    suggested_colour: ColourCode | None
    assessment: Assessment | None
    progress: Progress | None = None
    target_raw: str = ""
    target_kind: str = ""
    posted: dict[str, str] = field(default_factory=dict)  # what was sent back when refused
    errors: list[str] = field(default_factory=list)
    theirs: Assessment | None = None  # someone else's version after a conflict
    conflict: bool = False

    @property
    def dom_id(self) -> str:
        return f"s-{self.key}"

    @property
    def revision(self) -> int:
        if self.conflict:
            return self.theirs.revision if self.theirs else 0
        return self.assessment.revision if self.assessment else 0

    def value(self, name: str) -> str:
        if name in self.posted:
            return self.posted[name]
        if self.assessment is None:
            return ""
        if name == "colour":
            return self.assessment.colour.code if self.assessment.colour else ""
        return getattr(self.assessment, name)

    @property
    def self_text(self) -> str:
        return self.value("self_evaluation")

    @property
    def analysis_text(self) -> str:
        return self.value("analysis")

    @property
    def motivation_text(self) -> str:
        return self.value("motivation")

    @property
    def colour_code(self) -> str:
        """The colour chosen (saved or just sent): never the suggestion, which is only a hint."""
        return self.value("colour")


@dataclass
class ObjectiveSection:
    objective: Subject
    indicators: list[Subject]


@dataclass
class ModuleSection:
    module: Module
    objectives: list[ObjectiveSection]


@dataclass
class PastYear:
    evaluation: Evaluation
    colours: list[tuple[ColourCode, int]]


@dataclass
class EvaluationScreen:
    plan: Plan
    year: int
    view: EvaluationView
    sections: list[ModuleSection]
    subjects: dict[tuple[str, uuid.UUID], Subject]
    actions: list[str]
    may_self_evaluate: bool
    may_analyse: bool
    past: list[PastYear]
    readiness: Readiness

    @property
    def self_evaluated(self) -> int:
        return self.readiness.subjects - len(self.readiness.without_self_evaluation)

    @property
    def evaluation(self) -> Evaluation:
        return self.view.evaluation


def allowed_actions(user: Visitor, plan: Plan, state: str) -> list[str]:
    """The changes of state this user may ask for now (the workflow checks them again)."""
    actions = []
    if state in OPEN_STATES and can_self_evaluate(user, plan):
        actions.append("submit")
    if state == State.SUBMITTED and can_analyse(user, plan):
        actions += ["analyse", "return"]
    if state == State.ANALYSED and can_analyse(user, plan):
        actions.append("close")
    if state != State.DRAFT and can_reopen(user):
        actions.append("reopen")
    return actions


def _subject(view: EvaluationView, subject: str, key: uuid.UUID, title: str) -> Subject:
    return Subject(
        subject=subject,
        key=key,
        title=title,
        suggestion=view.suggestions.get((subject, key), Status.NO_DATA),
        suggested_colour=view.suggested_colours.get((subject, key)),
        assessment=view.assessments.get((subject, key)),
    )


def past_years(plan: Plan, colours: list[ColourCode]) -> list[PastYear]:
    """Every evaluation of the plan (all versions), with how many subjects got each colour."""
    evaluations = list(Evaluation.objects.filter(lineage=plan.lineage).order_by("-year"))
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        Assessment.objects.filter(evaluation__in=evaluations, colour__isnull=False)
        .values("evaluation_id", "colour_id")
        .annotate(n=Count("id"))
    ):
        counts[row["evaluation_id"]][row["colour_id"]] = row["n"]
    return [
        PastYear(e, [(c, counts[e.pk][c.pk]) for c in colours if counts[e.pk].get(c.pk)]) for e in evaluations
    ]


def build_evaluation_screen(user: Visitor, plan: Plan, year: int, view: EvaluationView) -> EvaluationScreen:
    sections: list[ModuleSection] = []
    subjects: dict[tuple[str, uuid.UUID], Subject] = {}
    by_objective: dict[int, ObjectiveSection] = {}
    for row in view.progress.rows:
        so = row.strategic_objective
        section = by_objective.get(so.pk)
        if section is None:
            objective = _subject(view, OBJECTIVE, so.key, so.title)
            subjects[(OBJECTIVE, so.key)] = objective
            section = by_objective[so.pk] = ObjectiveSection(objective, [])
            if not sections or sections[-1].module.pk != row.module.pk:
                sections.append(ModuleSection(row.module, []))
            sections[-1].objectives.append(section)
        item = _subject(view, INDICATOR, row.indicator.key, row.indicator.text)
        item.progress = row.progress
        item.target_raw = row.indicator.target_raw
        item.target_kind = row.indicator.target_kind
        subjects[(INDICATOR, row.indicator.key)] = item
        section.indicators.append(item)
    state = view.evaluation.state
    return EvaluationScreen(
        plan=plan,
        year=year,
        view=view,
        sections=sections,
        subjects=subjects,
        actions=allowed_actions(user, plan, state),
        may_self_evaluate=state in OPEN_STATES and bool(can_self_evaluate(user, plan)),
        may_analyse=state == State.SUBMITTED and bool(can_analyse(user, plan)),
        past=past_years(plan, view.colours),
        readiness=readiness_of(view),
    )
