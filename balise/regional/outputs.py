"""A project's outputs of a year, typed one per line as the reports write them:

visites techno-préventives: 188
dont préventives : 52
heures de formation: 12,5
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from balise.domain.money import format_number, parse_amount

_LINE = re.compile(r"^(?P<label>.*\S)\s*[:=]\s*(?P<number>[-\d\s.,\u00a0\u202f]+)$")


@dataclass(frozen=True)
class Output:
    label: str
    number: Decimal

    def __str__(self) -> str:
        return f"{self.label}: {format_number(self.number)}"


class OutputsError(ValueError):
    """Lines that are not "label: number"; ``lines`` are their 1-based numbers."""

    def __init__(self, lines: list[int]) -> None:
        self.lines = lines
        super().__init__(lines)


def parse_outputs(text: str) -> list[Output]:
    """Lines "label: number" → outputs in order; blank lines are skipped; the same label twice keeps
    the last number (a correction typed below the first value)."""
    found: dict[str, Output] = {}
    wrong = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line.strip())
        value = parse_amount(match.group("number")) if match else None
        if match is None or value is None or value < 0 or "-" in match.group("number"):
            wrong.append(number)
            continue
        label = " ".join(match.group("label").split())
        found.pop(label, None)  # re-inserted: a corrected line takes the place it was typed at
        integral = value == value.to_integral_value()
        found[label] = Output(label, value.to_integral_value() if integral else value.normalize())
    if wrong:
        raise OutputsError(wrong)
    return list(found.values())


def outputs_text(outputs: Iterable[Output]) -> str:
    """The inverse of `parse_outputs`, for the edit form."""
    return "\n".join(str(o) for o in outputs)
