"""The evaluation workbook of a plan's year: produce it, and apply an uploaded one atomically.

An upload is checked whole first (`balise.workbook.read`): it must belong to the plan and
version it is uploaded to, with the structure it was produced with, and every input cell must be
valid; otherwise nothing is applied and every error is listed. The changed values then go through
`balise.monitoring.actions.bulk_record` (one call per period) in one transaction, so the rules,
history and author are those of any other entry; unchanged cells are not written again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from balise.accounts.actors import Actor
from balise.domain.disaggregation import Cell, cell_label
from balise.monitoring.actions import bulk_record
from balise.monitoring.dimensions import DeclaredDimension, all_cells, cell_names, dimensions_of, parts_of
from balise.monitoring.errors import Invalid, StaleEdit, YearLocked
from balise.monitoring.grid import cells_granularity
from balise.monitoring.models import Evaluation, Measurement, MeasurementPart
from balise.monitoring.period_names import period_name
from balise.monitoring.rules import can_record_values
from balise.monitoring.selectors import IndicatorRow, plan_progress
from balise.monitoring.validation import VALUE_FIELDS
from balise.plans.models import Indicator, Plan
from balise.workbook.read import (
    CellError,
    Header,
    ValueChange,
    WorkbookRefused,
    open_workbook,
    read_header,
    read_values,
)
from balise.workbook.spec import (
    Line,
    Recorded,
    SheetSpec,
    WorkbookSpec,
    columns_granularity,
    fields_of,
    granularity_of,
    sheet_slots,
    sheet_title,
)
from balise.workbook.write import write_workbook


@dataclass(frozen=True)
class WorkbookOutcome:
    plan: Plan
    year: int
    created: int
    updated: int
    unchanged: int
    applied: bool  # False for a dry run


def _recorded(m: Measurement) -> Recorded:
    return Recorded(m.revision, {n: getattr(m, n) for n in VALUE_FIELDS}, m.comment, m.source)


def _line(row: IndicatorRow, slots_of: set[str]) -> Line:
    granularity = columns_granularity(cells_granularity(row))
    recorded = {m.period: _recorded(m) for m in row.measurements if m.period in slots_of}
    others = "; ".join(
        f"{period_name(m.period)}: {_other_value(m)}" for m in row.measurements if m.period not in recorded
    )
    oo = row.indicator.operational_objective
    return Line(
        indicator_id=row.indicator.pk,
        key=str(row.indicator.key),
        strategic_objective=row.strategic_objective.title,
        operational_objective=oo.title if oo else "",
        text=row.indicator.text,
        target=row.target,
        granularity=granularity,
        fields=fields_of(row.target),
        recorded=recorded,
        others=others,
        actual=row.progress.actual,
        expected=row.progress.expected,
        status=row.progress.status,
    )


def _category_lines(
    total: Line,
    dimensions: tuple[DeclaredDimension, ...],
    row: IndicatorRow,
    parts: dict[int, dict[Cell, MeasurementPart]],
) -> list[Line]:
    """The lines of a disaggregated indicator: its total (computed, no input) and one line per
    category, whose cells hold the category's values and the revision of the period's value."""
    lines = [replace(total, fields=())]
    for cell in all_cells(dimensions):
        recorded = {}
        for m in row.measurements:  # a period with a value: its revision, even where the category has none
            if m.period in total.recorded:
                part = parts.get(m.pk, {}).get(cell)
                recorded[m.period] = Recorded(m.revision, {n: getattr(part, n, None) for n in VALUE_FIELDS})
        lines.append(
            replace(
                total,
                text=f"{total.text} — {cell_names(dimensions, cell)}",
                recorded=recorded,
                others="",
                actual=None,
                expected=None,
                status="",
                category=cell_label(cell),
            )
        )
    return lines


def _other_value(m: Measurement) -> str:
    if m.numerator is not None and m.denominator is not None:
        return f"{m.numerator.normalize():f}/{m.denominator.normalize():f}"
    if m.amount is not None:
        return f"{m.amount.normalize():f}"
    return "" if m.done is None else (_("yes") if m.done else _("no"))


def workbook_spec(plan: Plan, year: int, language: str | None = None) -> WorkbookSpec:
    """The workbook's layout and content for ``plan`` and ``year``: six queries."""
    progress = plan_progress(plan, year)
    declared = dimensions_of([row.indicator.pk for row in progress.rows])
    parts = parts_of(m for row in progress.rows if row.indicator.pk in declared for m in row.measurements)
    evaluation = Evaluation.objects.filter(lineage=plan.lineage, year=year).first()
    by_module: dict[int, list[IndicatorRow]] = defaultdict(list)
    modules = {}
    for row in progress.rows:
        by_module[row.module.pk].append(row)
        modules[row.module.pk] = row.module
    sheets: list[SheetSpec] = []
    taken: set[str] = set()
    for module_id, rows in by_module.items():
        # The columns first (without values), then the lines that know which periods are columns.
        bare = [_line(row, set()) for row in rows]
        slots = sheet_slots(bare, year, progress.start, progress.end)
        labels = {s.period for s in slots}
        lines: list[Line] = []
        for row, b in zip(rows, bare, strict=True):
            line = _line(row, {p for p in labels if _fits(p, b)})
            if row.indicator.pk in declared:
                lines += _category_lines(line, declared[row.indicator.pk], row, parts)
            else:
                lines.append(line)
        sheets.append(
            SheetSpec(
                sheet_title(modules[module_id].title, taken), modules[module_id].title, slots, tuple(lines)
            )
        )
    return WorkbookSpec(
        plan_id=plan.pk,
        version=plan.version,
        lineage=str(plan.lineage),
        plan_title=plan.title,
        year=year,
        language=language or get_language() or "en",
        locked_state=evaluation.get_state_display() if evaluation and evaluation.is_locked else "",
        sheets=tuple(sheets),
    )


