"""Progress per indicator and year, maintained on write (`IndicatorYearProgress`).

Every action that changes what progress depends on calls one of these in its own transaction:

- a value recorded, changed or deleted (`record_measurement`, `bulk_record`, `delete_measurement`,
  and through them the workbook, the API, the finance calendar, the demo): `refresh_values`;
- a target, an indicator's place or a plan's period or tree (import, amendment, tree editing,
  plan header): `refresh_indicators`, reached from `balise.plans` through the
  `balise.plans.signals.progress_inputs_changed` signal those actions send by name (plans sits
  below monitoring and cannot call it);
- an analyst's colour (`save_analysis`): `set_colour`.

Each of them also rewrites the counts of the plans and years it touched (`ProgressTally`: the
progress rows counted per group, status, deadline and colour), and adds the difference to the
federal overview's counts per region (`balise.monitoring.federal_tally`).

Statuses are computed by `balise.domain.progress.compute` from the raw values, exactly like
`plan_progress`, with ``today`` unknown: `status_on` turns the stored status into the status of
a given day (only a deadline not reached yet depends on it). `rebuild` recomputes everything.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from balise import clock
from balise.domain.progress import compute, due_date
from balise.monitoring import federal_tally
from balise.monitoring.models import (
    Assessment,
    FederalTally,
    FederalTallyPlan,
    IndicatorYearProgress,
    Measurement,
    ProgressTally,
)
from balise.monitoring.selectors import as_value, partly_threshold, year_window
from balise.plans.bulk import insert_rows
from balise.plans.models import Indicator, Plan
from balise.plans.targets import target_of

_SO_MODULE = "strategic_objective__module__"
_COLUMNS = (
    "id",
    "key",
    "target_kind",
    "target_comparator",
    "target_value",
    "target_per",
    "target_deadline",
    "target_upper",
    "target_raw",
    f"{_SO_MODULE}id",
    f"{_SO_MODULE}kind",
    f"{_SO_MODULE}phenomenon_id",
    f"{_SO_MODULE}sector_id",
    f"{_SO_MODULE}plan_id",
    f"{_SO_MODULE}plan__lineage",
    f"{_SO_MODULE}plan__period_start",
    f"{_SO_MODULE}plan__period_end",
    f"{_SO_MODULE}plan__municipality_id",
)
_VALUE_FIELDS = (
    "indicator_key",
    "period",
    "period_start",
    "period_end",
    "amount",
    "numerator",
    "denominator",
    "days",
    "done",
    "done_on",
)
REBUILD_CHUNK = 200  # plans per batch when rebuilding: bounded memory whatever the number of plans


def plan_years(period_start: date | None, period_end: date | None, today: date | None = None) -> range:
    """The years a plan's indicators get a row for: its period (an open end runs to this year)."""
    if period_start is None:
        return range(0)
    last = period_end.year if period_end else max(period_start.year, (today or clock.today()).year)
    return range(period_start.year, last + 1)


def refresh_indicators(indicators: QuerySet[Indicator], years: Collection[int] | None = None) -> int:
    """Recompute the rows of ``indicators`` (every year of their plan, or only ``years``).

    Four queries whatever the number of indicators: the indicators, their values, their colours,
    then a delete and one bulk insert; then the counts of their plans (`retally`). Returns the
    number of rows written.
    """
    partly = partly_threshold()
    rows = list(indicators.values(*_COLUMNS))
    if not rows:
        return 0
    measured = _values_by_key_year(indicators, {row["key"] for row in rows}, years)
    colours = _colours(indicators, years)
    today = clock.today()
    stored = [
        progress for row in rows for progress in _progress_rows(row, measured, colours, partly, years, today)
    ]
    old = IndicatorYearProgress.objects.filter(indicator__in=indicators.values("id"))
    if years is not None:
        old = old.filter(year__in=years)
    old.delete()
    insert_rows(IndicatorYearProgress, stored, batch_size=2000)
    retally({row[f"{_SO_MODULE}plan_id"] for row in rows}, years)
    return len(stored)


# (indicator key, year) → its values that year, oldest first
Values = dict[tuple[uuid.UUID, int], list[Measurement]]
# (lineage, year, indicator key) → the analyst's colour
Colours = dict[tuple[uuid.UUID, int, uuid.UUID], int]


