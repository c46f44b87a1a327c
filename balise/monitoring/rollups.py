"""Roll-ups of many plans' progress, read from the maintained `IndicatorYearProgress` table, or
for the federal overview from its counts per plan (`ProgressTally`).

Each roll-up is one grouped query over that table (statuses and colours counted by the database),
plus a few small lookups for labels: a fixed number of queries whatever the number of plans.
The table holds the status computed without a day; `status_on` makes it the status of ``today``
(a deadline not reached yet becomes "not met" the day after it), inside the same grouped query.
"""

from __future__ import annotations

import functools
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Aggregate, BooleanField, Case, Count, Q, QuerySet, Sum, Value, When
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from balise import clock
from balise.accounts.models import Organisation
from balise.domain.languages import pick
from balise.domain.progress import Status, status_on
from balise.monitoring import federal_tally

# re-exported: where pages and benchmarks find which plans a roll-up counts
from balise.monitoring.federal_tally import counted_plans as counted_plans
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
    grouped = rows.values_list(*by, "status", "colour_id", late).annotate(n=count).order_by()
    on = {
        (status.value, late): status_on(status, today if late else None, today).value
        for status in Status
        for late in (False, True)
    }
    for *key, status, colour, is_late, n in grouped:
        statuses, colours = result[tuple(key)]
        statuses[on[(status, bool(is_late))]] += n
        colours[codes.get(colour, "")] += n
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


def _per_group(per_group: dict[tuple, Tally], groups: dict, scale: list[ColourCode]) -> list[OverviewRow]:
    """One row per group of the picker (a sector may sit in several kinds of module)."""
    merged: dict[tuple, list[Tally]] = defaultdict(list)
    for key, counts in per_group.items():
        merged[groups[key]].append(counts)
    return [
        _row(group, label, _merge(merged[(order, group, label)]), scale)
        for order, group, label in sorted(merged)
    ]


def _columns(scale: list[ColourCode], today: date) -> dict[str, Aggregate]:
    """The counts of a row of the table as sums of `ProgressTally`'s ``n``, each over the rows
    it counts: per status as of ``today`` (a stored status, or "not met" once its deadline has
    passed: `status_on`) and per colour of the scale; "not assessed" is what the colours leave."""
    late = Q(due__lt=today)
    on_time = Q(due__isnull=True) | Q(due__gte=today)
    sums: dict[str, Aggregate] = {}
    for shown in Status:
        when = []
        for due, rows in ((None, on_time), (today - timedelta(days=1), late)):
            stored = [s.value for s in Status if status_on(s, due, today) is shown]
            if stored:
                when.append(Q(status__in=stored) & rows)
        sums[f"status_{shown.value}"] = Sum("n", filter=functools.reduce(operator.or_, when))
    for colour in scale:
        sums[f"colour_{colour.pk}"] = Sum("n", filter=Q(colour_id=colour.pk))
    return sums


def _town_row(key: str, label: str, counts: list[int], scale: list[ColourCode]) -> OverviewRow:
    """A municipality's row from its counts in the order of `_columns` (statuses, then the
    colours of the scale), as `_row` would make it from the same counts as a `Tally`, without
    building two counters per row (ten thousand rows at 10 000 plans)."""
    statuses = counts[: len(Status)]
    colours = counts[len(Status) :]
    columns = (*statuses, *colours, sum(statuses) - sum(colours))  # the last: not assessed
    codes = [*(c.code for c in scale), ""]
    return OverviewRow(
        key,
        label,
        dict(zip(STATUS_VALUES, statuses, strict=True)),
        {code: n for code, n in zip(codes, columns[len(Status) :], strict=True) if n},
        columns,
    )


STATUS_VALUES = tuple(s.value for s in Status)


def _per_municipality(
    rows: QuerySet[ProgressTally], scale: list[ColourCode], today: date, language: str
) -> tuple[list[OverviewRow], Tally, int]:
    """One row per municipality of ``rows`` (one group's counts), their sum and the number of
    plans counted: one query, which sums each plan's counts per status and colour in its columns,
    then each municipality's plans (one row per municipality, with its names: ten thousand ids
    written into a second query took longer to compile than this one to run)."""
    try:
        statement, params = _per_town_sql(rows, scale, today)
    except EmptyResultSet:  # a group absent this year: no row to read
        return [], (Counter(), Counter()), 0
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        found = cursor.fetchall()  # id, three names, plans, then the counts in `_columns`' order
    named = [(pick(language, fr or "", nl or "", de or ""), pk, row) for pk, fr, nl, de, *row in found]
    named.sort(key=lambda item: (item[0], item[1] or 0))
    table = [
        _town_row(str(pk), name, [int(n or 0) for n in counts], scale)
        for name, pk, (_plans, *counts) in named
    ]
    width = len(Status) + len(scale) + 1
    totals = [sum(row.columns[i] for row in table) for i in range(width)]
    statuses = Counter(dict(zip(STATUS_VALUES, totals, strict=False)))
    colours = Counter(dict(zip([*(c.code for c in scale), ""], totals[len(Status) :], strict=True)))
    return table, (statuses, colours), sum(int(plans) for _name, _pk, (plans, *_counts) in named)


