"""Recording measurements: named, atomic writes with history (the author is ``_history_user``).

A value is attached to the indicator's identity (``key``) and a period label; recording the same
indicator and period again updates it. Refused with `Invalid` (values or period unfit for the
target, or outside the plan's period), `YearLocked` (the evaluation of that year is submitted or
closed) or `StaleEdit` (changed by someone else since ``expected_revision``, or a first value
recorded by someone else at the same moment). Every write first checks the acting user with
the pages' rule, `can_record_values` (`PermissionDenied`); `SYSTEM` where no person acts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from balise.accounts.actors import Actor, require
from balise.accounts.history import set_author
from balise.accounts.users import User, signed_in
from balise.domain.cells import shape_of, split_cell
from balise.domain.disaggregation import Cell, CellError, cell_label, check_cell, parse_cell_label
from balise.domain.periods import PeriodError, ReportingPeriod, parse_period
from balise.monitoring.dimensions import DeclaredDimension, clean_parts, dimensions_of, parts_of, store_parts
from balise.monitoring.errors import Invalid, StaleEdit, YearLocked
from balise.monitoring.models import Evaluation, Measurement
from balise.monitoring.progress_store import refresh_values
from balise.monitoring.rules import can_record_values
from balise.monitoring.validation import VALUE_FIELDS, clean_values, is_blank, period_errors
from balise.plans.models import Indicator, Plan

STORED_FIELDS = (*VALUE_FIELDS, "comment", "source")


def _period(label: str, prefix: str = "") -> ReportingPeriod:
    try:
        return parse_period(label)
    except PeriodError:
        raise Invalid(
            {
                f"{prefix}period": [
                    _("“%(period)s” is not a period: write 2024, 2024-Q2, 2024-03, 2024-W05 or 2024-03-15.")
                    % {"period": label}
                ]
            }
        ) from None


def year_of(period: ReportingPeriod) -> int:
    """The year a value counts for: the year of its label (an ISO week may start in December)."""
    return int(period.label[:4])


def ensure_year_open(plan: Plan, year: int) -> None:
    evaluation = Evaluation.objects.filter(lineage=plan.lineage, year=year).only("state").first()
    if evaluation is not None and evaluation.is_locked:
        raise YearLocked(year, evaluation.get_state_display())


def _plan_of(indicator: Indicator) -> Plan:
    return indicator.strategic_objective.module.plan


Cells = list[tuple[Cell, dict[str, Any]]]


def _prepare(
    indicator: Indicator,
    plan: Plan,
    period: ReportingPeriod,
    data: dict[str, Any],
    dimensions: Sequence[DeclaredDimension] = (),
) -> tuple[dict[str, Any], Cells, dict[str, list[str]]]:
    """The values to store, the cells of a disaggregated indicator (their total is the value),
    and the errors. An indicator without dimensions refuses cells."""
    cells: Cells = []
    if dimensions:
        values, cells, errors = clean_parts(indicator.target, dimensions, data, period)
    else:
        values, errors = clean_values(indicator.target, data, period)
        if data.get("parts"):
            errors["parts"] = [_("This indicator is not broken down by category: enter its value.")]
    problems = period_errors(indicator.target, period, plan.period_start, plan.period_end)
    if problems:
        errors = {"period": problems, **errors}
    return values, cells, errors


def _fill(measurement: Measurement, indicator: Indicator, values: dict[str, Any], user: Actor) -> None:
    for name in STORED_FIELDS:
        setattr(measurement, name, values[name])
    measurement.indicator = indicator
    measurement.entered_by = signed_in(user)
    set_author(measurement, user)


def record_measurement(
    indicator: Indicator,
    period: str,
    data: dict[str, Any],
    user: Actor,
    *,
    expected_revision: int | None = None,
) -> Measurement:
    """Create or update the value of ``indicator`` for ``period`` (see `_record_measurement`).

    Two first values of one indicator and period at once find no row to lock: the database's
    uniqueness decides, the loser's transaction is undone and the loser sees the winner's value
    (`StaleEdit`, a 409), never an IntegrityError.
    """
    require(can_record_values, user, _plan_of(indicator))
    try:
        return _record_measurement(indicator, period, data, user, expected_revision=expected_revision)
    except IntegrityError:
        raise StaleEdit(_winner(indicator.key, _period(period).label), data) from None


def _winner(indicator_key: Any, period: str) -> Measurement | None:
    return Measurement.objects.filter(indicator_key=indicator_key, period=period).first()


@transaction.atomic
def _record_measurement(
    indicator: Indicator,
    period: str,
    data: dict[str, Any],
    user: Actor,
    *,
    expected_revision: int | None = None,
) -> Measurement:
    """Create or update the value of ``indicator`` for ``period``.

    With ``expected_revision`` the update is refused if the stored value has another revision
    (0 means "I saw no value yet"); without it, the last write wins.
    """
    plan = _plan_of(indicator)
    rp = _period(period)
    dimensions = dimensions_of([indicator.pk]).get(indicator.pk, ())
    values, cells, errors = _prepare(indicator, plan, rp, data, dimensions)
    if errors:
        raise Invalid(errors)
    ensure_year_open(plan, year_of(rp))
    current = (
        Measurement.objects.select_for_update().filter(indicator_key=indicator.key, period=rp.label).first()
    )
    if expected_revision is not None and (current.revision if current else 0) != expected_revision:
        raise StaleEdit(current, data)
    if current is None:
        current = Measurement(
            indicator_key=indicator.key, period=rp.label, period_start=rp.start, period_end=rp.end, revision=0
        )
    _fill(current, indicator, values, user)
    current.revision += 1
    current.save()
    if dimensions:
        store_parts([(current, dimensions, cells)])
    refresh_values([indicator.key], [year_of(rp)])
    return current


def bulk_record(plan: Plan, period: str, rows: dict[int, dict[str, Any]], user: Actor) -> list[Measurement]:
    """`_bulk_record`; a first value written by someone else at the same moment is refused as a
    `StaleEdit` (see `record_measurement`)."""
    require(can_record_values, user, plan)
    try:
        return _bulk_record(plan, period, rows, user)
    except IntegrityError:
        raise StaleEdit(None, {}) from None


@transaction.atomic
def _bulk_record(plan: Plan, period: str, rows: dict[int, dict[str, Any]], user: Actor) -> list[Measurement]:
    """Record the values of several indicators of ``plan`` for one period: all or nothing.

    ``rows`` maps indicator ids to their values (plus an optional ``revision`` each); rows with no
    value at all are skipped. Errors are reported for every row as "<indicator_id>.<field>".
    A fixed number of queries whatever the number of rows.
    """
    rp = _period(period)
    wanted = {int(pk): row for pk, row in rows.items() if not is_blank(row)}
    indicators = _indicators_of(plan, wanted)
    existing = {
        m.indicator_key: m
        for m in Measurement.objects.select_for_update().filter(
            indicator_key__in=[i.key for i in indicators.values()], period=rp.label
        )
    }
    declared = dimensions_of(list(indicators))
    prepared, cells_of = _checked_rows(plan, rp, wanted, indicators, existing, declared)
    ensure_year_open(plan, year_of(rp))
    split = {indicators[pk].key: pk for pk in declared}
    stored_cells = _stored_cells([m for _i, _v, m in prepared if m is not None and m.indicator_key in split])
    resplit = {
        indicator.pk
        for indicator, _v, current in prepared
        if current is not None
        and indicator.pk in declared
        and stored_cells.get(current.pk) != _comparable(cells_of[indicator.pk])
    }
    batch = _sort_rows(prepared, rp, user, resplit)
    _write_batch(batch, signed_in(user))
    store_parts(
        (m, declared[split[m.indicator_key]], cells_of[split[m.indicator_key]])
        for m in (*batch.created, *batch.updated)
        if m.indicator_key in split
    )
    refresh_values({m.indicator_key for m in (*batch.created, *batch.updated)}, [year_of(rp)])
    return [*batch.created, *batch.updated, *batch.unchanged]


def _indicators_of(plan: Plan, pks: Iterable[int]) -> dict[int, Indicator]:
    """The indicators of ``plan`` among ``pks``, with their targets only: one query."""
    return {
        i.pk: i
        for i in Indicator.objects.filter(pk__in=pks, strategic_objective__module__plan=plan).only(
            "id",
            "key",
            "target_kind",
            "target_comparator",
            "target_value",
            "target_per",
            "target_deadline",
            "target_upper",
            "target_raw",
        )
    }


_Prepared = list[tuple[Indicator, dict[str, Any], Measurement | None]]


def _checked_rows(
    plan: Plan,
    rp: ReportingPeriod,
    wanted: dict[int, dict[str, Any]],
    indicators: dict[int, Indicator],
    existing: dict[Any, Measurement],
    declared: dict[int, tuple[DeclaredDimension, ...]],
) -> tuple[_Prepared, dict[int, Cells]]:
    """Each row's values (and cells) ready to store beside the value stored now; `Invalid` with
    every row's errors when one is refused: an indicator of another plan, values unfit for the
    target, a revision other than the stored one."""
    errors: dict[str, list[str]] = {}
    prepared: _Prepared = []
    cells_of: dict[int, Cells] = {}
    for pk, row in wanted.items():
        indicator = indicators.get(pk)
        if indicator is None:
            errors[f"{pk}.indicator"] = [_("This indicator is not part of this plan.")]
            continue
        values, cells_of[pk], row_errors = _prepare(indicator, plan, rp, row, declared.get(pk, ()))
        current = existing.get(indicator.key)
        expected = row.get("revision")
        if expected not in (None, "") and int(expected) != (current.revision if current else 0):
            row_errors.setdefault("revision", []).append(
                _("This value was changed by someone else while you were editing it.")
            )
        errors.update({f"{pk}.{name}": messages for name, messages in row_errors.items()})
        prepared.append((indicator, values, current))
    if errors:
        raise Invalid(errors)
    return prepared, cells_of


@dataclass
class _Batch:
    """The rows of one bulk write: new values, changed ones (and the fields that changed),
    and those sent again as they were."""

    created: list[Measurement] = field(default_factory=list)
    updated: list[Measurement] = field(default_factory=list)
    unchanged: list[Measurement] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)


def _sort_rows(prepared: _Prepared, rp: ReportingPeriod, user: Actor, resplit: set[int]) -> _Batch:
    """A row is new, changed (a field differs, or its categories: ``resplit``) or unchanged; a
    row sent again as it was gets no new revision and no history noise."""
    batch = _Batch()
    for indicator, values, current in prepared:
        if current is None:
            current = Measurement(
                indicator_key=indicator.key,
                period=rp.label,
                period_start=rp.start,
                period_end=rp.end,
                revision=1,
            )
            _fill(current, indicator, values, user)
            batch.created.append(current)
            continue
        fields = {name for name in STORED_FIELDS if getattr(current, name) != values[name]}
        if current.indicator_id != indicator.pk:
            fields.add("indicator")
        if indicator.pk in resplit:
            fields.add("revision")  # the same total split otherwise: a new revision all the same
        if not fields:
            batch.unchanged.append(current)
            continue
        batch.changed |= fields
        _fill(current, indicator, values, user)
        current.revision += 1
        current.updated_at = timezone.now()
        batch.updated.append(current)
    return batch


def _write_batch(batch: _Batch, author: User | None) -> None:
    """The new rows created and the changed ones updated, with their history, in bulk."""
    if batch.created:
        batch.created = bulk_create_with_history(batch.created, Measurement, default_user=author)
    if batch.updated:
        updated = batch.updated
        # What every row shares in one statement; only the values that changed go through
        # bulk_update, whose CASE WHEN per row and field is what costs time.
        Measurement.objects.filter(pk__in=[m.pk for m in updated]).update(
            revision=F("revision") + 1, updated_at=updated[0].updated_at, entered_by=author
        )
        for m in updated:
            m.updated_at = updated[0].updated_at
        bulk_update_with_history(
            updated, Measurement, sorted(batch.changed - {"revision"}) or ["revision"], default_user=author
        )


def _comparable(cells: Cells) -> dict[Cell, tuple[Any, ...]]:
    return {cell: tuple(values[name] for name in VALUE_FIELDS) for cell, values in cells}


def _stored_cells(measurements: list[Measurement]) -> dict[int, dict[Cell, tuple[Any, ...]]]:
    """The cells stored for ``measurements`` as `_comparable` gives them: one query."""
    return {
        pk: {cell: tuple(getattr(part, name) for name in VALUE_FIELDS) for cell, part in cells.items()}
        for pk, cells in parts_of(measurements).items()
    }


@transaction.atomic
def delete_measurement(measurement: Measurement, user: Any, expected_revision: int) -> None:
    plan = Plan.objects.filter(
        modules__strategic_objectives__all_indicators__key=measurement.indicator_key
    ).first()
    require(can_record_values, user, plan)
    current = Measurement.objects.select_for_update().filter(pk=measurement.pk).first()
    if current is None or current.revision != expected_revision:
        raise StaleEdit(current)
    if plan is not None:
        ensure_year_open(plan, year_of(parse_period(current.period)))
    set_author(current, user)
    current.delete()
    refresh_values([current.indicator_key], [year_of(parse_period(current.period))])


@dataclass(frozen=True)
class CellWrite:
    """One cell of the data-entry grid as sent: its text and the revision the page showed
    (0 when the cell was empty). An empty text removes the value. ``cell`` names the category
    of a disaggregated indicator ("age_band=18-25|sex=female"); the revision is then the one
    of the period's value the category belongs to."""

    indicator_id: int
    period: str
    text: str
    revision: int
    cell: str = ""

    @property
    def key(self) -> str:
        if self.cell:
            return category_key(self.indicator_id, self.period, self.cell)
        return cell_key(self.indicator_id, self.period)