def _fits(period: str, line: Line) -> bool:
    """Whether a column's period is one of the line's own (a yearly column is not a month's)."""
    return granularity_of(period) is line.granularity


def export_workbook(plan: Plan, year: int) -> bytes:
    return write_workbook(workbook_spec(plan, year))


def _check_plan(header: Header, plan: Plan | None) -> Plan:
    """The plan the workbook belongs to, refused when uploaded to another plan or version."""
    if plan is None:
        plan = Plan.objects.select_related("municipality").filter(pk=header.plan_id).first()
        if plan is None or str(plan.lineage) != header.lineage:
            raise WorkbookRefused(
                [
                    _("This workbook belongs to plan %(id)s, which does not exist here.")
                    % {"id": header.plan_id}
                ]
            )
    if str(plan.lineage) != header.lineage:
        raise WorkbookRefused(
            [
                _("This workbook belongs to another plan (plan %(id)s), not to “%(title)s”.")
                % {"id": header.plan_id, "title": plan.title}
            ]
        )
    if header.plan_id != plan.pk or header.version != plan.version:
        raise WorkbookRefused(
            [
                _(
                    "This workbook was produced for version %(theirs)s of this plan, not for version "
                    "%(ours)s: download the workbook of this version."
                )
                % {"theirs": header.version, "ours": plan.version}
            ]
        )
    if (plan.period_start and header.year < plan.period_start.year) or (
        plan.period_end and header.year > plan.period_end.year
    ):
        raise WorkbookRefused([_("%(year)s is outside the plan's period.") % {"year": header.year}])
    return plan


def import_workbook(
    source: bytes | str | Path | Any, user: Actor, *, plan: Plan | None = None, dry_run: bool = False
) -> WorkbookOutcome:
    """Check the whole workbook, then apply its changed values in one transaction.

    ``plan`` is the plan it is uploaded to (None: the one its read-me names); ``user`` is recorded
    as the author and must be allowed to record values (`SYSTEM`: a command run on the server).
    Raises `WorkbookRefused` with every error, `PermissionDenied` without the right.
    """
    book = open_workbook(source)
    header = read_header(book)
    plan = _check_plan(header, plan)
    if not can_record_values(user, plan):
        raise PermissionDenied
    with translation.override(header.language):
        spec = workbook_spec(plan, header.year, header.language)
        if spec.fingerprint != header.fingerprint:
            raise WorkbookRefused(
                [
                    _(
                        "The plan has changed since this workbook was produced (structure %(theirs)s, now "
                        "%(ours)s): download a new workbook."
                    )
                    % {"theirs": header.fingerprint or "?", "ours": spec.fingerprint}
                ]
            )
        result = read_values(book, spec)
    if result.errors:
        raise WorkbookRefused(list(result.errors))
    # Values, not cells: the categories of one indicator's period are one value.
    written = {(c.indicator_id, c.period) for c in result.changes}
    created = len({(c.indicator_id, c.period) for c in result.changes if c.created})
    outcome = WorkbookOutcome(
        plan, header.year, created, len(written) - created, result.unchanged, not dry_run
    )
    if not dry_run and result.changes:
        _apply(plan, result.changes, user)
    return outcome


