"""What is still missing before a year of evaluation gets locked.

Rules (one test each in tests/unit/test_readiness.py):
- submitting: every indicator with a target should have a value for the year and every indicator
  and strategic objective a self-evaluation; what lacks is listed and the municipality confirms —
  nothing here blocks a submission;
- marking analysed: every indicator has a colour (the grey "not evaluable" is a colour), and a
  colour that needs a motivation (configurable; by default orange, red, and grey whose motivation
  is the reason it cannot be evaluated) has one. Until then the year cannot be marked analysed;
- closing: nothing blocks; what was analysed is summed up for the confirmation.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SubjectState:
    """One indicator or strategic objective of the year, as the evaluation page holds it."""

    label: str
    is_indicator: bool
    has_target: bool = False
    has_values: bool = False
    self_evaluation: str = ""
    colour: str | None = None  # the colour code given by the analyst
    motivation: str = ""


@dataclass(frozen=True)
class Readiness:
    indicators: int
    without_values: tuple[str, ...] = ()
    without_self_evaluation: tuple[str, ...] = ()
    unassessed: tuple[str, ...] = ()
    without_motivation: tuple[str, ...] = ()
    assessed: int = 0
    colours: dict[str, int] = field(default_factory=dict)
    subjects: int = 0  # indicators and strategic objectives, which all get a self-evaluation

    @property
    def may_be_analysed(self) -> bool:
        return not self.unassessed and not self.without_motivation

    @property
    def complete_for_submission(self) -> bool:
        return not self.without_values and not self.without_self_evaluation


def readiness(subjects: Iterable[SubjectState], needs_motivation: Collection[str]) -> Readiness:
    subjects = list(subjects)
    indicators = [s for s in subjects if s.is_indicator]
    colours: dict[str, int] = {}
    for s in indicators:
        if s.colour:
            colours[s.colour] = colours.get(s.colour, 0) + 1
    return Readiness(
        indicators=len(indicators),
        without_values=tuple(s.label for s in indicators if s.has_target and not s.has_values),
        without_self_evaluation=tuple(s.label for s in subjects if not s.self_evaluation.strip()),
        unassessed=tuple(s.label for s in indicators if not s.colour),
        without_motivation=tuple(
            s.label
            for s in subjects
            if s.colour and s.colour in needs_motivation and not s.motivation.strip()
        ),
        assessed=sum(1 for s in indicators if s.colour),
        colours=colours,
        subjects=len(subjects),
    )
