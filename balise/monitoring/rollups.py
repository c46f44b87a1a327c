"""Roll-ups of many plans' progress, read from the maintained `IndicatorYearProgress` table, or
for the federal overview from its counts per plan (`ProgressTally`).

Each roll-up is one grouped query over that table (statuses and colours counted by the database),
plus a few small lookups for labels: a fixed number of queries whatever the number of plans.
The table holds the status computed without a day; `status_on` makes it the status of ``today``
(a deadline not reached yet becomes "not met" the day after it), inside the same grouped query.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Aggregate, BooleanField, Case, Count, Q, QuerySet, Sum, Value, When
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from balise import clock
from balise.accounts.models import Organisation
from balise.domain.languages import pick
from balise.domain.progress import Status, status_on
from balise.monitoring import federal_tally

# re-exported: where pages and benchmarks find which plans a roll-up counts
from balise.monitoring.federal_tally import federal_plans_in_force as federal_plans_in_force
from balise.monitoring.federal_tally import plans_in_force as plans_in_force
from balise.monitoring.models import (
    ColourCode,
    Evaluation,
    FederalTally,
    FederalTallyPlan,
    IndicatorYearProgress,
    ProgressTally,
)
from balise.plans.models import Module, Plan, PlanKind
from balise.reference.models import Phenomenon, Sector

# status → count; colour code → count ("" = not assessed)
Tally = tuple[Counter, Counter]


@dataclass(frozen=True)
class Counted:
    """Says that the plans given to `federal_overview` are the federal versions in force of the
    year (in ``regions``, or all): it then sums the counts kept per region (`FederalTally`)."""

    regions: frozenset[int] | None = None


def tally(
    rows: QuerySet[IndicatorYearProgress] | QuerySet[ProgressTally] | QuerySet[FederalTally],
    by: Iterable[str],
    scale: list[ColourCode],
    today: date,
) -> dict[tuple, Tally]:
    """Statuses (as of ``today``) and colours of ``rows`` (progress rows, or counts that are
    summed), counted per value of the ``by`` columns: one query."""
    by = tuple(by)
    count: Aggregate = Count("id") if rows.model is IndicatorYearProgress else Sum("n")
    codes = {c.pk: c.code for c in scale}
    late = Case(When(due__lt=today, then=Value(True)), default=Value(False), output_field=BooleanField())
    result: dict[tuple, Tally] = defaultdict(lambda: (Counter(), Counter()))
    grouped = rows.values(*by, "status", "colour_id", late=late).annotate(n=count).order_by()
    for row in grouped:
        statuses, colours = result[tuple(row[name] for name in by)]
        status = status_on(Status(row["status"]), today if row["late"] else None, today)
        statuses[status.value] += row["n"]
        colours[codes.get(row["colour_id"], "")] += row["n"]
    return dict(result)


def _merge(tallies: Iterable[Tally]) -> Tally:
    statuses: Counter[str] = Counter()
    colours: Counter[str] = Counter()
    for s, c in tallies:
        statuses.update(s)
        colours.update(c)
    return statuses, colours


# --- the federal overview ------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewRow:
    key: str  # the group (phenomenon) or the municipality id
    label: str
    statuses: dict[str, int]
    colours: dict[str, int]  # colour code → indicators; "" = not assessed
    columns: tuple[int, ...] = ()  # the counts in the order of the table: statuses, then colours

    @property
    def total(self) -> int:
        return sum(self.statuses.values())


@dataclass(frozen=True)
class FederalOverview:
    year: int
    phenomenon: str  # "" for all, else the group key ("phenomenon:<code>", "coordination"…)
    rows: list[OverviewRow]
    totals: OverviewRow
    scale: list[ColourCode]
    groups: list[tuple[str, str]]  # every group present, for the picker
    plans: int


def _row(key: str, label: str, counted: Tally, scale: list[ColourCode]) -> OverviewRow:
    statuses, colours = counted
    by_status = {s.value: statuses.get(s.value, 0) for s in Status}
    columns = (*by_status.values(), *(colours.get(c.code, 0) for c in scale), colours.get("", 0))
    return OverviewRow(key, label, by_status, {code: n for code, n in colours.items() if n}, columns)


def _name(item: Phenomenon | Sector | Organisation, language: str) -> str:
    return pick(language, item.name_fr or "", item.name_nl, getattr(item, "name_de", ""))


# The columns a federal overview groups by; shared with the breakdowns by dimension.
GROUP_COLUMNS = ("module_kind", "phenomenon_id", "sector_id")


def group_names(keys: Iterable[tuple], language: str) -> dict[tuple, tuple[tuple, str, str]]:
    """(kind, phenomenon id, sector id) → (order, group key, label), with two small lookups."""
    keys = list(keys)
    phenomena = {p.pk: p for p in Phenomenon.objects.filter(pk__in={k[1] for k in keys if k[1]})}
    sectors = {s.pk: s for s in Sector.objects.filter(pk__in={k[2] for k in keys if k[2]})}
    result = {}
    for key in keys:
        kind, phenomenon_id, sector_id = key
        if kind == Module.Kind.COORDINATION:
            result[key] = ((0, 0), "coordination", _("Coordination"))
        elif phenomenon_id:
            p = phenomena[phenomenon_id]
            result[key] = ((1, p.order), f"phenomenon:{p.code}", _name(p, language))
        elif sector_id:
            s = sectors[sector_id]
            result[key] = ((2, 0), f"sector:{s.code}", _name(s, language))
        else:
            result[key] = ((3, 0), "other", _("Other modules"))
    return result


def in_group(group: str) -> Q:
    """The rows of one group key of the picker."""
    not_coordination = ~Q(module_kind=Module.Kind.COORDINATION)
    if group == "coordination":
        return Q(module_kind=Module.Kind.COORDINATION)
    if group.startswith("phenomenon:"):
        return not_coordination & Q(phenomenon__code=group.split(":", 1)[1])
    if group.startswith("sector:"):
        return not_coordination & Q(phenomenon__isnull=True, sector__code=group.split(":", 1)[1])
    if group == "other":
        return not_coordination & Q(phenomenon__isnull=True, sector__isnull=True)
    return Q(pk__in=[])  # an unknown key selects nothing


def federal_overview(
    plans: QuerySet[Plan],
    year: int,
    phenomenon: str = "",
    *,
    today: date | None = None,
    counted: Counted | None = None,
) -> FederalOverview:
    """Counts by status and colour per phenomenon (or, for one phenomenon, per municipality).

    Seven queries at most whatever the number of plans and values: the scale, the counts per
    group, the groups' names (phenomena, sectors), with one phenomenon its counts per municipality
    and their names, then the number of plans counted. The counts are summed from `ProgressTally`
    (a few rows per plan), never from the values or one row per indicator; with ``counted`` (the
    plans are the federal versions in force) from `FederalTally` (a few rows per region), after
    two more queries that check it counts those plans (`federal_tally.ensure`).
    """
    today = today or clock.today()
    language = get_language() or "fr"
    scale = list(ColourCode.objects.all())
    rows = ProgressTally.objects.filter(year=year, plan__in=plans)
    kept = FederalTally.objects.filter(year=year)
    kept_plans = FederalTallyPlan.objects.filter(year=year, indicators__gt=0)
    if counted is not None:
        federal_tally.ensure(year)
        if counted.regions is not None:
            kept = kept.filter(region_id__in=counted.regions)
            kept_plans = kept_plans.filter(region_id__in=counted.regions)
    per_group = tally(rows if counted is None else kept, GROUP_COLUMNS, scale, today)
    groups = group_names(per_group, language)
    ordered = sorted(groups.values())
    if phenomenon:
        rows = rows.filter(in_group(phenomenon))
        per_town = tally(rows, ("municipality_id",), scale, today)
        names = {
            o.pk: _name(o, language) for o in Organisation.objects.filter(pk__in=[k[0] for k in per_town])
        }
        table = [
            _row(str(pk), name, per_town[(pk,)], scale)
            for name, pk in sorted((names.get(k[0], ""), k[0]) for k in per_town)
        ]
        selected = _merge(per_town.values())
    else:
        merged: dict[tuple, list[Tally]] = defaultdict(list)
        for key, counts in per_group.items():
            merged[groups[key]].append(counts)  # a sector may sit in several kinds of module
        table = [
            _row(group, label, _merge(merged[(order, group, label)]), scale)
            for order, group, label in sorted(merged)
        ]
        selected = _merge(per_group.values())
    if not selected[0]:
        counted_plans = 0
    elif counted is not None and not phenomenon:
        counted_plans = kept_plans.count()
    else:
        counted_plans = rows.aggregate(n=Count("plan_id", distinct=True))["n"]
    return FederalOverview(
        year=year,
        phenomenon=phenomenon,
        rows=table,
        totals=_row("total", _("Total"), selected, scale),
        scale=scale,
        groups=list(dict.fromkeys((group, label) for _order, group, label in ordered)),
        plans=counted_plans,
    )


# --- one municipality across years and plan versions ----------------------------------------------


@dataclass(frozen=True)
class MunicipalityYear:
    year: int
    plan: Plan
    counts: dict[str, int]
    colours: dict[str, int]
    evaluation_state: str
    columns: tuple[int, ...] = ()  # statuses then colours of the scale, then "not assessed"


def municipality_years(municipality_id: int, *, today: date | None = None) -> list[MunicipalityYear]:
    """Per year and plan in force that year: statuses and colours. Four queries whatever the
    number of years and plans: the plans, the scale, the evaluations, the counts."""
    today = today or clock.today()
    plans = list(
        Plan.objects.filter(municipality_id=municipality_id, period_start__isnull=False).exclude(
            kind=PlanKind.PGSP
        )
    )
    if not plans:
        return []
    first = min(p.period_start.year for p in plans if p.period_start is not None)  # all, by the filter
    last = min(max((p.period_end or today).year for p in plans), max(today.year, first))
    by_id = {p.pk: p for p in plans}
    scale = list(ColourCode.objects.all())
    states = {
        (e.lineage, e.year): e.get_state_display()
        for e in Evaluation.objects.filter(lineage__in={p.lineage for p in plans})
    }
    in_force = Q(pk__in=[])
    for year in range(first, last + 1):
        in_force |= Q(year=year, plan__in=plans_in_force(year).filter(municipality_id=municipality_id))
    counted = tally(
        IndicatorYearProgress.objects.filter(in_force, municipality_id=municipality_id),
        ("year", "plan_id"),
        scale,
        today,
    )
    result = []
    for year, plan_id in sorted(counted, key=lambda k: (k[0], by_id[k[1]].kind, k[1])):
        plan = by_id[plan_id]
        row = _row("", "", counted[(year, plan_id)], scale)
        result.append(
            MunicipalityYear(
                year, plan, row.statuses, row.colours, states.get((plan.lineage, year), ""), row.columns
            )
        )
    return result
