"""The federal overview's counts, kept per region so that the overview reads a few hundred rows
whatever the number of plans (`FederalTally`, `FederalTallyPlan`).

Invariant: for each year, `FederalTally` is the sum of the `ProgressTally` rows of the plans
listed in `FederalTallyPlan` that year, grouped by region. Two ways keep it:

- `apply_difference`, called by `progress_store.retally` in the write's transaction with the
  counts of the plans it rewrites before and after: the difference for the plans that are counted;
- `ensure`, called by the overview before it reads: when the plans counted are not exactly the
  versions in force of the federal kinds (with their region), the year is summed again from
  `ProgressTally`. Plans change rarely (a version signed, a period edited); values change all
  day and never trigger it.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from balise.monitoring.models import FederalTally, FederalTallyPlan, ProgressTally
from balise.plans.models import FEDERAL_KINDS, Plan, PlanKind
from balise.plans.selectors import current_versions

KEY = ("module_kind", "phenomenon_id", "sector_id", "status", "due", "colour_id")
# (year, region, *KEY) → indicators; (year, plan) → indicators
Sums = tuple[Counter[tuple], Counter[tuple[int, int]]]
# (year, plan) → region (0: none) of the plans counted
Regions = dict[tuple[int, int], int]


def plans_in_force(year: int) -> QuerySet[Plan]:
    """The version in force of each municipal plan whose period overlaps ``year``: the newest
    signed one covering the year (a draft amendment does not replace it); a plan never signed
    counts by its newest draft, which pages label as a draft."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    covers = Q(period_start__lte=end) & (Q(period_end__isnull=True) | Q(period_end__gte=start))
    municipal = Plan.objects.filter(covers, municipality__isnull=False).exclude(kind=PlanKind.PGSP)
    return current_versions(municipal, among=covers)


def federal_plans_in_force(year: int) -> QuerySet[Plan]:
    """``plans_in_force`` of the kinds the federal administration funds and evaluates: the PSSP
    and the security and society contract it replaced, never a zonal plan of a police zone nor
    a regional or local plan."""
    return plans_in_force(year).filter(kind__in=FEDERAL_KINDS)


def counted_plans(year: int, regions: Collection[int] | None = None) -> QuerySet[Plan]:
    """The plans `FederalTally` counts in ``year`` (in ``regions``, or all): after `ensure`, the
    federal versions in force, read from the list kept with the counts (a semi-join on a small
    indexed table) instead of working out again which version of each plan is in force."""
    kept = FederalTallyPlan.objects.filter(year=year)
    if regions is not None:
        kept = kept.filter(region_id__in=regions)
    return Plan.objects.filter(pk__in=kept.values("plan_id"))


def counted_regions(plan_ids: Collection[int], years: Collection[int] | None) -> Regions:
    """(year, plan) → region of those of ``plan_ids`` that `FederalTally` counts (in ``years``,
    or every year): one query, usually answering nothing outside the federal kinds."""
    counted = FederalTallyPlan.objects.filter(plan_id__in=plan_ids)
    if years is not None:
        counted = counted.filter(year__in=years)
    return {(c.year, c.plan_id): c.region_id for c in counted}


def counted_sums(regions: Regions, rows: Iterable[Mapping[str, Any]]) -> Sums:
    """The share of ``rows`` (`ProgressTally` rows as mappings: year, plan_id, the KEY, n) that
    `FederalTally` holds: the rows of the plans counted that year, under their region. No query:
    the caller reads the rows once, before and after its write."""
    by_key: Counter[tuple] = Counter()
    by_plan: Counter[tuple[int, int]] = Counter()
    for row in rows:
        region = regions.get((row["year"], row["plan_id"]))
        if region is not None:
            by_key[(row["year"], region, *(row[k] for k in KEY))] += row["n"]
            by_plan[(row["year"], row["plan_id"])] += row["n"]
    return by_key, by_plan


