"""The inputs of a disaggregated value: one row per cell (a category of each dimension), read back
into the ``parts`` the actions take; the total is shown, never asked for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from balise.domain.disaggregation import cell_label
from balise.domain.targets import Target
from balise.monitoring.dimensions import DeclaredDimension, all_cells, cell_names, parts_of
from balise.monitoring.models import Measurement
from balise.monitoring.validation import TEXT_FIELDS
from balise.monitoring.views.entry import fields_for, initial_of


@dataclass
class CellRow:
    label: str  # "age_band=18-25|sex=female"
    names: str  # "Femme · 18 à 25 ans"
    prefix: str  # "c3-": the inputs' names
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)


def cell_rows(dimensions: Sequence[DeclaredDimension], measurement: Measurement | None) -> list[CellRow]:
    """Every cell of the dimensions, filled from the stored parts of ``measurement``."""
    stored = parts_of([measurement]).get(measurement.pk, {}) if measurement is not None else {}
    rows = []
    for n, cell in enumerate(all_cells(dimensions)):
        part = stored.get(cell)
        rows.append(CellRow(cell_label(cell), cell_names(dimensions, cell), f"c{n}-", initial_of(part)))
    return rows


def read_cells(post: Any, rows: list[CellRow], target: Target | None) -> dict[str, Any]:
    """The posted cells as the actions take them (blank cells left out), with comment and source."""
    parts = []
    for row in rows:
        row.values = {name: (post.get(row.prefix + name) or "").strip() for name in fields_for(target)}
        if any(row.values.values()):
            parts.append({"cell": row.label, **row.values})
    return {"parts": parts, **{name: (post.get(name) or "").strip() for name in TEXT_FIELDS}}


def place_errors(errors: dict[str, list[str]], rows: list[CellRow]) -> dict[str, list[str]]:
    """Put "parts.<cell>.<field>" messages on their row; returns the others."""
    by_label = {row.label: row for row in rows}
    rest: dict[str, list[str]] = {}
    for name, messages in errors.items():
        head, _dot, tail = name.partition(".")
        label, _dot, field_name = tail.rpartition(".")
        if head == "parts" and label in by_label:
            by_label[label].errors.setdefault(field_name, []).extend(messages)
        else:
            rest.setdefault(name, []).extend(messages)
    return rest