def cell_key(indicator_id: int, period: str) -> str:
    return f"{indicator_id}:{period}"


def category_key(indicator_id: int, period: str, cell: str) -> str:
    """``12:2024-03:age_band=18-25|sex=female``: a category's cell of the grid."""
    return f"{indicator_id}:{period}:{cell}"


def split_key(key: str) -> tuple[str, str, str]:
    """(indicator id, period, category) of a cell key; the category is "" for a plain cell."""
    indicator, _colon, rest = key.partition(":")
    period, _colon, cell = rest.partition(":")
    return indicator, period, cell


def record_cells(plan: Plan, cells: Sequence[CellWrite], user: Any) -> dict[str, Measurement | None]:
    """Write cells of the grid of ``plan`` at once, all or nothing (a block pasted from a
    spreadsheet is one write); returns the value now in each cell by `cell_key` (None: removed).

    Refused with `PermissionDenied` (the user may not record this plan's values), `Invalid` by
    "<indicator id>:<period>.<field>" (a cell's text, its period, an indicator of another plan,
    or ``revision``: changed by someone else since the page showed it), or `YearLocked`.
    """
    require(can_record_values, user, plan)
    try:
        return _record_cells(plan, cells, user)
    except IntegrityError:
        raise StaleEdit(None, {}) from None


