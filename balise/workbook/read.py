"""Reading an uploaded evaluation workbook back: every input cell checked against the spec it was
written from (`balise.workbook.spec`), the result a list of value changes or a list of errors.

Each error names its cell, ``Cambriolage!J7: Enter a whole number. (found “douze”)``; nothing is
applied when there is one (the caller decides). The rules on values are those of
`balise.monitoring.validation`, so the workbook refuses what the pages and the API refuse.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from balise import errors
from balise.domain.periods import parse_period, plausible_year
from balise.domain.targets import TargetKind
from balise.imports.archive import ArchiveRefused, open_archive
from balise.monitoring.period_names import period_name
from balise.monitoring.validation import VALUE_FIELDS, clean_values, period_errors
from balise.workbook.spec import (
    FIELD_ROW,
    FIRST_ROW,
    FIRST_SLOT_COL,
    FIXED,
    FORMAT,
    ID_COL,
    KEY_COL,
    PERIOD_ROW,
    README,
    README_KEYS,
    REVISIONS_COL,
    Line,
    Recorded,
    SheetSpec,
    WorkbookSpec,
    field_label,
    fixed_labels,
    progress_labels,
)


@dataclass(frozen=True)
class CellError:
    sheet: str
    cell: str
    reason: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}: {self.reason}"


class WorkbookRefused(errors.Invalid):
    """The workbook cannot be applied; ``problems`` are `CellError`s or whole-file messages,
    each one by its field path (``"Values!D7"``, ``"file"`` for the whole file)."""

    def __init__(self, problems: list[CellError | str]) -> None:
        self.problems = problems
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            if isinstance(problem, CellError):
                by_field.setdefault(f"{problem.sheet}!{problem.cell}", []).append(problem.reason)
            else:
                by_field.setdefault("file", []).append(problem)
        super().__init__(by_field)
        self.args = ("\n".join(str(p) for p in problems),)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


@dataclass(frozen=True)
class Header:
    plan_id: int
    version: int
    lineage: str
    year: int
    language: str
    fingerprint: str


@dataclass
class ValueChange:
    """The values of one indicator for one period, different from what is recorded."""

    indicator_id: int
    period: str
    data: dict[str, Any]  # as `bulk_record` takes them (comment and source kept as recorded)
    cells: dict[str, str]  # input field → "Sheet!J7"
    current: Recorded | None
    category: str = ""  # of a disaggregated indicator: the values are this category's

    @property
    def created(self) -> bool:
        return self.current is None


@dataclass
class ReadResult:
    changes: list[ValueChange] = field(default_factory=list)
    unchanged: int = 0
    errors: list[CellError] = field(default_factory=list)


# An evaluation workbook has one row per indicator and a few dozen columns; these bounds are far
# above any plan and far below what exhausts the server (openpyxl keeps every cell in memory).
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 1_000
MAX_CELLS = 200_000
MAX_ID = 2**31 - 1
TEXT_COL = FIXED.index("indicator") + 1
_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
_COLUMN = re.compile(r"[A-Z]+")


def open_workbook(source: bytes | str | Path | Any) -> Workbook:
    """The workbook with formulas kept as written (so they can be refused).

    Bounded before openpyxl builds anything: the file's size, the archive's parts and inflated
    sizes (`balise.imports.archive`), then each sheet's rows, columns and cells counted while
    streaming its XML (entities never expanded), so that a million-row sheet is refused after
    its first ten thousand rows. Whatever else a damaged or hostile file trips on is a refusal too.
    """
    data = _read_bounded(source)
    try:
        with open_archive(data, "workbook") as archive:
            for name in archive.namelist():
                if _WORKSHEET.fullmatch(name):
                    _check_sheet_size(archive, name)
        return load_workbook(io.BytesIO(data), data_only=False)  # bytes: no check of the file's name
    except ArchiveRefused as exc:
        if exc.reason == "not_zip":
            raise WorkbookRefused(
                [_("This file is not an XLSX workbook (%(reason)s).") % {"reason": exc}]
            ) from None
        raise WorkbookRefused([_("This file cannot be read safely: %(reason)s") % {"reason": exc}]) from None
    except WorkbookRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - a hostile file must not crash the reader, whatever it trips on
        raise WorkbookRefused(
            [
                _("This file is not an XLSX workbook (%(reason)s).")
                % {"reason": f"{type(exc).__name__}: {exc}"[:200]}
            ]
        ) from None


def _read_bounded(source: bytes | str | Path | Any) -> bytes:
    too_large = WorkbookRefused([_("This file is too large for a workbook (at most 10 MB).")])
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str | Path):
        path = Path(source)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise too_large
            data = path.read_bytes()
        except OSError as exc:
            raise WorkbookRefused([_("This file cannot be read (%(reason)s).") % {"reason": exc}]) from None
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise too_large
    return data


def _check_sheet_size(archive: zipfile.ZipFile, name: str) -> None:
    """Count the rows, columns and cells of one sheet as its XML streams by."""
    rows = cells = widest = 0
    sheet = name.rsplit("/", 1)[-1]
    with archive.open(name) as stream:
        events = etree.iterparse(
            stream, events=("end",), resolve_entities=False, load_dtd=False, no_network=True
        )
        for _event, element in events:
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "c":
                cells += 1
                if cells > MAX_CELLS:
                    raise WorkbookRefused(
                        [_too_big(_("The sheet %(sheet)s has more than %(limit)s cells."), sheet, MAX_CELLS)]
                    )
                letters = _COLUMN.match(element.get("r") or "")
                if letters:
                    widest = max(widest, column_index_from_string(letters.group()))
                    if widest > MAX_COLUMNS:
                        raise WorkbookRefused(
                            [
                                _too_big(
                                    _("The sheet %(sheet)s has more than %(limit)s columns."),
                                    sheet,
                                    MAX_COLUMNS,
                                )
                            ]
                        )
            elif tag == "row":
                rows += 1
                if rows > MAX_ROWS:
                    raise WorkbookRefused(
                        [_too_big(_("The sheet %(sheet)s has more than %(limit)s rows."), sheet, MAX_ROWS)]
                    )
                element.clear(keep_tail=False)  # a row counted is forgotten: memory stays flat
                while element.getprevious() is not None:
                    del element.getparent()[0]


def _too_big(message: str, sheet: str, limit: int) -> str:
    return " ".join(
        (
            message % {"sheet": sheet, "limit": f"{limit:,}".replace(",", " ")},
            _("This is not an evaluation workbook."),
        )
    )


def read_header(book: Workbook) -> Header:
    """The ids written on the read-me sheet; refused when it is missing or damaged."""
    if README not in book.sheetnames:
        raise WorkbookRefused(
            [_("This is not a Balise workbook: it has no “%(sheet)s” sheet.") % {"sheet": README}]
        )
    ws = book[README]
    found = {str(ws.cell(r, 1).value): ws.cell(r, 3).value for r in range(1, 3 + len(README_KEYS) + 2)}
    if found.get("format") != FORMAT:
        raise WorkbookRefused(
            [_("This is not a Balise workbook (format %(format)s expected).") % {"format": FORMAT}]
        )
    try:
        header = Header(
            plan_id=int(found["plan_id"]),
            version=int(found["version"]),
            lineage=str(found["lineage"])[:64],
            year=int(found["year"]),
            language=str(found.get("language") or "en")[:5],
            fingerprint=str(found.get("fingerprint") or "")[:64],
        )
        # ids a database can hold, a year Balise knows: anything else was typed over the ids
        ids_fit = 0 < header.plan_id <= MAX_ID and 0 < header.version <= MAX_ID
        if not (ids_fit and plausible_year(header.year)):
            raise ValueError(header)
        return header
    except (KeyError, TypeError, ValueError, OverflowError):
        raise WorkbookRefused(
            [_("The ids of the “%(sheet)s” sheet were changed.") % {"sheet": README}]
        ) from None


def read_values(book: Workbook, spec: WorkbookSpec) -> ReadResult:
    """Every sheet and input cell of ``book`` checked against ``spec`` (labels in the active
    language, which must be the workbook's)."""
    result = ReadResult()
    result.errors.extend(_sheet_order(book, spec))
    known = {line.indicator_id for sheet in spec.sheets for line in sheet.lines}
    for sheet in spec.sheets:
        if sheet.title not in book.sheetnames:
            continue
        ws = book[sheet.title]
        problems = _structure(ws, sheet, known)
        result.errors.extend(problems)
        if problems:
            continue  # the cells no longer mean what the spec says: do not read them
        for r, line in enumerate(sheet.lines, start=FIRST_ROW):
            found = ReadResult()
            _read_line(ws, sheet, line, r, spec, found)
            # In the order of the columns, whatever the check that found them.
            result.errors.extend(sorted(found.errors, key=lambda e: (len(e.cell), e.cell)))
            result.changes.extend(found.changes)
            result.unchanged += found.unchanged
    return result


def _sheet_order(book: Workbook, spec: WorkbookSpec) -> list[CellError]:
    expected = [README, *(s.title for s in spec.sheets)]
    errors = []
    for position, title in enumerate(expected, start=1):
        if title not in book.sheetnames:
            errors.append(CellError(title, "A1", _("sheet missing (deleted or renamed).")))
        elif book.sheetnames.index(title) + 1 != position:
            errors.append(
                CellError(title, "A1", _("sheet moved (expected in position %(n)s).") % {"n": position})
            )
    for title in book.sheetnames:
        if title not in expected:
            errors.append(CellError(title, "A1", _("unexpected sheet (added or renamed).")))
    return errors


def _structure(ws: Worksheet, sheet: SheetSpec, known: set[int]) -> list[CellError]:
    """Headers and the id of every row as written; a moved, renamed or deleted column or row
    shows up here."""
    errors: list[CellError] = []
    headers: list[tuple[int, int, str]] = [
        (FIELD_ROW, col, label) for col, label in enumerate(fixed_labels(), 1)
    ]
    for n, slot in enumerate(sheet.slots):
        headers += [
            (PERIOD_ROW, FIRST_SLOT_COL + n, period_name(slot.period)),
            (FIELD_ROW, FIRST_SLOT_COL + n, field_label(slot.field)),
        ]
    headers += [(FIELD_ROW, sheet.progress_col + n, label) for n, label in enumerate(progress_labels())]
    for row, col, label in headers:
        found = ws.cell(row, col).value
        if str(found or "") != label:
            errors.append(
                _error(
                    ws,
                    row,
                    col,
                    _("column changed (expected “%(label)s”, found “%(found)s”).")
                    % {"label": label, "found": _shown(found)},
                )
            )
    beyond = sheet.progress_col + len(progress_labels())
    if ws.max_column >= beyond and any(
        ws.cell(FIELD_ROW, c).value not in (None, "") for c in range(beyond, ws.max_column + 1)
    ):
        errors.append(_error(ws, FIELD_ROW, beyond, _("unexpected column (added).")))
    for r, line in enumerate(sheet.lines, start=FIRST_ROW):
        errors.extend(_row_ids(ws, r, line, known))
    last = FIRST_ROW + len(sheet.lines)
    for r in range(last, ws.max_row + 1):
        if any(ws.cell(r, c).value not in (None, "") for c in range(1, beyond)):
            errors.append(_error(ws, r, ID_COL, _("unexpected row (added or moved).")))
    return errors


def _row_ids(ws: Worksheet, r: int, line: Line, known: set[int]) -> list[CellError]:
    raw = ws.cell(r, ID_COL).value
    try:
        found = int(raw)
    except (TypeError, ValueError):
        found = None
    if found is not None and found != line.indicator_id and found not in known:
        return [_error(ws, r, ID_COL, _("unknown indicator id %(id)s (not in this plan).") % {"id": found})]
    if found != line.indicator_id:
        return [
            _error(
                ws,
                r,
                ID_COL,
                _("row changed (expected indicator %(id)s, found “%(found)s”).")
                % {"id": line.indicator_id, "found": _shown(raw)},
            )
        ]
    if str(ws.cell(r, KEY_COL).value or "") != line.key:
        return [
            _error(
                ws,
                r,
                KEY_COL,
                _("the identity key of indicator %(id)s was changed.") % {"id": line.indicator_id},
            )
        ]
    # The rows of one indicator's categories share its id: their text tells them apart.
    found_text = ws.cell(r, TEXT_COL).value
    if line.category and str(found_text or "") != line.text:
        return [
            _error(
                ws,
                r,
                TEXT_COL,
                _("row changed (expected “%(expected)s”, found “%(found)s”).")
                % {"expected": line.text, "found": _shown(found_text)},
            )
        ]
    return []


def _read_line(
    ws: Worksheet, sheet: SheetSpec, line: Line, r: int, spec: WorkbookSpec, result: ReadResult
) -> None:
    groups: dict[str, dict[str, tuple[Any, str]]] = {}
    spoiled: set[str] = set()  # periods with a formula: their other cells are not judged alone
    for n, slot in enumerate(sheet.slots):
        cell = ws.cell(r, FIRST_SLOT_COL + n)
        value = cell.value
        if isinstance(value, str) and not value.strip():
            value = None
        if value is None:
            if sheet.applies(line, slot):
                groups.setdefault(slot.period, {})[slot.field] = (None, cell.coordinate)
            continue
        if _is_formula(cell):
            spoiled.add(slot.period)
            result.errors.append(
                CellError(
                    ws.title,
                    cell.coordinate,
                    _("a formula (%(formula)s) instead of a value: type the value itself.")
                    % {"formula": _shown(value)},
                )
            )
            continue
        if not sheet.applies(line, slot):
            result.errors.append(
                CellError(ws.title, cell.coordinate, _("this cell takes no value for this indicator."))
            )
            continue
        groups.setdefault(slot.period, {})[slot.field] = (value, cell.coordinate)
    snapshot = _revisions(ws.cell(r, REVISIONS_COL).value)
    for period, cells in groups.items():
        if period not in spoiled:
            _check_group(ws.title, line, period, cells, snapshot, spec, result)


def _check_group(
    title: str,
    line: Line,
    period: str,
    cells: dict[str, tuple[Any, str]],
    snapshot: dict[str, int],
    spec: WorkbookSpec,
    result: ReadResult,
) -> None:
    """One line's cells of one period: a change to apply, unchanged, or refused on its cells
    (a recorded value emptied, values unfit for the target, a locked year, a stale workbook)."""
    current = line.recorded.get(period)
    where = {name: coordinate for name, (_v, coordinate) in cells.items()}
    first = next(iter(where.values()))
    if all(value is None for value, _c in cells.values()):
        # (a category without a value in a period that has one is recorded with no figure)
        if current is not None and any(v is not None for v in current.values.values()):
            result.errors.append(
                CellError(
                    title, first, _("a recorded value cannot be removed here: delete it on the values page.")
                )
            )
        return
    data = _data(line, {name: value for name, (value, _c) in cells.items()})
    rp = parse_period(period)
    values, errors = clean_values(line.target, data, rp)
    problems = period_errors(line.target, rp, None, None)
    if problems:
        errors = {"period": problems, **errors}
    if errors:
        result.errors += _invalid_cells(title, line, cells, errors)
        return
    if current is not None and all(values[name] == current.values.get(name) for name in VALUE_FIELDS):
        result.unchanged += 1
        return
    changed = [where[f] for f in where if current is None or _differs(line, f, values, current)] or [first]
    refused = _change_refused(title, changed, current, snapshot.get(period, 0), spec)
    if refused:
        result.errors += refused
        return
    if current is not None:
        data.update(comment=current.comment, source=current.source, revision=current.revision)
    else:
        data["revision"] = 0
    where_cells = {f: f"{title}!{c}" for f, c in where.items()}
    result.changes.append(ValueChange(line.indicator_id, period, data, where_cells, current, line.category))


def _change_refused(
    title: str, changed: list[str], current: Recorded | None, seen: int, spec: WorkbookSpec
) -> list[CellError]:
    """Why a change cannot be applied, on the cells it changes: the year's evaluation is locked
    (every cell), or the value was changed in Balise since the workbook was produced (its
    revision there, ``seen``, is not the current one: the first cell)."""
    if spec.locked_state:
        locked = _("the evaluation of %(year)s is %(state)s: its values can no longer be changed.") % {
            "year": spec.year,
            "state": spec.locked_state,
        }
        return [CellError(title, coordinate, locked) for coordinate in changed]
    if (current.revision if current else 0) != seen:
        stale = _(
            "this value was changed in Balise after the workbook was produced: download a new workbook."
        )
        return [CellError(title, changed[0], stale)]
    return []


def _invalid_cells(
    title: str, line: Line, cells: dict[str, tuple[Any, str]], errors: dict[str, list[str]]
) -> list[CellError]:
    """The messages of ``clean_values`` on the cells they are about, each with what was found
    there; a message about no cell of the group (the period) goes on its first cell."""
    where = {name: coordinate for name, (_v, coordinate) in cells.items()}
    first = next(iter(where.values()))
    found = []
    for name, messages in errors.items():
        cell_field = _input_field(line, name)
        raw = cells.get(cell_field, (None, first))[0]
        text = " ".join(messages)
        if raw is not None:
            text = _("%(message)s (found “%(value)s”)") % {"message": text, "value": _shown(raw)}
        found.append(CellError(title, where.get(cell_field, first), text))
    return found


def _data(line: Line, cells: dict[str, Any]) -> dict[str, Any]:
    """Cell contents → the fields of `clean_values` ("value" is the amount or the yes/no)."""
    data: dict[str, Any] = {}
    kind = line.target.kind if line.target else None
    for name, value in cells.items():
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date) and name != "done_on":
            value = value.isoformat()  # a date typed where a number is expected: refused as such
        if name != "value":
            data[name] = value
        elif kind in (TargetKind.BOOLEAN, TargetKind.DEADLINE):
            data["done"] = value
        elif kind is None and (isinstance(value, bool) or (isinstance(value, str) and not _numeric(value))):
            data["done"] = value
        else:
            data["amount"] = value
    return data


def _input_field(line: Line, name: str) -> str:
    return "value" if name in ("amount", "done") else name if name in line.fields else "value"


def _differs(line: Line, cell_field: str, values: dict[str, Any], current: Recorded) -> bool:
    names = ("amount", "done") if cell_field == "value" else (cell_field,)
    return any(values[n] != current.values.get(n) for n in names)


def _numeric(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _revisions(raw: Any) -> dict[str, int]:
    found: dict[str, int] = {}
    for part in str(raw or "").split():
        period, _sep, revision = part.partition("=")
        if revision.isdigit():
            found[period] = int(revision)
    return found


def _is_formula(cell: Cell) -> bool:
    value = cell.value
    return (
        cell.data_type == "f"
        or isinstance(value, (ArrayFormula, DataTableFormula))
        or (isinstance(value, str) and value.startswith("="))
    )


def _shown(value: Any) -> str:
    if isinstance(value, ArrayFormula):
        value = value.text
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _error(ws: Worksheet, row: int, col: int, reason: str) -> CellError:
    return CellError(ws.title, f"{get_column_letter(col)}{row}", reason)