def apply_difference(before: Sums, after: Sums) -> None:
    """Add ``after`` − ``before`` to the kept counts: one update (or insert) per count that
    changed, usually two or three for a value entered."""
    keys, plans = before
    new_keys, new_plans = after
    for key in set(keys) | set(new_keys):
        change = new_keys[key] - keys[key]
        if change:
            _add(key, change)
    for year, plan_id in set(plans) | set(new_plans):
        change = new_plans[(year, plan_id)] - plans[(year, plan_id)]
        if change:
            FederalTallyPlan.objects.filter(year=year, plan_id=plan_id).update(
                indicators=F("indicators") + change
            )


def _add(key: tuple, change: int) -> None:
    year, region, *columns = key
    match = dict(zip(KEY, columns, strict=True))
    rows = FederalTally.objects.filter(year=year, region_id=region, **match)
    if not rows.update(n=F("n") + change):
        FederalTally.objects.create(year=year, region_id=region, n=change, **match)
    rows.filter(n=0).delete()


@functools.lru_cache(maxsize=16)
def _wanted_sql(year: int) -> tuple[str, tuple[Any, ...]]:
    """The SQL of `_wanted` for ``year``, compiled once per process: the overview checks it on
    every request, and building the query of the versions in force (three correlated
    subqueries) cost the ORM ten times as much as the database spends running it."""
    region = Coalesce(F("municipality__region_id"), Value(0))
    return federal_plans_in_force(year).order_by().values_list("pk", region).query.sql_with_params()


def _wanted(year: int) -> set[tuple[int, int]]:
    """(plan, region) of the federal versions in force in ``year`` (region 0: none): one query."""
    sql, params = _wanted_sql(year)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(pk, region) for pk, region in cursor.fetchall()}


def in_sync(year: int) -> bool:
    """Whether the plans counted in ``year`` are exactly the federal versions in force, each
    under its municipality's region: two queries (plain lists of numbers, compared here)."""
    counted = FederalTallyPlan.objects.filter(year=year).values_list("plan_id", "region_id")
    return _wanted(year) == set(counted)


def resum(year: int) -> None:
    """Sum ``year`` again from `ProgressTally` for the plans in force: four queries and two bulk
    inserts, in one transaction (a concurrent resum of the same year makes one of them fail on
    the plans' unique constraint and leave the other's result)."""
    wanted = _wanted(year)
    in_force = federal_plans_in_force(year)
    region = Coalesce(F("plan__municipality__region_id"), Value(0))
    rows = ProgressTally.objects.filter(year=year, plan__in=in_force)
    sums = rows.values(*KEY, region=region).annotate(total=Sum("n")).order_by()
    per_plan: dict[int, int] = defaultdict(int)
    for plan_id, n in rows.values_list("plan_id").annotate(total=Sum("n")).order_by():
        per_plan[plan_id] = n
    try:
        with transaction.atomic():
            FederalTally.objects.filter(year=year).delete()
            FederalTallyPlan.objects.filter(year=year).delete()
            FederalTally.objects.bulk_create(
                [
                    FederalTally(
                        year=year, region_id=row["region"], n=row["total"], **{k: row[k] for k in KEY}
                    )
                    for row in sums
                ],
                batch_size=2000,
            )
            FederalTallyPlan.objects.bulk_create(
                [
                    FederalTallyPlan(year=year, plan_id=pk, region_id=r, indicators=per_plan[pk])
                    for pk, r in wanted
                ],
                batch_size=2000,
            )
    except IntegrityError:
        return  # another request summed the same year at the same time: its result stands
    if connection.vendor == "postgresql":
        # Rewritten in bulk: without fresh statistics the planner took the year's ten thousand
        # plans for a few hundred and scanned a million counts by plan to join them (0.2 → 1.9 s).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {FederalTallyPlan._meta.db_table}, {FederalTally._meta.db_table}")


def ensure(year: int) -> None:
    """Make `FederalTally` of ``year`` count the plans in force (see the module's docstring)."""
    if not in_sync(year):
        resum(year)