def _values_by_key_year(
    indicators: QuerySet[Indicator], keys: Collection[uuid.UUID], years: Collection[int] | None
) -> Values:
    """The values of ``indicators`` (in ``years``, or all) by key and year: one query."""
    values = Measurement.objects.filter(indicator_key__in=indicators.values("key"))
    if years is not None:
        values = values.filter(_labelled_in(years))
    by_key_year: Values = defaultdict(list)
    for m in values.only(*_VALUE_FIELDS).order_by("period_start", "period"):
        if m.indicator_key in keys:
            by_key_year[(m.indicator_key, int(m.period[:4]))].append(m)
    return by_key_year


def _colours(indicators: QuerySet[Indicator], years: Collection[int] | None) -> Colours:
    """The analysts' colours of ``indicators`` (in ``years``, or all): one query."""
    assessed = Assessment.objects.filter(
        subject=Assessment.Target.INDICATOR,
        subject_key__in=indicators.values("key"),
        evaluation__lineage__in=indicators.values(f"{_SO_MODULE}plan__lineage"),
        colour__isnull=False,
    )
    if years is not None:
        assessed = assessed.filter(evaluation__year__in=years)
    return {
        (a["evaluation__lineage"], a["evaluation__year"], a["subject_key"]): a["colour_id"]
        for a in assessed.values("evaluation__lineage", "evaluation__year", "subject_key", "colour_id")
    }


def _progress_rows(
    row: dict,
    measured: Values,
    colours: Colours,
    partly: Decimal,
    years: Collection[int] | None,
    today: date,
) -> Iterator[dict]:
    """The progress rows of one indicator (``row``: its `_COLUMNS`), one per year of its plan
    (or of ``years``: an open period runs to ``today``'s year), computed by the domain's rules
    with no day known, as the columns of `IndicatorYearProgress` (no model instance). No query."""
    plan = SimpleNamespace(
        period_start=row[f"{_SO_MODULE}plan__period_start"], period_end=row[f"{_SO_MODULE}plan__period_end"]
    )
    target = target_of(SimpleNamespace(**row))
    for year in plan_years(plan.period_start, plan.period_end, today):
        if years is not None and year not in years:
            continue
        start, end = year_window(plan, year)
        values = [as_value(m, start, end) for m in measured.get((row["key"], year), ())]
        progress = compute(target, values, start, end, partly=partly, today=date.min)
        yield {
            "indicator_id": row["id"],
            "indicator_key": row["key"],
            "year": year,
            "plan_id": row[f"{_SO_MODULE}plan_id"],
            "module_id": row[f"{_SO_MODULE}id"],
            "module_kind": row[f"{_SO_MODULE}kind"],
            "phenomenon_id": row[f"{_SO_MODULE}phenomenon_id"],
            "sector_id": row[f"{_SO_MODULE}sector_id"],
            "municipality_id": row[f"{_SO_MODULE}plan__municipality_id"],
            "status": progress.status.value,
            "due": due_date(target, progress, end),
            "actual": progress.actual,
            "expected": progress.expected,
            "values": progress.values,
            "colour_id": colours.get((row[f"{_SO_MODULE}plan__lineage"], year, row["key"])),
        }


_TALLIED = (
    "plan_id",
    "year",
    "municipality_id",
    "module_kind",
    "phenomenon_id",
    "sector_id",
    "status",
    "due",
)
_COUNTED = (*_TALLIED, "colour_id")  # a count's columns (`ProgressTally`), but its number


def retally(plan_ids: Collection[int], years: Collection[int] | None = None) -> int:
    """Rewrite the counts of ``plan_ids`` (every year, or only ``years``) from the progress table:
    one grouped query, a delete and one bulk insert; then the difference goes to the federal
    overview's counts (`federal_tally`). Returns the number of count rows written."""
    if not plan_ids:
        return 0
    rows = IndicatorYearProgress.objects.filter(plan_id__in=plan_ids)
    old = ProgressTally.objects.filter(plan_id__in=plan_ids)
    if years is not None:
        rows, old = rows.filter(year__in=years), old.filter(year__in=years)
    grouped = list(rows.values(*_COUNTED).annotate(n=Count("id")).order_by())
    # The federal counts before (read while they are still there; no query for a plan no federal
    # count holds) and after (the rows just grouped).
    regions = federal_tally.counted_regions(plan_ids, years)
    before = old.values("year", "plan_id", *federal_tally.KEY, "n") if regions else ()
    before_sums = federal_tally.counted_sums(regions, before)
    old.delete()
    insert_rows(ProgressTally, grouped, batch_size=2000)
    federal_tally.apply_difference(before_sums, federal_tally.counted_sums(regions, grouped))
    return len(grouped)


