"""The evaluation workbook of a plan's year: produce it, and apply an uploaded one atomically.

An upload is checked whole first (`balise.workbook.read`): it must belong to the plan and
version it is uploaded to, with the structure it was produced with, and every input cell must be
valid; otherwise nothing is applied and every error is listed. The changed values then go through
`balise.monitoring.actions.bulk_record` (one call per period) in one transaction, so the rules,
history and author are those of any other entry; unchanged cells are not written again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from balise.accounts.actors import Actor
from balise.monitoring.actions import bulk_record
from balise.monitoring.errors import Invalid, StaleEdit, YearLocked
from balise.monitoring.grid import cells_granularity
from balise.monitoring.models import Evaluation, Measurement
from balise.monitoring.period_names import period_name
from balise.monitoring.rules import can_record_values
from balise.monitoring.selectors import IndicatorRow, plan_progress
from balise.monitoring.validation import VALUE_FIELDS
from balise.plans.models import Plan
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


def _other_value(m: Measurement) -> str:
    if m.numerator is not None and m.denominator is not None:
        return f"{m.numerator.normalize():f}/{m.denominator.normalize():f}"
    if m.amount is not None:
        return f"{m.amount.normalize():f}"
    return "" if m.done is None else (_("yes") if m.done else _("no"))


def workbook_spec(plan: Plan, year: int, language: str | None = None) -> WorkbookSpec:
    """The workbook's layout and content for ``plan`` and ``year``: three queries."""
    progress = plan_progress(plan, year)
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
        lines = tuple(
            _line(row, {p for p in labels if _fits(p, b)}) for row, b in zip(rows, bare, strict=True)
        )
        sheets.append(
            SheetSpec(sheet_title(modules[module_id].title, taken), modules[module_id].title, slots, lines)
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
    created = sum(1 for c in result.changes if c.created)
    outcome = WorkbookOutcome(
        plan, header.year, created, len(result.changes) - created, result.unchanged, not dry_run
    )
    if not dry_run and result.changes:
        _apply(plan, result.changes, user)
    return outcome


def _apply(plan: Plan, changes: list[ValueChange], user: Actor) -> None:
    by_period: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    cells: dict[tuple[str, int], ValueChange] = {}
    for change in changes:
        by_period[change.period][change.indicator_id] = change.data
        cells[(change.period, change.indicator_id)] = change
    try:
        with transaction.atomic():
            for period, rows in by_period.items():
                try:
                    bulk_record(plan, period, rows, user)
                except Invalid as exc:
                    raise WorkbookRefused(_cell_errors(exc, period, cells)) from None
    except (YearLocked, StaleEdit) as exc:  # StaleEdit: another first value at the same moment
        raise WorkbookRefused([str(exc)]) from None


def _cell_errors(
    exc: Invalid, period: str, cells: dict[tuple[str, int], ValueChange]
) -> list[CellError | str]:
    """Errors the actions found (values changed meanwhile), on the cells they concern."""
    found: list[CellError | str] = []
    for name, messages in exc.errors.items():
        pk, _dot, field = name.partition(".")
        change = cells.get((period, int(pk))) if pk.isdigit() else None
        if change is None:
            found.append(" ".join(messages))
            continue
        where = change.cells.get("value" if field in ("amount", "done") else field) or next(
            iter(change.cells.values())
        )
        sheet, _bang, cell = where.rpartition("!")
        found.append(CellError(sheet, cell, " ".join(messages)))
    return found
