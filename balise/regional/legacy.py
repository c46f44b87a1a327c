"""The free-text outputs of before ("visites techno-préventives: 188", one row per line) turned
into output definitions and yearly figures, for the data migration. Standard library only.

- a line's label becomes one of its project's definitions (the first spelling of a label, case and
  spaces aside), its number that definition's figure of the year;
- a line that cannot be read as a figure (no label, a label longer than a definition's, a number
  missing, negative or not finite, or a second figure for the same output in the same year) is
  never dropped: it is kept, as written, in the year's narrative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

MAX_LABEL = 300


@dataclass(frozen=True)
class LegacyLine:
    project_id: int
    year: int
    label: str
    number: Decimal | None


@dataclass
class Converted:
    definitions: dict[int, list[str]] = field(default_factory=dict)  # project → labels, in order
    values: dict[tuple[int, int, str], Decimal] = field(default_factory=dict)  # (project, year, label)
    narratives: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # (project, year) → lines

    def years(self) -> list[tuple[int, int]]:
        """Every (project, year) that had a line, figure or narrative."""
        found = {(p, y) for p, y, _label in self.values} | set(self.narratives)
        return sorted(found)


def _as_text(line: LegacyLine) -> str:
    number = "" if line.number is None else format(line.number.normalize(), "f")
    return f"{line.label}: {number}".strip()


def convert(lines: Iterable[LegacyLine]) -> Converted:
    """Lines in their order (year, order, id) → definitions, figures and narratives."""
    result = Converted()
    spelling: dict[tuple[int, str], str] = {}
    for line in lines:
        label = " ".join((line.label or "").split())
        number = line.number
        readable = (
            label and len(label) <= MAX_LABEL and number is not None and number.is_finite() and number >= 0
        )
        if readable:
            key = (line.project_id, label.casefold())
            label = spelling.setdefault(key, label)
            if label not in result.definitions.setdefault(line.project_id, []):
                result.definitions[line.project_id].append(label)
            slot = (line.project_id, line.year, label)
            if slot not in result.values:
                assert number is not None
                result.values[slot] = number
                continue
        result.narratives.setdefault((line.project_id, line.year), []).append(_as_text(line))
    return result