@transaction.atomic
def _record_cells(plan: Plan, cells: Sequence[CellWrite], user: Any) -> dict[str, Measurement | None]:
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(
            pk__in={c.indicator_id for c in cells}, strategic_objective__module__plan=plan
        )
    }
    declared = dimensions_of(list(indicators))
    errors: dict[str, list[str]] = {}
    writes: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    removals: list[tuple[Indicator, str, int]] = []
    by_category: list[tuple[CellWrite, Indicator, str]] = []
    for cell in cells:
        indicator = indicators.get(cell.indicator_id)
        try:
            label = parse_period(cell.period).label
        except PeriodError:
            errors[f"{cell.key}.period"] = [_("“%(period)s” is not a period.") % {"period": cell.period}]
            continue
        if indicator is None:
            errors[f"{cell.key}.indicator"] = [_("This indicator is not part of this plan.")]
            continue
        if cell.cell or indicator.pk in declared:
            by_category.append((cell, indicator, label))
            continue
        data = split_cell(shape_of(indicator.target), cell.text)
        if data:
            writes[label][indicator.pk] = {**data, "revision": cell.revision}
        else:
            removals.append((indicator, label, cell.revision))
    _keep_notes(writes, indicators)
    _merge_categories(by_category, declared, writes, removals, errors)
    saved: dict[str, Measurement | None] = {}
    for label, rows in writes.items():
        try:
            for m in _bulk_record(plan, label, rows, user):
                saved[cell_key(_indicator_with_key(indicators, m.indicator_key), label)] = m
        except Invalid as exc:
            _errors_by_cell(exc.errors, label, rows, by_category, errors)
    removed = _remove_cells(plan, removals, errors, user)
    if errors:
        raise Invalid(errors)
    refresh_values(
        {i.key for i, _label, _revision in removed}, {year_of(parse_period(lb)) for _i, lb, _r in removed}
    )
    saved.update({cell_key(i.pk, label): None for i, label, _revision in removed})
    return saved


