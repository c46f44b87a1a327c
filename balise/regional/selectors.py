"""Shared reads of the regional layer: the coverage table in one aggregate query, its drill-down,
projects and funding. Pages, the API and the report all read through here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum

from balise.accounts.rules import restrict_plans
from balise.accounts.users import Visitor
from balise.plans.models import Plan, PlanMeasure
from balise.regional.coverage import OBJECTIVE_CATEGORY, TABLEAU_1, Column, CoverageTable, build_table
from balise.regional.models import (
    ObjectiveLink,
    OutputDefinition,
    OutputEvidence,
    OutputReport,
    OutputTransition,
    OutputValue,
    Partner,
    PartnerCategory,
    Project,
    ProjectMeasure,
    RegionalPlan,
    Subsidy,
)
from balise.regional.rules import scope_for


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters; ``partners`` also carries a partner user's own scope."""

    year_from: int
    year_to: int
    thematic: int | None = None
    category: str | None = None
    partners: frozenset[int] | None = None


def visible_regional_plans(user: Visitor) -> list[RegionalPlan]:
    plans = RegionalPlan.objects.select_related("plan", "region")
    return [rp for rp in plans if scope_for(user, rp) is not None] if user.is_authenticated else []


# --- coverage --------------------------------------------------------------------------------------


def _project_links(categories: Sequence[str], filters: Filters) -> QuerySet[ProjectMeasure]:
    links = ProjectMeasure.objects.filter(
        project__partner__category__in=categories,
        project__year_start__lte=filters.year_to,
        project__year_end__gte=filters.year_from,
    )
    if filters.partners is not None:
        links = links.filter(project__partner_id__in=filters.partners)
    return links


def objective_links(filters: Filters) -> QuerySet[ObjectiveLink]:
    """Municipal objectives in a plan whose period meets the years (an open period meets them all)."""
    links = ObjectiveLink.objects.filter(
        Q(plan__period_start__isnull=True) | Q(plan__period_start__year__lte=filters.year_to),
        Q(plan__period_end__isnull=True) | Q(plan__period_end__year__gte=filters.year_from),
    )
    if filters.partners is not None:
        organisations = Partner.objects.filter(pk__in=filters.partners).values("organisation_id")
        links = links.filter(plan__municipality_id__in=organisations)
    return links


def _contributed(categories: Sequence[str], filters: Filters) -> Q:
    """True for a measure (the outer row) with a contribution from one of ``categories``."""
    condition = Q(Exists(_project_links(categories, filters).filter(measure=OuterRef("pk"))))
    if OBJECTIVE_CATEGORY in categories:
        condition |= Q(Exists(objective_links(filters).filter(measure=OuterRef("pk"))))
    return condition


def _approved(filters: Filters) -> Q:
    """True for a measure (the outer row) with a project whose figures of one of the years are
    approved: the coverage's "with approved outputs" column."""
    links = ProjectMeasure.objects.filter(
        Exists(
            OutputReport.objects.filter(
                project=OuterRef("project"),
                state=OutputReport.State.APPROVED,
                year__gte=filters.year_from,
                year__lte=filters.year_to,
            )
        )
    )
    if filters.partners is not None:
        links = links.filter(project__partner_id__in=filters.partners)
    if filters.category:
        links = links.filter(project__partner__category=filters.category)
    return Q(Exists(links.filter(measure=OuterRef("pk"))))


def measures_of(regional_plan: RegionalPlan, thematic: int | None = None) -> QuerySet[PlanMeasure]:
    measures = PlanMeasure.objects.filter(thematic__plan_id=regional_plan.plan_id)
    return measures.filter(thematic__number=thematic) if thematic else measures


def coverage_table(
    regional_plan: RegionalPlan, filters: Filters, columns: Sequence[Column] = TABLEAU_1
) -> CoverageTable:
    """One query: per thematic, its measures and, per column, how many have a contribution.

    Measures are counted by row, never by text: two measures worded alike count twice.
    """
    every = sorted({c for column in columns for c in column.categories})
    counts = {
        f"c{i}": Count("pk", filter=_contributed(col.categories, filters)) for i, col in enumerate(columns)
    }
    rows = (
        measures_of(regional_plan, filters.thematic)
        .values("thematic__number", "thematic__title")
        .annotate(
            total=Count("pk"),
            any=Count("pk", filter=_contributed(every, filters)),
            reported=Count("pk", filter=_approved(filters)),
            **counts,
        )
        .order_by("thematic__number")
    )
    data = [{**row, "number": row["thematic__number"], "title": row["thematic__title"]} for row in rows]
    return build_table(columns, data, filters.year_from, filters.year_to)