def _apply(plan: Plan, changes: list[ValueChange], user: Actor) -> None:
    by_period: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    cells: dict[tuple[str, int, str], ValueChange] = {}
    for change in changes:
        cells[(change.period, change.indicator_id, change.category)] = change
        if not change.category:
            by_period[change.period][change.indicator_id] = change.data
    _merge_categories([c for c in changes if c.category], by_period)
    try:
        with transaction.atomic():
            for period, rows in by_period.items():
                try:
                    bulk_record(plan, period, rows, user)
                except Invalid as exc:
                    raise WorkbookRefused(_cell_errors(exc, period, cells)) from None
    except (YearLocked, StaleEdit) as exc:  # StaleEdit: another first value at the same moment
        raise WorkbookRefused([str(exc)]) from None


def _merge_categories(changes: list[ValueChange], by_period: dict[str, dict[int, dict[str, Any]]]) -> None:
    """The categories changed in the workbook, merged into those stored for their period: the whole
    value is written (its total recomputed by `bulk_record`, which checks the revision the
    workbook was produced with). Two queries."""
    if not changes:
        return
    keys = dict(Indicator.objects.filter(pk__in={c.indicator_id for c in changes}).values_list("pk", "key"))
    stored = {
        (m.indicator_key, m.period): m
        for m in Measurement.objects.filter(
            indicator_key__in=keys.values(), period__in={c.period for c in changes}
        )
    }
    parts = parts_of(stored.values())
    merged: dict[tuple[str, int], dict[str, dict[str, Any]]] = {}
    for change in changes:
        place = (change.period, change.indicator_id)
        current = stored.get((keys[change.indicator_id], change.period))
        if place not in merged:
            merged[place] = {
                cell_label(cell): {n: getattr(part, n) for n in VALUE_FIELDS}
                for cell, part in (parts.get(current.pk, {}) if current else {}).items()
            }
            by_period[change.period][change.indicator_id] = {
                "comment": current.comment if current else "",
                "source": current.source if current else "",
                "revision": change.data.get("revision", 0),
            }
        merged[place][change.category] = {
            n: v for n, v in change.data.items() if n not in ("comment", "source", "revision")
        }
    for (period, pk), categories in merged.items():
        by_period[period][pk]["parts"] = [{"cell": cell, **values} for cell, values in categories.items()]


def _cell_errors(
    exc: Invalid, period: str, cells: dict[tuple[str, int, str], ValueChange]
) -> list[CellError | str]:
    """Errors the actions found (values changed meanwhile), on the cells they concern: those of
    an indicator ("<id>.<field>"), or of one of its categories ("<id>.parts.<category>.<field>")."""
    found: list[CellError | str] = []
    for name, messages in exc.errors.items():
        pk, _dot, field = name.partition(".")
        category = ""
        if field.startswith("parts."):
            category, _dot, field = field.removeprefix("parts.").rpartition(".")
        change = cells.get((period, int(pk), category)) if pk.isdigit() else None
        if change is None and pk.isdigit():  # about the whole value: on a category written
            change = next((c for (p, i, _c), c in cells.items() if p == period and i == int(pk)), None)
        if change is None:
            found.append(" ".join(messages))
            continue
        where = change.cells.get("value" if field in ("amount", "done") else field) or next(
            iter(change.cells.values())
        )
        sheet, _bang, cell = where.rpartition("!")
        found.append(CellError(sheet, cell, " ".join(messages)))
    return found