def _keep_notes(writes: dict[str, dict[int, dict[str, Any]]], indicators: dict[int, Indicator]) -> None:
    """A grid cell carries a value, not its comment and source: those already stored are kept
    (typing 12 over 10 must not wipe the note that says where 10 came from). One query."""
    if not writes:
        return
    ids = {indicators[pk].key: pk for rows in writes.values() for pk in rows}
    stored = Measurement.objects.filter(indicator_key__in=ids, period__in=list(writes)).values_list(
        "indicator_key", "period", "comment", "source"
    )
    for key, period, comment, source in stored:
        row = writes.get(period, {}).get(ids[key])
        if row is not None:
            row.setdefault("comment", comment)
            row.setdefault("source", source)


def _merge_categories(
    written: list[tuple[CellWrite, Indicator, str]],
    declared: dict[int, tuple[DeclaredDimension, ...]],
    writes: dict[str, dict[int, dict[str, Any]]],
    removals: list[tuple[Indicator, str, int]],
    errors: dict[str, list[str]],
) -> None:
    """Category cells of the grid, merged into the categories already stored for their period:
    the whole value is then written (its total recomputed) or, when no category is left, removed.

    Each cell's revision is checked against its period's value, under the row lock; a category
    that is not one of the indicator's (or a plain cell of a disaggregated indicator, whose total
    is computed) is refused on that cell. Two queries whatever the number of cells."""
    if not written:
        return
    current = {
        (m.indicator_key, m.period): m
        for m in Measurement.objects.select_for_update().filter(
            indicator_key__in={i.key for _c, i, _l in written}, period__in={lb for _c, _i, lb in written}
        )
    }
    stored = parts_of(current.values())
    merged: dict[tuple[int, str], dict[Cell, dict[str, Any]]] = {}
    for cell, indicator, label in written:
        measurement = current.get((indicator.key, label))
        parsed = _category_of(cell, declared.get(indicator.pk, ()), measurement, errors)
        if parsed is None:
            continue
        if (indicator.pk, label) not in merged:
            parts = stored.get(measurement.pk, {}) if measurement else {}
            merged[(indicator.pk, label)] = {
                c: {name: getattr(part, name) for name in VALUE_FIELDS} for c, part in parts.items()
            }
        data = split_cell(shape_of(indicator.target), cell.text)
        if data:
            merged[(indicator.pk, label)][parsed] = data
        else:
            merged[(indicator.pk, label)].pop(parsed, None)
    by_pk = {i.pk: i for _c, i, _l in written}
    for (pk, label), kept in merged.items():
        measurement = current.get((by_pk[pk].key, label))
        if not kept:
            removals.append((by_pk[pk], label, measurement.revision if measurement else 0))
            continue
        writes[label][pk] = {
            "parts": [{"cell": cell_label(c), **values} for c, values in kept.items()],
            "comment": measurement.comment if measurement else "",
            "source": measurement.source if measurement else "",
        }


