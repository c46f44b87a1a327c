"""Stage (a) for tables: label/value rows, column headers (any order, over two rows), title rows.

A table is read row by row, so one table may mix them, as zonal plans do (a key/value block on
top of each action table):

- a *header row* is made of labels only ("Indicateur | Cible | Objectif opérationnel"), with at
  least two of them; a merged cell that is not a label may group columns ("Évaluation" over
  "Indicateur | Cible"), and the row below may then name the grouped columns. The columns keep
  their role until the next header or label row;
- a *label row* starts with a cell holding only a label ("Streefwaarde", "Pilote") and has its
  value in the next cells;
- a *title row* has one cell across the table ("Strategische doelstelling 2: …", a phenomenon);
- any other row is a data row of the current columns, parents before children, each target just
  after its indicator. A cell merged with the one above, or repeating its parent's text, is the
  same parent continued.
"""

from __future__ import annotations

from balise.imports.document.model import Block, Cell
from balise.imports.recognise.mapping import Mapping
from balise.imports.recognise.units import Assignment, flow
from balise.imports.recognise.vocabulary import HIERARCHY, RANK, Role, is_subheader, label_of

Grid = list[dict[int, Cell]]


def read_table(table: Block, mapping: Mapping) -> list[Assignment]:
    grid = _grid([row.cells for row in table.rows])
    columns: dict[int, Role] | None = None
    previous: dict[int, str] = {}
    pending: Assignment | None = None
    out: list[Assignment] = []
    r = 0
    while r < len(grid):
        cells = grid[r]
        filled = [(c, cell) for c, cell in sorted(cells.items()) if cell.blocks]
        if not filled:
            r += 1
            continue
        if _is_header(cells, mapping, first=True):
            rows = 2 if r + 1 < len(grid) and _is_header(grid[r + 1], mapping, first=False) else 1
            columns, header = _columns(grid[r : r + rows], mapping)
            if pending is not None and Role.MODULE not in columns.values():
                # An unlabelled title right above a column table without a module column names
                # the module (a sheet per module).
                pending.role, pending.confidence, pending.rule = Role.MODULE, 0.6, "title row"
            pending = None
            previous = {}
            out.extend(header)
            r += rows
            continue
        first_role = _cell_label(filled[0][1], mapping)
        if first_role is not None and len(filled) >= 1 and filled[0][0] == min(cells):
            columns = pending = None
            out.extend(flow(filled[0][1].blocks, mapping, first_role, "label row"))
            for _, cell in filled[1:]:
                out.extend(flow(cell.blocks, mapping, first_role, "label row"))
        elif (
            len(filled) == 1
            and (filled[0][1].col_span > 1 or len(cells) == 1)
            and not (columns and filled[0][0] in columns and filled[0][1].col_span == 1)
        ):
            title = flow(filled[0][1].blocks, mapping, None)
            out.extend(title)
            unknown = [a for a in title if a.role is None and a.text]
            pending = unknown[0] if len(title) == 1 and unknown else None
            r += 1
            continue
        elif columns is not None:
            out.extend(_data_row(cells, columns, previous, mapping))
        else:
            out.extend(_free_row(filled, mapping))
        pending = None
        r += 1
    return out


def _free_row(filled: list[tuple[int, Cell]], mapping: Mapping) -> list[Assignment]:
    """A row without column headers. When a later cell announces results or indicators, the
    unlabelled first cell is the operational objective they belong to."""
    parts = [flow(cell.blocks, mapping, None) for _, cell in filled]
    later = {a.role for part in parts[1:] for a in part}
    if len(parts) > 1 and later & {Role.RESULT, Role.INDICATOR} and all(a.role is None for a in parts[0]):
        for a in parts[0]:
            if a.text:
                a.role, a.confidence, a.rule = Role.OPERATIONAL_OBJECTIVE, 0.7, "first cell of a row"
    return [a for part in parts for a in part]


