"""The annex of the report: "ANNEXE : 77 MESURES DU PGSP", one tab-separated row per measure.

Mesure PGSP<TAB>Description mesure            ← header row, repeated on every page
 1.1<TAB><p>Assurer la sensibilisation …</p>
 <p><b>4.7</b></p><TAB><p>Harmoniser …</p>
 <b>8.6</b><TAB>Renforcer les capacités …
"""

from __future__ import annotations

from dataclasses import dataclass, field

from balise.imports.pgsp.cells import cell_text, has_open_paragraph, measure_code, split_row
from balise.imports.text import clean, fold


@dataclass(frozen=True)
class MeasureRow:
    code: str  # "4.10"
    thematic: int  # 4
    text: str
    indices: tuple[int, ...]  # 0-based source lines the row was read from


@dataclass
class Annex:
    heading: int  # 0-based index of the annex heading
    rows: list[MeasureRow] = field(default_factory=list)
    header_rows: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)  # rows repeating an earlier code
    strays: list[int] = field(default_factory=list)  # unrecognised lines between measures
    colophon: list[int] = field(default_factory=list)  # lines after the last measure


def is_annex_heading(line: str) -> bool:
    """``"## ANNEXE : 77 MESURES DU PGSP"`` (also the table-of-contents entry, hence the caller's care)."""
    key = fold(line)
    return line.lstrip().startswith("#") and "annexe" in key and "mesures" in key


def is_measure_header(line: str) -> bool:
    cells = split_row(line)
    return len(cells) >= 2 and fold(cells[0]) == "mesure pgsp"


def find_annex(lines: list[str]) -> Annex | None:
    """Read the measure annex; ``None`` when the document has no annex with measure rows.

    The table of contents repeats the annex heading, so the last heading followed by at least one
    measure row wins.
    """
    for index in reversed([i for i, line in enumerate(lines) if is_annex_heading(line)]):
        annex = _read_annex(lines, index)
        if annex.rows:
            return annex
    return None


def _measure_cells(line: str) -> tuple[tuple[int, int], str] | None:
    """``(code, raw description fragment)`` when ``line`` is a measure row."""
    if "\t" not in line:
        return None
    code_cell, _, rest = line.partition("\t")
    code = measure_code(cell_text(code_cell))
    return (code, rest) if code is not None else None


def _read_annex(lines: list[str], heading: int) -> Annex:
    annex = Annex(heading=heading)
    seen: set[str] = set()
    # Row being read: code, raw fragments, line indices. Rows only span several lines when a
    # <p> cell is left open (word-processor export wrapping), which the seed never does.
    current: tuple[tuple[int, int], list[str], list[int]] | None = None
    loose: list[int] = []  # non-row lines since the last measure: strays or colophon

    def close() -> None:
        nonlocal current
        if current is None:
            return
        (thematic, number), fragments, indices = current
        code = f"{thematic}.{number}"
        text = clean(" ".join(cell_text(f) for f in fragments))
        if code in seen:
            annex.duplicates.extend(indices)
        else:
            seen.add(code)
            annex.rows.append(MeasureRow(code, thematic, text, tuple(indices)))
        current = None

    for index in range(heading + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        row = _measure_cells(line)
        if row is not None:
            close()
            annex.strays.extend(loose)
            loose = []
            current = (row[0], [row[1]], [index])
        elif current is not None and "\t" not in line and has_open_paragraph(" ".join(current[1])):
            current[1].append(line)
            current[2].append(index)
        elif is_measure_header(line):
            close()
            annex.header_rows.append(index)
        elif is_annex_heading(line) or (not annex.rows and current is None):
            # Anything between the heading and the first row is layout (page breaks, captions).
            annex.header_rows.append(index)
        else:
            close()
            loose.append(index)
    close()
    annex.colophon = loose
    return annex
