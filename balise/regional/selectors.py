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
    Partner,
    PartnerCategory,
    Project,
    ProjectMeasure,
    ProjectOutput,
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
        .annotate(total=Count("pk"), any=Count("pk", filter=_contributed(every, filters)), **counts)
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
            "outputs",
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


def outputs_by_project(project_ids: Sequence[int], filters: Filters) -> dict[int, list[ProjectOutput]]:
    found: dict[int, list[ProjectOutput]] = {pk: [] for pk in project_ids}
    rows = ProjectOutput.objects.filter(
        project_id__in=project_ids, year__gte=filters.year_from, year__lte=filters.year_to
    )
    for output in rows:
        found[output.project_id].append(output)
    return found