def _grid(rows: list[list[Cell]]) -> Grid:
    out = []
    for row in rows:
        cells, column = {}, 0
        for cell in row:
            cells[column] = cell
            column += cell.col_span
        out.append(cells)
    return out


def _cell_label(cell: Cell, mapping: Mapping) -> Role | None:
    """The role a cell announces when it holds nothing but a label."""
    if len(cell.blocks) != 1:
        return None
    found = label_of(cell.blocks[0].text, mapping.labels)
    return found[0] if found and not found[1] else None


def _is_header(cells: dict[int, Cell], mapping: Mapping, *, first: bool) -> bool:
    filled = [c for c in cells.values() if c.blocks]
    if not filled:
        return False
    labelled = [c for c in filled if _cell_label(c, mapping) is not None]
    if first:
        groups = [c for c in filled if c.col_span > 1 and c not in labelled]
        return len(labelled) >= 2 and len(labelled) + len(groups) == len(filled)
    neutral = [c for c in filled if len(c.blocks) == 1 and is_subheader(c.text)]
    return len(labelled) >= 1 and len(labelled) + len(neutral) == len(filled)


def _columns(rows: Grid, mapping: Mapping) -> tuple[dict[int, Role], list[Assignment]]:
    roles: dict[int, Role] = {}
    out: list[Assignment] = []
    for n, cells in enumerate(rows):
        for column, cell in cells.items():
            role = _cell_label(cell, mapping)
            for covered in range(column, column + cell.col_span):
                if role is None:
                    continue
                above = roles.get(covered)
                # "Indicateur" over "Intitulé | Cible": the more specific name wins.
                roles[covered] = role if above is None or n == 0 or role is not Role.IGNORE else above
            rule = "column header" if role is not None or not is_subheader(cell.text) else "sub-header"
            shown = role or roles.get(column)
            out.extend(Assignment(b, shown, "", 0.9, rule, label_only=True) for b in cell.blocks)
    return roles, out


def _data_row(
    cells: dict[int, Cell], columns: dict[int, Role], previous: dict[int, str], mapping: Mapping
) -> list[Assignment]:
    row: list[tuple[int, list[Assignment]]] = []
    for column, cell in sorted(cells.items()):
        role = columns.get(column)
        if cell.merged_above or not cell.blocks:
            continue
        if role in HIERARCHY and previous.get(column) == cell.text:
            repeated = [
                Assignment(b, role, b.text, 0.9, "repeated cell", label_only=True) for b in cell.blocks
            ]
            row.append((RANK[role], repeated))
            continue
        previous[column] = cell.text
        for deeper, deeper_role in columns.items():  # a new parent restarts its children's repeats
            if role in HIERARCHY and deeper_role in HIERARCHY and RANK[deeper_role] > RANK[role]:
                previous.pop(deeper, None)
        assigned = flow(cell.blocks, mapping, role)
        row.append((min(RANK.get(a.role, 99) if a.role else 99 for a in assigned), assigned))
    return _row_order(row)


def _row_order(row: list[tuple[int, list[Assignment]]]) -> list[Assignment]:
    """Parents first; each target right after the indicator it belongs to."""
    row.sort(key=lambda item: item[0])
    flat = [a for _, group in row for a in group]
    indicators = [a for a in flat if a.role is Role.INDICATOR and not a.label_only]
    targets = [a for a in flat if a.role is Role.TARGET and not a.label_only]
    if indicators and len(targets) == len(indicators):
        rest = [a for a in flat if a not in indicators and a not in targets]
        at = next(
            (
                n
                for n, a in enumerate(rest)
                if (99 if a.role is None else RANK.get(a.role, 99)) > RANK[Role.INDICATOR]
            ),
            len(rest),
        )
        paired = [x for pair in zip(indicators, targets, strict=True) for x in pair]
        return rest[:at] + paired + rest[at:]
    return flat