def _per_town_sql(rows: QuerySet[ProgressTally], scale: list[ColourCode], today: date) -> tuple[str, tuple]:
    """The statement of `_per_municipality`: the counts summed per (municipality, plan) by the
    ORM's query, hashed rather than sorted, then per municipality around it, its names joined to
    the few thousand rows that remain rather than to every count (at 10 000 plans, grouping the
    ~80 000 counts of a phenomenon by names and COUNT(DISTINCT plan) sorted them all)."""
    columns = _columns(scale, today)
    inner, params = (
        rows.values("municipality_id", "plan_id").annotate(**columns).order_by().query.sql_with_params()
    )
    q = connection.ops.quote_name
    town = Organisation._meta.db_table
    sums = ", ".join(f"SUM(t.{q(name)}) AS {q(name)}" for name in columns)
    statement = (
        f"SELECT t.{q('municipality_id')} AS municipality_id, o.{q('name_fr')} AS name_fr, "
        f"o.{q('name_nl')} AS name_nl, o.{q('name_de')} AS name_de, COUNT(*) AS plans, {sums} "
        f"FROM ({inner}) t LEFT JOIN {q(town)} o ON o.{q('id')} = t.{q('municipality_id')} "
        f"GROUP BY t.{q('municipality_id')}, o.{q('name_fr')}, o.{q('name_nl')}, o.{q('name_de')}"
    )
    return statement, params


def of_groups(groups: dict[tuple, tuple[tuple, str, str]], group: str) -> Q:
    """The rows of the picker's ``group`` among the ``groups`` present (`group_names`): their
    columns compared with plain numbers, so that the database reads them through its index on
    (year, phenomenon) without joining the phenomena or the sectors."""
    selected = Q(pk__in=[])  # an unknown key, or a group absent this year, selects nothing
    for (kind, phenomenon_id, sector_id), (_order, key, _label) in groups.items():
        if key == group:
            selected |= Q(module_kind=kind, phenomenon_id=phenomenon_id, sector_id=sector_id)
    return selected


def federal_overview(
    plans: QuerySet[Plan],
    year: int,
    phenomenon: str = "",
    *,
    today: date | None = None,
    counted: Counted | None = None,
) -> FederalOverview:
    """Counts by status and colour per phenomenon (or, for one phenomenon, per municipality).

    A fixed number of queries whatever the number of plans and values, for every filter: the
    scale, the counts per group, the groups' names (phenomena, sectors), then the number of plans
    counted or, with one phenomenon, its counts per municipality and plan and their names. The
    counts are summed from `ProgressTally` (a few rows per plan), never from the values or one
    row per indicator; with ``counted`` (the plans are the federal versions in force) from
    `FederalTally` (a few rows per region), after two more queries that check it counts those
    plans (`federal_tally.ensure`), and one phenomenon's counts are read for the plans it lists
    (`FederalTallyPlan`) rather than by working out again which versions are in force.
    """
    today = today or clock.today()
    language = get_language() or "fr"
    scale = list(ColourCode.objects.all())
    rows = ProgressTally.objects.filter(year=year, plan__in=plans)
    kept = FederalTally.objects.filter(year=year)
    kept_plans = FederalTallyPlan.objects.filter(year=year)
    if counted is not None:
        federal_tally.ensure(year)
        if counted.regions is not None:
            kept = kept.filter(region_id__in=counted.regions)
            kept_plans = kept_plans.filter(region_id__in=counted.regions)
        rows = ProgressTally.objects.filter(year=year, plan_id__in=kept_plans.values("plan_id"))
    per_group = tally(rows if counted is None else kept, GROUP_COLUMNS, scale, today)
    groups = group_names(per_group, language)
    if phenomenon:
        table, selected, plans_counted = _per_municipality(
            rows.filter(of_groups(groups, phenomenon)), scale, today, language
        )
    else:
        table, selected = _per_group(per_group, groups, scale), _merge(per_group.values())
        if not selected[0]:
            plans_counted = 0
        elif counted is not None:
            plans_counted = kept_plans.filter(indicators__gt=0).count()
        else:
            plans_counted = rows.aggregate(n=Count("plan_id", distinct=True))["n"]
    return FederalOverview(
        year=year,
        phenomenon=phenomenon,
        rows=table,
        totals=_row("total", _("Total"), selected, scale),
        scale=scale,
        groups=list(dict.fromkeys((group, label) for _order, group, label in sorted(groups.values()))),
        plans=plans_counted,
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
