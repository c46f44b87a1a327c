"""Ruled tables of a PDF page from pdfium's path objects, without pdfminer.

Every drawn path is a ruling: a thin one is a line, a wider one a box (a cell border or a shaded
cell) whose four sides are rulings. Rulings that touch form a lattice; its cells are the spaces
between consecutive horizontal and vertical rulings, and a cell whose border is missing on one
side is merged with its neighbour there (Word's gridSpan and vMerge, printed). A table cut by a
page break has no ruling at the cut: its open end is closed where its vertical rulings end.

The tables have the shape pdfplumber's have (``rows[r].cells`` with ``None`` where a merged cell
covers the position, ``rows[r].bbox``, ``columns[c].bbox``, ``bbox``), top-left coordinates.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

_THIN = 2.0  # a path thinner than this is a line
_SNAP = 1.5  # rulings closer than this are one
_TOUCH = 2.5  # a ruling ending this close to another one touches it

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class Row:
    cells: list[Box | None]
    bbox: Box


@dataclass
class Column:
    bbox: Box


@dataclass
class Table:
    bbox: Box
    rows: list[Row] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)


def find_tables(page: Any) -> list[Table]:
    # Late: pypdfium2 loads the PDFium native library; only PDF documents need it.
    import pypdfium2.raw as raw

    _, height = page.get_size()
    horizontal: list[tuple[float, float, float]] = []  # y, x0, x1
    vertical: list[tuple[float, float, float]] = []  # x, y0, y1
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        if right - left < _THIN or top - bottom < _THIN:  # a line drawn as a thin box or a stroke
            _add(left, height - top, right, height - bottom, horizontal, vertical)
            continue
        for (ax, ay), (bx, by) in _sides(obj, raw):
            _add(min(ax, bx), height - max(ay, by), max(ax, bx), height - min(ay, by), horizontal, vertical)
    horizontal, vertical = _merge(horizontal), _merge(vertical)
    return [table for group in _groups(horizontal, vertical) if (table := _table(*group))]


def _add(x0: float, top: float, x1: float, bottom: float, horizontal: list, vertical: list) -> None:
    if x1 - x0 < _THIN and bottom - top < _THIN:
        return
    if x1 - x0 < _THIN:
        vertical.append(((x0 + x1) / 2, top, bottom))
    elif bottom - top < _THIN:
        horizontal.append(((top + bottom) / 2, x0, x1))


def _sides(obj: Any, raw: Any) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight pieces of a path, in page coordinates (a box gives its four sides)."""
    matrix = obj.get_matrix()
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    points: list[tuple[float, float]] = []
    sides = []
    start: tuple[float, float] | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(raw.FPDFPath_CountSegments(obj.raw)):
        segment = raw.FPDFPath_GetPathSegment(obj.raw, i)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO or not points:
            start = point
        elif kind == raw.FPDF_SEGMENT_LINETO:
            sides.append((points[-1], point))
        points.append(point)
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            sides.append((point, start))
    return sides


def _merge(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear rulings (within a snap of each other) that overlap or touch become one."""
    lines: list[list[tuple[float, float, float]]] = []
    for segment in sorted(segments):
        if lines and segment[0] - lines[-1][0][0] < _SNAP:
            lines[-1].append(segment)
        else:
            lines.append([segment])
    out: list[tuple[float, float, float]] = []
    for line in lines:
        at = line[0][0]
        merged: list[tuple[float, float, float]] = []
        for _, start, end in sorted(line, key=lambda s: s[1]):
            if merged and start <= merged[-1][2] + _TOUCH:
                merged[-1] = (at, merged[-1][1], max(merged[-1][2], end))
            else:
                merged.append((at, start, end))
        out += merged
    return out


def _groups(
    horizontal: list[tuple[float, float, float]], vertical: list[tuple[float, float, float]]
) -> list[tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]]:
    """Rulings that touch, transitively: one group per table."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(horizontal):
        for j, (x, y0, y1) in enumerate(vertical):
            if x0 - _TOUCH <= x <= x1 + _TOUCH and y0 - _TOUCH <= y <= y1 + _TOUCH:
                parent[find(i)] = find(len(horizontal) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, segment in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(segment)
    for j, segment in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + j), ([], []))[1].append(segment)
    return [group for group in groups.values() if group[0] and group[1]]


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] >= _SNAP:
            out.append(value)
    return out


def _table(
    horizontal: list[tuple[float, float, float]], vertical: list[tuple[float, float, float]]
) -> Table | None:
    xs = _positions([x for x, _, _ in vertical])
    top, bottom = min(y0 for _, y0, _ in vertical), max(y1 for _, _, y1 in vertical)
    ys = _positions([y for y, _, _ in horizontal] + [top, bottom])  # open ends closed
    if len(xs) < 2 or len(ys) < 2:
        return None

    def has_v(x: float, y0: float, y1: float) -> bool:
        return any(
            abs(x - vx) < _SNAP and vy0 <= y0 + _TOUCH and vy1 >= y1 - _TOUCH for vx, vy0, vy1 in vertical
        )

    def has_h(y: float, x0: float, x1: float) -> bool:
        return any(
            abs(y - hy) < _SNAP and hx0 <= x0 + _TOUCH and hx1 >= x1 - _TOUCH for hy, hx0, hx1 in horizontal
        )

    rows_n, cols_n = len(ys) - 1, len(xs) - 1
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    table = Table((xs[0], ys[0], xs[-1], ys[-1]))
    for r in range(rows_n):
        cells: list[Box | None] = []
        for c in range(cols_n):
            if (r, c) in owner:
                cells.append(None)
                continue
            c_end = c + 1
            while c_end < cols_n and not has_v(xs[c_end], ys[r], ys[r + 1]):
                c_end += 1
            r_end = r + 1
            while r_end < rows_n and not has_h(ys[r_end], xs[c], xs[c_end]):
                r_end += 1
            for rr in range(r, r_end):
                for cc in range(c, c_end):
                    if (rr, cc) != (r, c):
                        owner[(rr, cc)] = (r, c)
            cells.append((xs[c], ys[r], xs[c_end], ys[r_end]))
        table.rows.append(Row(cells, (xs[0], ys[r], xs[-1], ys[r + 1])))
    table.columns = [Column((xs[c], ys[0], xs[c + 1], ys[-1])) for c in range(cols_n)]
    if rows_n * cols_n == 1:
        return None  # a box around a paragraph, not a table
    return table
