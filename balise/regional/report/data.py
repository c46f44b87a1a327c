"""The report's content as plain frozen data, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count

from balise import charts, clock
from balise.plans.models import PlanThematic
from balise.regional import selectors
from balise.regional.coverage import TABLEAU_1, CoverageTable
from balise.regional.figures import coverage_chart, funding_chart
from balise.regional.models import PartnerCategory, Project, ProjectMeasure, RegionalPlan
from balise.regional.selectors import Filters


@dataclass(frozen=True)
class OutputLine:
    """An approved figure (drafts, submitted and returned figures are never reported)."""

    year: int
    label: str
    number: Decimal
    unit: str = ""
    target: Decimal | None = None


@dataclass(frozen=True)
class ProjectEntry:
    title: str
    partner: str
    category: str
    period: str
    primary: bool
    outputs: tuple[OutputLine, ...]  # given under the project's primary measure only


@dataclass(frozen=True)
class MeasureEntry:
    code: str
    text: str
    projects: tuple[ProjectEntry, ...]
    objectives: tuple[str, ...]  # municipal objectives linked to the measure


@dataclass(frozen=True)
class ThematicEntry:
    number: int
    title: str
    measures: tuple[MeasureEntry, ...]


@dataclass(frozen=True)
class CategoryContribution:
    category: str
    partners: int
    projects: int
    measures: int
    amount: Decimal


@dataclass(frozen=True)
class RegionalAnnualReport:
    title: str
    region: str
    year_from: int
    year_to: int
    generated_on: date
    coverage: CoverageTable
    contributions: tuple[CategoryContribution, ...]
    thematics: tuple[ThematicEntry, ...]
    missions: tuple[tuple[str, str], ...]
    coverage_chart: charts.Chart
    funding_chart: charts.Chart

    @property
    def years(self) -> str:
        return str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}-{self.year_to}"

    @property
    def funding_total(self) -> Decimal:
        return sum((c.amount for c in self.contributions), Decimal("0.00"))


def _contributions(
    regional: RegionalPlan, filters: Filters, funding: dict[str, Decimal]
) -> tuple[CategoryContribution, ...]:
    counts = {
        row["partner__category"]: row
        for row in selectors.projects(regional, filters)
        .values("partner__category")
        .annotate(
            partners=Count("partner", distinct=True),
            projects=Count("pk", distinct=True),
            measures=Count("measure_links__measure", distinct=True),
        )
        .order_by()
    }

    def contribution(key: str, label: str) -> CategoryContribution:
        row = counts.get(key)
        if row is None:
            return CategoryContribution(label, partners=0, projects=0, measures=0, amount=funding[key])
        return CategoryContribution(
            label, row["partners"], row["projects"], row["measures"], amount=funding[key]
        )

    return tuple(contribution(key, str(label)) for key, label in PartnerCategory.choices)


def _thematics(regional: RegionalPlan, filters: Filters) -> tuple[ThematicEntry, ...]:
    labels = dict(PartnerCategory.choices)
    links = (
        ProjectMeasure.objects.filter(
            project__regional_plan=regional,
            project__year_start__lte=filters.year_to,
            project__year_end__gte=filters.year_from,
        )
        .select_related("project__partner")
        .order_by("-primary", "project__title", "pk")
    )
    by_measure: dict[int, list[ProjectMeasure]] = {}
    for link in links:
        by_measure.setdefault(link.measure_id, []).append(link)
    primary_projects = [ls.project_id for group in by_measure.values() for ls in group if ls.primary]
    outputs = selectors.approved_figures(primary_projects, filters)
    objectives: dict[int, list[str]] = {}
    for objective_link in (
        selectors.objective_links(filters)
        .filter(measure__thematic__plan_id=regional.plan_id)
        .select_related("plan__municipality", "strategic_objective", "operational_objective")
    ):
        objectives.setdefault(objective_link.measure_id, []).append(
            f"{objective_link.plan.municipality_label} · {objective_link.objective_title}"
        )

    def project(link: ProjectMeasure) -> ProjectEntry:
        p: Project = link.project
        lines = outputs.get(p.pk, []) if link.primary else []
        return ProjectEntry(
            p.title,
            p.partner.name,
            str(labels[p.partner.category]),
            p.period,
            link.primary,
            tuple(OutputLine(o.year, o.label, o.value, o.unit, o.target) for o in lines),
        )

    thematics = PlanThematic.objects.filter(plan_id=regional.plan_id).prefetch_related("measures")
    return tuple(
        ThematicEntry(
            t.number,
            t.title,
            tuple(
                MeasureEntry(
                    m.code,
                    m.text,
                    tuple(project(link) for link in by_measure.get(m.pk, [])),
                    tuple(objectives.get(m.pk, [])),
                )
                for m in t.measures.all()
            ),
        )
        for t in thematics
    )


def build_report(regional: RegionalPlan, year_from: int, year_to: int) -> RegionalAnnualReport:
    filters = Filters(year_from, year_to)
    coverage = selectors.coverage_table(regional, filters, TABLEAU_1)
    funding = selectors.funding_by_category(regional, filters)
    return RegionalAnnualReport(
        title=regional.plan.title,
        region=regional.region.name,
        year_from=year_from,
        year_to=year_to,
        generated_on=clock.today(),
        coverage=coverage,
        contributions=_contributions(regional, filters, funding),
        thematics=_thematics(regional, filters),
        missions=tuple((m.code, m.title) for m in regional.missions.all()),
        coverage_chart=coverage_chart(coverage),
        funding_chart=funding_chart(funding),
    )
