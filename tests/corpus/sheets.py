"""Plans kept in spreadsheets (XLSX with openpyxl, ODS with odfdo).

Three shapes: one sheet per module (hierarchy columns, parents merged or repeated down the rows),
one flat table whose first columns carry the hierarchy, and a zonal plan with per priority a
key/value block above its action table. Targets always have their own column.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

from balise.domain.outline import ModuleOutline, PlanOutline
from tests.corpus.word import ZONAL, zonal_action_rows, zonal_key_values

HEADERS = {
    "fr": (
        "Phénomène",
        "Objectif stratégique",
        "Objectif opérationnel",
        "Résultat attendu",
        "Indicateur",
        "Cible",
    ),
    "nl": (
        "Fenomeen",
        "Strategische doelstelling",
        "Operationele doelstelling",
        "Resultaat",
        "Indicator",
        "Streefwaarde",
    ),
}

Grid = list[list[str]]
Merge = tuple[int, int, int, int]  # first row, column, last row, column (0-based, inclusive)


SERVICE = {"fr": "Service porteur", "nl": "Dienst"}


def has_services(outline: PlanOutline) -> bool:
    return any(so.service for m in outline.modules for so in m.strategic_objectives)


def module_rows(module: ModuleOutline, with_service: bool = False) -> tuple[Grid, list[tuple[int, int, int]]]:
    """Rows (strategic objective, operational objective, result, indicator, target[, service]) of
    a module, results and indicators side by side, and the vertical runs (column, first, last) of
    parents."""
    rows: Grid = []
    runs: list[tuple[int, int, int]] = []
    for so in module.strategic_objectives:
        so_first = len(rows)
        for oo in so.operational_objectives:
            oo_first = len(rows)
            pairs = list(zip_longest(oo.results, oo.indicators)) or [(None, None)]
            for result, indicator in pairs:
                rows.append(
                    [
                        so.title,
                        oo.title,
                        result or "",
                        indicator.text if indicator else "",
                        indicator.target.raw if indicator and indicator.target else "",
                        *([so.service or ""] if with_service else []),
                    ]
                )
            runs.append((1, oo_first, len(rows) - 1))
        runs.append((0, so_first, len(rows) - 1))
        if with_service:
            runs.append((5, so_first, len(rows) - 1))
    return rows, runs


def _blank_repeats(grid: Grid, runs: list[tuple[int, int, int]], offset: int) -> list[Merge]:
    """Merge each run of a parent: keep the first cell, blank the covered ones."""
    merges = []
    for column, first, last in runs:
        if last > first:
            for r in range(first + 1, last + 1):
                grid[r][column + offset] = ""
            merges.append((first, column + offset, last, column + offset))
    return merges


def sheet_per_module(outline: PlanOutline, merged: bool) -> list[tuple[str, Grid, list[Merge]]]:
    """(sheet name, rows, merges): a title row naming the module, a header row, then the rows."""
    service = has_services(outline)
    header = [*HEADERS[outline.language][1:], *([SERVICE[outline.language]] if service else [])]
    sheets = []
    for m, module in enumerate(outline.modules, 1):
        rows, runs = module_rows(module, service)
        merges = _blank_repeats(rows, runs, 0) if merged else []
        grid = [[module.title] + [""] * (len(header) - 1), header, *rows]
        merges = [(0, 0, 0, len(header) - 1)] + [(a + 2, b, c + 2, d) for a, b, c, d in merges]
        sheets.append((f"{m}. {module.title}"[:31], grid, merges))
    return sheets


def flat_table(outline: PlanOutline, merged: bool) -> list[tuple[str, Grid, list[Merge]]]:
    """One sheet: phenomenon | strategic objective | operational objective | result | indicator |
    target [| service]."""
    service = has_services(outline)
    grid: Grid = [[*HEADERS[outline.language], *([SERVICE[outline.language]] if service else [])]]
    merges: list[Merge] = []
    for module in outline.modules:
        rows, runs = module_rows(module, service)
        first = len(grid)
        block = [[module.title, *row] for row in rows]
        if merged:
            merges += [(a + first, b, c + first, d) for a, b, c, d in _blank_repeats(block, runs, 1)]
            for r in range(1, len(block)):
                block[r][0] = ""
            if len(block) > 1:
                merges.append((first, 0, first + len(block) - 1, 0))
        grid += block
    return [("Plan", grid, merges)]


def zonal_sheets(outline: PlanOutline) -> list[tuple[str, Grid, list[Merge]]]:
    words = ZONAL[outline.language]
    sheets = []
    for p, module in enumerate(outline.modules, 1):
        label = words["theme"] if module.kind == "theme" else f"{words['priority']} {p}"
        grid: Grid = [[f"{label} : {module.title}", "", "", ""]]
        merges: list[Merge] = [(0, 0, 0, 3)]
        for so in module.strategic_objectives:
            for key, value in zonal_key_values(so, words):
                merges.append((len(grid), 1, len(grid), 3))
                grid.append([key, value, "", ""])
            grid.append(["", "", "", ""])
            grid.append(list(words["columns"]))
            grid += [list(row) for row in zonal_action_rows(so)]
        sheets.append((f"{words['priority'][:4]}. {p}", grid, merges))
    return sheets


# --- writers -----------------------------------------------------------------------------------


def write_xlsx(sheets: Sequence[tuple[str, Grid, list[Merge]]], path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, grid, merges in sheets:
        sheet = workbook.create_sheet(name)
        for row in grid:
            sheet.append(row)
        for r1, c1, r2, c2 in merges:
            sheet.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for column in "ABCDEF":
            sheet.column_dimensions[column].width = 42
        for row in sheet.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    workbook.save(path)


def write_ods(sheets: Sequence[tuple[str, Grid, list[Merge]]], path: Path) -> None:
    from odfdo import Document, Table

    document = Document("spreadsheet")
    body = document.body
    body.clear()
    for name, grid, merges in sheets:
        table = Table(name)
        width = max(len(row) for row in grid)
        table.set_values([row + [""] * (width - len(row)) for row in grid])
        for r1, c1, r2, c2 in merges:
            table.set_span((c1, r1, c2, r2))
        body.append(table)
    document.save(str(path))


def figures_sheet(path: Path) -> None:
    """Not a plan: recorded burglaries per municipality and year, as the federal police publish."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cambriolages"
    sheet.append(["Commune", "2019", "2020", "2021", "2022", "2023"])
    for name, values in (
        ("Anderlecht", (1412, 1180, 1096, 1203, 1157)),
        ("Forest", (534, 471, 455, 498, 462)),
        ("Saint-Gilles", (612, 540, 501, 566, 530)),
        ("Total zone Midi", (2558, 2191, 2052, 2267, 2149)),
    ):
        sheet.append([name, *values])
    workbook.save(path)