def _category_of(
    cell: CellWrite,
    dimensions: Sequence[DeclaredDimension],
    measurement: Measurement | None,
    errors: dict[str, list[str]],
) -> Cell | None:
    """The category a grid cell writes, or None with the cell's error: the indicator is not
    broken down, the cell is its computed total, the category is not one of its dimensions',
    or the period's value changed since the page showed it."""
    if not dimensions:
        errors[f"{cell.key}.categories"] = [
            _("This indicator is not broken down by category: enter its value.")
        ]
        return None
    if not cell.cell:
        errors[f"{cell.key}.amount"] = [
            _("The total is computed from the values per category (%(dimensions)s); enter those instead.")
            % {"dimensions": ", ".join(d.name for d in dimensions)}
        ]
        return None
    try:
        parsed = parse_cell_label(cell.cell)
        check_cell([d.rule for d in dimensions], parsed)
    except CellError:
        errors[f"{cell.key}.categories"] = [
            _("“%(category)s” is not a category of this indicator's dimensions (%(dimensions)s).")
            % {"category": cell.cell, "dimensions": ", ".join(d.name for d in dimensions)}
        ]
        return None
    if (measurement.revision if measurement else 0) != cell.revision:
        errors[f"{cell.key}.revision"] = [
            _("This value was changed by someone else while you were editing it.")
        ]
        return None
    return parsed


