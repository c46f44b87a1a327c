"""The layout of the evaluation workbook (XLSX) of one plan and one year, as plain data.

`WorkbookSpec` says which sheets, columns and rows the workbook has and what is pre-filled; the
writer (`balise.workbook.write`) renders it, and the reader (`balise.workbook.read`) checks an
uploaded file against the same spec, cell by cell. Labels are given in the active language.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from balise.domain.money import format_number
from balise.domain.periods import Granularity, parse_period, periods_of_year
from balise.domain.progress import Status
from balise.domain.targets import Period, Target, TargetKind
from balise.monitoring.validation import needs_days

FORMAT = "balise.workbook/1"
README = "README"
PERIOD_ROW, FIELD_ROW, FIRST_ROW = 3, 4, 5
ID_COL, KEY_COL, REVISIONS_COL = 1, 2, 3
FIXED = (
    "id",
    "key",
    "revisions",
    "strategic_objective",
    "operational_objective",
    "indicator",
    "raw",
    "target",
    "per",
)
FIRST_SLOT_COL = len(FIXED) + 1
PROGRESS = ("actual", "expected", "status", "others")
INPUT_FIELDS = ("value", "numerator", "denominator", "days", "done_on")
GRID = (Granularity.YEAR, Granularity.QUARTER, Granularity.MONTH, Granularity.WEEK)
# Yes/no as the language's own words: `balise.monitoring.validation` reads all of them back.
YES_NO = {"fr": ("oui", "non"), "nl": ("ja", "nee"), "de": ("ja", "nein")}
_SIGNS = {">=": "≥", "<=": "≤"}
README_KEYS = ("format", "plan_id", "version", "lineage", "year", "language", "fingerprint")


@dataclass(frozen=True)
class Recorded:
    """A value already stored for one indicator and period (the fields of `Measurement`)."""

    revision: int
    values: dict[str, Any]  # amount, numerator, denominator, days, done, done_on
    comment: str = ""
    source: str = ""


@dataclass(frozen=True)
class Line:
    indicator_id: int
    key: str
    strategic_objective: str
    operational_objective: str
    text: str
    target: Target | None
    granularity: Granularity
    fields: tuple[str, ...]
    recorded: dict[str, Recorded] = field(default_factory=dict)  # by period label
    others: str = ""  # values recorded for periods that are not columns of the workbook
    actual: Decimal | None = None
    expected: Decimal | None = None
    status: str = Status.NO_DATA
    # A category of a disaggregated indicator ("age_band=18-25|sex=female"): its values are typed
    # on this line, under the indicator's own line, whose total is computed (it has no fields).
    category: str = ""


@dataclass(frozen=True)
class Slot:
    period: str
    field: str


@dataclass(frozen=True)
class SheetSpec:
    title: str
    module: str
    slots: tuple[Slot, ...]
    lines: tuple[Line, ...]

    def applies(self, line: Line, slot: Slot) -> bool:
        return slot.field in line.fields and granularity_of(slot.period) is line.granularity

    @property
    def progress_col(self) -> int:
        return FIRST_SLOT_COL + len(self.slots)


@dataclass(frozen=True)
class WorkbookSpec:
    plan_id: int
    version: int
    lineage: str
    plan_title: str
    year: int
    language: str
    locked_state: str  # the evaluation's state when the year is read-only, else ""
    sheets: tuple[SheetSpec, ...]

    @property
    def fingerprint(self) -> str:
        """Changes with anything that moves a cell: plan, version, year, sheets, columns, rows."""
        shape = [
            self.plan_id,
            self.version,
            self.lineage,
            self.year,
            [
                [
                    s.title,
                    [(c.period, c.field) for c in s.slots],
                    [
                        (li.indicator_id, li.key, li.category) if li.category else (li.indicator_id, li.key)
                        for li in s.lines
                    ],
                ]
                for s in self.sheets
            ],
        ]
        return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


def granularity_of(label: str) -> Granularity:
    return parse_period(label).granularity


def columns_granularity(cells: Granularity) -> Granularity:
    """The columns of an indicator: those of its cells on the pages (`monitoring.grid`), a
    day's values (never columns: 365 of them) entered month by month."""
    return cells if cells in GRID else Granularity.MONTH


def fields_of(target: Target | None) -> tuple[str, ...]:
    kind = target.kind if target else None
    if kind is TargetKind.PERCENT:
        return ("numerator", "denominator")
    if kind is TargetKind.DEADLINE:
        return ("value", "done_on")
    if kind in (TargetKind.COUNT, TargetKind.HOURS) and needs_days(target):
        return ("value", "days")
    return ("value",)


