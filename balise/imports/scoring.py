"""Precision and recall of an imported outline against an expected one, level by level.

A node counts as right when it lands under the right parent with the exact text: the key of an
operational objective is (module, strategic objective, operational objective). Targets count as
right when kind, comparator, value and period all match.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from balise.domain.outline import IndicatorOutline, PlanOutline

LEVELS = (
    "modules",
    "general_objectives",
    "strategic_objectives",
    "operational_objectives",
    "results",
    "indicators",
    "targets",
    "measures",
)


@dataclass(frozen=True)
class Score:
    expected: int
    found: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def _target_key(indicator: IndicatorOutline) -> tuple[object, ...] | None:
    t = indicator.target
    if t is None:
        return None
    return (t.kind.value, t.comparator, None if t.value is None else t.value.normalize(), t.per, t.deadline)


def keys(outline: PlanOutline) -> dict[str, Counter]:
    levels: dict[str, Counter] = {level: Counter() for level in LEVELS}
    for m in outline.modules:
        levels["modules"][(m.title,)] += 1
        for g in m.general_objectives:
            levels["general_objectives"][(m.title, g)] += 1
        for so in m.strategic_objectives:
            so_key = (m.title, so.title, so.service)
            levels["strategic_objectives"][so_key] += 1
            for i in so.indicators:
                levels["indicators"][(*so_key, None, i.text)] += 1
                levels["targets"][(*so_key, None, i.text, _target_key(i))] += 1
            for oo in so.operational_objectives:
                oo_key = (*so_key, oo.title)
                levels["operational_objectives"][oo_key] += 1
                for r in oo.results:
                    levels["results"][(*oo_key, r)] += 1
                for i in oo.indicators:
                    levels["indicators"][(*oo_key, i.text)] += 1
                    levels["targets"][(*oo_key, i.text, _target_key(i))] += 1
    for t in outline.thematics:
        for x in t.measures:
            levels["measures"][(t.number, t.title, x.code, x.text)] += 1
    return levels


def score(found: PlanOutline, expected: PlanOutline) -> dict[str, Score]:
    got, want = keys(found), keys(expected)
    return {
        level: Score(
            expected=sum(want[level].values()),
            found=sum(got[level].values()),
            right=sum((got[level] & want[level]).values()),
        )
        for level in LEVELS
    }