def _errors_by_cell(
    refused: dict[str, list[str]],
    label: str,
    rows: dict[int, dict[str, Any]],
    by_category: list[tuple[CellWrite, Indicator, str]],
    errors: dict[str, list[str]],
) -> None:
    """The errors of a period's write by the grid's cells: "<pk>.<field>" on the indicator's
    cell, "<pk>.parts.<category>.<field>" on the category's cell."""
    for name, messages in refused.items():
        row, dot, field = name.partition(".")
        if not (dot and row.isdigit()):  # about the period itself: every cell of it
            for pk in rows:
                errors.setdefault(f"{cell_key(pk, label)}.{name}", []).extend(messages)
            continue
        if field.startswith("parts."):
            category, _dot, field = field.removeprefix("parts.").rpartition(".")
            key = category_key(int(row), label, category)
        elif int(row) in {i.pk for _c, i, _l in by_category}:  # the total: on the cells written
            for cell, indicator, lb in by_category:
                if indicator.pk == int(row) and lb == label:
                    errors.setdefault(f"{cell.key}.{field}", []).extend(messages)
            continue
        else:
            key = cell_key(int(row), label)
        errors.setdefault(f"{key}.{field}", []).extend(messages)


def _indicator_with_key(indicators: dict[int, Indicator], key: Any) -> int:
    return next(pk for pk, i in indicators.items() if i.key == key)


def _remove_cells(
    plan: Plan, removals: list[tuple[Indicator, str, int]], errors: dict[str, list[str]], user: Any
) -> list[tuple[Indicator, str, int]]:
    """Delete the values of emptied cells (revision checked); nothing to delete is no error."""
    if not removals:
        return []
    current = {
        (m.indicator_key, m.period): m
        for m in Measurement.objects.select_for_update().filter(
            indicator_key__in=[i.key for i, _label, _revision in removals],
            period__in=[label for _i, label, _revision in removals],
        )
    }
    done = []
    for indicator, label, revision in removals:
        measurement = current.get((indicator.key, label))
        if (measurement.revision if measurement else 0) != revision:
            errors[f"{cell_key(indicator.pk, label)}.revision"] = [
                _("This value was changed by someone else while you were editing it.")
            ]
            continue
        if measurement is None:
            continue
        ensure_year_open(plan, year_of(parse_period(label)))
        set_author(measurement, user)
        measurement.delete()
        done.append((indicator, label, revision))
    return done