def sheet_slots(lines: list[Line], year: int, start: date, end: date) -> tuple[Slot, ...]:
    slots: list[Slot] = []
    for granularity in GRID:
        wanted = {f for line in lines if line.granularity is granularity for f in line.fields}
        if not wanted:
            continue
        names = [f for f in INPUT_FIELDS if f in wanted]
        for period in periods_of_year(year, granularity):
            if start <= period.start and period.end <= end:
                slots.extend(Slot(period.label, name) for name in names)
    return tuple(slots)


def sheet_title(title: str, taken: set[str]) -> str:
    """≤ 31 characters, none of []:*?/\\ , unique in the workbook (case-insensitive, like Excel)."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip().strip("'") or "Module"
    base = " ".join(base.split())
    candidate, n = base[:31], 1
    while candidate.lower() in taken or candidate.lower() == README.lower():
        n += 1
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


# ---------------------------------------------------------------- labels (in the active language)


def field_label(name: str) -> str:
    return {
        "value": _("value"),
        "numerator": _("count"),
        "denominator": _("out of (total)"),
        "days": _("days worked"),
        "done_on": _("done on"),
    }[name]


def fixed_labels() -> tuple[str, ...]:
    return (
        _("Indicator id"),
        _("Identity key"),
        _("Revisions"),
        _("Strategic objective"),
        _("Operational objective"),
        _("Indicator"),
        _("Target as written"),
        _("Target"),
        _("Entered per"),
    )


def progress_labels() -> tuple[str, ...]:
    return (_("Actual"), _("Expected"), _("Status"), _("Other values"))


def status_label(status: str) -> str:
    labels: dict[str, str] = {
        Status.MET: _("met"),
        Status.PARTLY_MET: _("partly met"),
        Status.NOT_MET: _("not met"),
        Status.NO_DATA: _("no data"),
    }
    return labels.get(status, status)


def granularity_label(granularity: Granularity) -> str:
    return {
        Granularity.YEAR: _("year"),
        Granularity.QUARTER: _("quarter"),
        Granularity.MONTH: _("month"),
        Granularity.WEEK: _("week"),
    }.get(granularity, granularity.value)


def target_label(target: Target | None) -> str:
    if target is None:
        return _("no target yet")
    kind = {
        TargetKind.BOOLEAN: _("yes/no"),
        TargetKind.COUNT: _("count"),
        TargetKind.PERCENT: _("percentage"),
        TargetKind.HOURS: _("hours"),
        TargetKind.DEADLINE: _("deadline"),
        TargetKind.RANGE: _("range"),
    }[target.kind]
    parts = [kind]
    if target.kind is TargetKind.RANGE and target.value is not None and target.upper is not None:
        parts.append(f"{format_number(target.value)}–{format_number(target.upper)}")
    elif target.value is not None:
        unit = "%" if target.kind is TargetKind.PERCENT else ""
        sign = _SIGNS.get(target.comparator or ">=", target.comparator)
        parts.append(f"{sign} {format_number(target.value)}{unit}")
    if target.per is not None:
        per = {Period.DAY: _("day"), Period.WEEK: _("week"), Period.MONTH: _("month"), Period.YEAR: _("year")}
        parts.append(_("per %(period)s") % {"period": per[target.per]})
    if target.deadline is not None:
        parts.append(target.deadline.isoformat())
    return " ".join(parts)


def yes_no(language: str) -> tuple[str, str]:
    return YES_NO.get(language[:2], ("yes", "no"))


def revisions_text(line: Line) -> str:
    """What was recorded when the workbook was produced, to detect values changed meanwhile."""
    return " ".join(f"{period}={r.revision}" for period, r in sorted(line.recorded.items()))


def cell_value(line: Line, slot: Slot, language: str) -> Any:
    """The pre-filled content of an input cell (None when nothing is recorded)."""
    recorded = line.recorded.get(slot.period)
    if recorded is None:
        return None
    values = recorded.values
    if slot.field == "value":
        if values.get("amount") is not None:
            return excel_number(values["amount"])
        done = values.get("done")
        return None if done is None else yes_no(language)[0 if done else 1]
    return excel_number(values.get(slot.field)) if slot.field != "done_on" else values.get("done_on")


def excel_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