def _labelled_in(years: Iterable[int]) -> Q:
    """Values that count for ``years``: the label decides (an ISO week may start in December)."""
    condition = Q()
    for year in years:
        condition |= Q(
            period__startswith=str(year),
            period_start__gte=date(year - 1, 12, 28),
            period_start__lte=date(year, 12, 31),
        )
    return condition


def refresh_values(keys: Iterable[uuid.UUID], years: Iterable[int]) -> int:
    """After values of ``keys`` changed in ``years``: every version of those indicators."""
    keys, years = set(keys), set(years)
    if not keys or not years:
        return 0
    return refresh_indicators(Indicator.objects.filter(key__in=keys), years)


def refresh_plan(plan_id: int, indicator_ids: Collection[int] | None = None) -> int:
    """After a plan's period, tree or targets changed (all its indicators, or only those)."""
    indicators = Indicator.objects.filter(strategic_objective__module__plan_id=plan_id)
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=indicator_ids)
    written = refresh_indicators(indicators)
    if not written:
        retally([plan_id])  # its last indicators may have gone: their counts go with them
    return written


def set_colour(lineage: uuid.UUID, year: int, key: uuid.UUID, colour_id: int | None) -> int:
    """After an analyst's colour for an indicator changed: one update, then the counts of the
    plan's versions that year."""
    rows = IndicatorYearProgress.objects.filter(plan__lineage=lineage, year=year, indicator_key=key)
    updated = rows.update(colour_id=colour_id)
    retally(list(Plan.objects.filter(lineage=lineage).values_list("pk", flat=True)), [year])
    return updated


def add_new_plan(plan_id: int) -> int:
    """After a plan was created with indicators of new identities (an import that is not a new
    version): the rows `refresh_plan` would write, without its reads and deletes that can find
    nothing (no value nor colour has the new keys or lineage, no row nor count the new plan), and
    its counts tallied from the rows just computed rather than read back. Three queries."""
    rows = Indicator.objects.filter(strategic_objective__module__plan_id=plan_id).values(*_COLUMNS)
    partly, today = partly_threshold(), clock.today()
    stored = [progress for row in rows for progress in _progress_rows(row, {}, {}, partly, None, today)]
    insert_rows(IndicatorYearProgress, stored, batch_size=2000)
    counted = Counter(tuple(row[column] for column in _COUNTED) for row in stored)
    insert_rows(
        ProgressTally, [{**dict(zip(_COUNTED, key, strict=True)), "n": n} for key, n in counted.items()]
    )
    return len(stored)


def on_progress_inputs_changed(
    sender: object,
    *,
    plan_id: int,
    indicator_ids: Collection[int] | None = None,
    new_plan: bool = False,
    **kwargs: object,
) -> None:
    """Receiver of `balise.plans.signals.progress_inputs_changed` (connected in the app config)."""
    if new_plan:
        add_new_plan(plan_id)
    else:
        refresh_plan(plan_id, indicator_ids)


def rebuild(plans: QuerySet[Plan] | None = None) -> int:
    """Recompute the whole table (or the rows of ``plans``) from the values: each batch of plans
    in its own transaction, so a rebuild of the country holds no lock for long."""
    if plans is None:
        IndicatorYearProgress.objects.all().delete()
        ProgressTally.objects.all().delete()
        FederalTally.objects.all().delete()  # summed again by the next overview (federal_tally.ensure)
        FederalTallyPlan.objects.all().delete()
        plans = Plan.objects.all()
    ids = list(plans.order_by("pk").values_list("pk", flat=True))
    written = 0
    for first in range(0, len(ids), REBUILD_CHUNK):
        chunk = ids[first : first + REBUILD_CHUNK]
        with transaction.atomic():
            written += refresh_indicators(
                Indicator.objects.filter(strategic_objective__module__plan_id__in=chunk)
            )
    return written
