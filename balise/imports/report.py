"""What an importer returns: the outline and the fate of every non-empty source line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from balise import errors
from balise.domain.outline import PlanOutline


class DocumentRefused(errors.Invalid):
    """A document that cannot be imported (field ``file``); the message names the file and the
    problem, in the words of someone who holds the document, never of the code that read it."""

    def __init__(self, message: str):
        super().__init__(message, field="file")


class LineFate(StrEnum):
    PLACED = "placed"  # landed in the model (tree node, plan header, finance…)
    HEADING = "heading"  # structural heading ("Objectifs opérationnels", table header row…)
    FURNITURE = "furniture"  # page furniture: page numbers, separators, signatures, boilerplate
    REFERENCE = "reference"  # closing reference lists (phenomena, catalogues, colour code)
    PLACEHOLDER = "placeholder"  # template placeholders kept as missing values ("xxx", "(nom)")
    UNPLACED = "unplaced"  # could not be placed: listed in the report, fails --strict


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based line number in the source text
    text: str
    fate: LineFate
    note: str = ""


@dataclass
class ImportResult:
    outline: PlanOutline
    layout: str
    lines: list[SourceLine] = field(default_factory=list)
    # The generic recogniser's ``Reading`` (roles, ledger, score) when it made this result: what
    # the review step shows and replays. ``Any`` keeps this module free of the recogniser.
    reading: Any = None

    @property
    def confidence(self) -> float:
        """Share of the counted lines that were placed (1.0 for a clean specialised import)."""
        counted = [line for line in self.lines if line.fate in (LineFate.PLACED, LineFate.UNPLACED)]
        return sum(1 for line in counted if line.fate is LineFate.PLACED) / len(counted) if counted else 0.0

    @property
    def unplaced(self) -> list[SourceLine]:
        return [line for line in self.lines if line.fate is LineFate.UNPLACED]

    def fate_counts(self) -> dict[str, int]:
        counts = Counter(line.fate.value for line in self.lines)
        return {fate.value: counts.get(fate.value, 0) for fate in LineFate}

    def summary(self) -> dict:
        return {
            "layout": self.layout,
            "confidence": round(self.confidence, 3),
            "counts": self.outline.counts(),
            "lines": self.fate_counts(),
            "unplaced": [
                {"line": line.number, "text": line.text, "reason": line.note or "unplaced"}
                for line in self.unplaced
            ],
        }


class LineLedger:
    """Records the fate of each non-empty source line; unrecorded lines end up UNPLACED.

    Parsers call ``place``/``skip`` as they consume lines; ``finish`` accounts for the rest, so
    that no non-empty line can be silently dropped.
    """

    def __init__(self, lines: list[str]) -> None:
        self.source = lines
        self._fates: dict[int, SourceLine] = {}

    def mark(self, index: int, fate: LineFate, note: str = "") -> None:
        """Mark 0-based line ``index``; the first fate recorded for a line wins unless PLACED."""
        text = self.source[index]
        if not text.strip():
            return
        current = self._fates.get(index)
        if current is None or (fate is LineFate.PLACED and current.fate is not LineFate.PLACED):
            self._fates[index] = SourceLine(index + 1, text.strip(), fate, note)

    def place(self, index: int) -> None:
        self.mark(index, LineFate.PLACED)

    def skip(self, index: int, fate: LineFate, note: str = "") -> None:
        self.mark(index, fate, note)

    def finish(self) -> list[SourceLine]:
        for index, text in enumerate(self.source):
            if text.strip() and index not in self._fates:
                self._fates[index] = SourceLine(index + 1, text.strip(), LineFate.UNPLACED, "unplaced")
        return [self._fates[i] for i in sorted(self._fates)]


def one_line(exc: BaseException, limit: int = 160) -> str:
    """An exception as a short single line, for messages that must stay on one line."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