@dataclass(frozen=True)
class MeasureContributions:
    measure: PlanMeasure
    links: tuple[ProjectMeasure, ...]  # with their project and partner
    objectives: tuple[ObjectiveLink, ...]

    @property
    def covered(self) -> bool:
        return bool(self.links or self.objectives)


def coverage_detail(
    regional_plan: RegionalPlan, thematic: int, column: Column, filters: Filters
) -> list[MeasureContributions]:
    """The drill-down of one cell: every measure of the thematic with the contributions counted
    there (three queries)."""
    measures = list(measures_of(regional_plan, thematic).order_by("order", "pk"))
    ids = [m.pk for m in measures]
    links = (
        _project_links(column.categories, filters)
        .filter(measure_id__in=ids)
        .select_related("project__partner")
        .order_by("project__title", "pk")
    )
    by_measure: dict[int, list] = {pk: [] for pk in ids}
    for link in links:
        by_measure[link.measure_id].append(link)
    objectives: dict[int, list] = {pk: [] for pk in ids}
    if OBJECTIVE_CATEGORY in column.categories:
        found = (
            objective_links(filters)
            .filter(measure_id__in=ids)
            .select_related("plan__municipality", "strategic_objective", "operational_objective")
        )
        for objective_link in found:
            objectives[objective_link.measure_id].append(objective_link)
    return [MeasureContributions(m, tuple(by_measure[m.pk]), tuple(objectives[m.pk])) for m in measures]


# --- projects and money ------------------------------------------------------------------------------


def projects(regional_plan: RegionalPlan, filters: Filters, partner: int | None = None) -> QuerySet[Project]:
    found = Project.objects.filter(
        regional_plan=regional_plan, year_start__lte=filters.year_to, year_end__gte=filters.year_from
    ).select_related("partner")
    if filters.partners is not None:
        found = found.filter(partner_id__in=filters.partners)
    if partner:
        found = found.filter(partner_id=partner)
    if filters.category:
        found = found.filter(partner__category=filters.category)
    if filters.thematic:
        found = found.filter(measure_links__measure__thematic__number=filters.thematic).distinct()
    return found


def project_detail(project_id: int, regional_plan: RegionalPlan) -> Project:
    return (
        Project.objects.select_related("partner", "regional_plan")
        .prefetch_related(
            Prefetch(
                "measure_links",
                queryset=ProjectMeasure.objects.select_related("measure__thematic"),
            ),
            "subsidies",
        )
        .get(pk=project_id, regional_plan=regional_plan)
    )


def funding_by_category(regional_plan: RegionalPlan, filters: Filters) -> dict[str, Decimal]:
    """Subsidies of the years per partner category, every category present (zero when none)."""
    subsidies = Subsidy.objects.filter(
        partner__region_id=regional_plan.region_id, year__gte=filters.year_from, year__lte=filters.year_to
    )
    if filters.partners is not None:
        subsidies = subsidies.filter(partner_id__in=filters.partners)
    if filters.category:
        subsidies = subsidies.filter(partner__category=filters.category)
    sums = dict(subsidies.values_list("partner__category").annotate(total=Sum("amount_eur")).order_by())
    return {c.value: sums.get(c.value) or Decimal("0.00") for c in PartnerCategory}


def municipal_plans(regional_plan: RegionalPlan, user: Visitor) -> QuerySet[Plan]:
    """Plans of the region's municipalities that ``user`` may read, whose objectives can be linked."""
    plans = Plan.objects.filter(municipality__region_id=regional_plan.region_id).exclude(status="superseded")
    return restrict_plans(
        user, plans.select_related("municipality").order_by("municipality__name_fr", "title")
    )


def partners_of(regional_plan: RegionalPlan) -> QuerySet[Partner]:
    return Partner.objects.filter(region_id=regional_plan.region_id).select_related("organisation")


@dataclass(frozen=True)
class ApprovedFigure:
    year: int
    label: str
    unit: str
    value: Decimal
    target: Decimal | None


def approved_figures(project_ids: Sequence[int], filters: Filters) -> dict[int, list[ApprovedFigure]]:
    """The approved figures of the years per project (one query); drafts, submitted and returned
    figures are never counted."""
    found: dict[int, list[ApprovedFigure]] = {pk: [] for pk in project_ids}
    rows = (
        OutputValue.objects.filter(
            report__project_id__in=project_ids,
            report__state=OutputReport.State.APPROVED,
            report__year__gte=filters.year_from,
            report__year__lte=filters.year_to,
        )
        .select_related("definition", "report")
        .order_by("report__year", "definition__order", "definition_id")
    )
    for row in rows:
        found[row.report.project_id].append(
            ApprovedFigure(
                row.report.year,
                row.definition.label,
                row.definition.unit,
                row.value,
                row.definition.yearly_target,
            )
        )
    return found


# --- a project's outputs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    definition: OutputDefinition
    value: Decimal | None


@dataclass(frozen=True)
class YearOutputs:
    year: int
    report: OutputReport | None
    rows: tuple[FigureRow, ...]
    evidence: tuple[OutputEvidence, ...]
    transitions: tuple[OutputTransition, ...]

    @property
    def state(self) -> str:
        return self.report.state if self.report else OutputReport.State.DRAFT

    @property
    def state_label(self) -> str:
        return str(OutputReport.State(self.state).label)

    @property
    def is_open(self) -> bool:
        return self.report is None or self.report.is_open

    @property
    def revision(self) -> int:
        return self.report.revision if self.report else 0

    @property
    def narrative(self) -> str:
        return self.report.narrative if self.report else ""

    @property
    def reported(self) -> int:
        return sum(1 for r in self.rows if r.value is not None)

    @property
    def comment(self) -> str:
        """The coordinator's comment while the figures are returned."""
        if self.state != OutputReport.State.RETURNED:
            return ""
        returns = [t for t in self.transitions if t.to_state == OutputReport.State.RETURNED]
        return returns[-1].comment if returns else ""


@dataclass(frozen=True)
class ProjectOutputs:
    definitions: tuple[OutputDefinition, ...]
    years: tuple[YearOutputs, ...]

    def year(self, year: int) -> YearOutputs:
        return next(y for y in self.years if y.year == year)


def project_outputs(project: Project, only_year: int | None = None) -> ProjectOutputs:
    """Definitions and every year of the project (or one) with figures, evidence and changes of
    state: five queries whatever the number of years and outputs."""
    years = [only_year] if only_year is not None else list(range(project.year_start, project.year_end + 1))
    definitions = tuple(OutputDefinition.objects.filter(project=project))
    reports = {r.year: r for r in OutputReport.objects.filter(project=project, year__in=years)}
    ids = [r.pk for r in reports.values()]
    values: dict[int, dict[int, Decimal]] = {pk: {} for pk in ids}
    for report_id, definition_id, value in OutputValue.objects.filter(report_id__in=ids).values_list(
        "report_id", "definition_id", "value"
    ):
        values[report_id][definition_id] = value
    evidence: dict[int, list[OutputEvidence]] = {pk: [] for pk in ids}
    for item in OutputEvidence.objects.filter(report_id__in=ids):
        evidence[item.report_id].append(item)
    transitions: dict[int, list[OutputTransition]] = {pk: [] for pk in ids}
    for step in OutputTransition.objects.filter(report_id__in=ids).select_related("by"):
        transitions[step.report_id].append(step)

    def one(year: int) -> YearOutputs:
        report = reports.get(year)
        found = values.get(report.pk, {}) if report else {}
        return YearOutputs(
            year,
            report,
            tuple(FigureRow(d, found.get(d.pk)) for d in definitions),
            tuple(evidence.get(report.pk, [])) if report else (),
            tuple(transitions.get(report.pk, [])) if report else (),
        )

    return ProjectOutputs(definitions, tuple(one(y) for y in years))


def awaiting_approval(regional_plan: RegionalPlan) -> QuerySet[OutputReport]:
    """Submitted figures waiting for the coordinator, oldest first."""
    return (
        OutputReport.objects.filter(project__regional_plan=regional_plan, state=OutputReport.State.SUBMITTED)
        .select_related("project__partner")
        .order_by("updated_at", "pk")
    )
