"""How well an imported outline matches a corpus document's expected one.

Per level precision, recall and F1, keyed as `balise.imports.scoring` keys them (a node is right
when it sits under the right parents with the exact text), plus the zonal fields (pilots,
approaches, reference values) and the target accuracy: the share of expected targets found on
the right indicator with the same kind, comparator, value, period and deadline.

The threshold test is one line per document::

    @pytest.mark.parametrize("name", PLAN_NAMES)  # from tests.corpus.documents
    def test_the_importer_reads_a_corpus_plan(corpus, name):
        result = score_document(next(d for d in corpus if d.name == name))
        assert result.meets(0.95), result.misses(0.95)
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from balise.domain.outline import PlanOutline
from balise.imports.scoring import keys as tree_keys

LEVELS = (
    "modules",
    "general_objectives",
    "strategic_objectives",
    "operational_objectives",
    "results",
    "indicators",
    "targets",
    "pilots",
    "approaches",
    "reference_values",
)


@dataclass(frozen=True)
class LevelScore:
    expected: int
    found: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class OutlineScore:
    levels: dict[str, LevelScore]  # only the levels the expected or found outline has
    target_accuracy: float | None  # None when the expected outline has no target

    def worst_f1(self) -> float:
        return min((s.f1 for s in self.levels.values()), default=1.0)

    def meets(self, f1: float = 0.95, targets: float = 0.95) -> bool:
        return not self.misses(f1, targets)

    def misses(self, f1: float = 0.95, targets: float = 0.95) -> list[str]:
        """What falls short, one readable item per level, for assertion messages."""
        out = [
            f"{level}: F1 {s.f1:.2f} (expected {s.expected}, found {s.found}, right {s.right})"
            for level, s in self.levels.items()
            if s.f1 < f1
        ]
        if self.target_accuracy is not None and self.target_accuracy < targets:
            out.append(f"targets: accuracy {self.target_accuracy:.2f}")
        return out


def _zonal_keys(outline: PlanOutline) -> dict[str, Counter]:
    levels = {"pilots": Counter(), "approaches": Counter(), "reference_values": Counter()}
    for m in outline.modules:
        for so in m.strategic_objectives:
            so_key = (m.title, so.title, so.service)
            if so.pilot:
                levels["pilots"][(*so_key, None, so.pilot)] += 1
            for i in so.indicators:
                if i.reference_value:
                    levels["reference_values"][(*so_key, None, i.text, i.reference_value)] += 1
            for oo in so.operational_objectives:
                oo_key = (*so_key, oo.title)
                if oo.pilot:
                    levels["pilots"][(*oo_key, oo.pilot)] += 1
                if oo.approach:
                    levels["approaches"][(*oo_key, oo.approach)] += 1
                for i in oo.indicators:
                    if i.reference_value:
                        levels["reference_values"][(*oo_key, i.text, i.reference_value)] += 1
    return levels


def all_keys(outline: PlanOutline) -> dict[str, Counter]:
    keys = {**tree_keys(outline), **_zonal_keys(outline)}
    return {level: keys.get(level, Counter()) for level in LEVELS}


def score_outline(found: PlanOutline, expected: PlanOutline) -> OutlineScore:
    got, want = all_keys(found), all_keys(expected)
    levels = {
        level: LevelScore(
            expected=sum(want[level].values()),
            found=sum(got[level].values()),
            right=sum((got[level] & want[level]).values()),
        )
        for level in LEVELS
        if want[level] or got[level]
    }
    # The last element of a "targets" key is the typed target; None means the indicator has none.
    wanted = Counter({key: n for key, n in want["targets"].items() if key[-1] is not None})
    accuracy = sum((got["targets"] & wanted).values()) / sum(wanted.values()) if wanted else None
    return OutlineScore(levels, accuracy)


# --- running the importer on a document ---------------------------------------------------------


@dataclass(frozen=True)
class ImportRun:
    outline: PlanOutline | None
    error: str | None  # the importer's own refusal (DocumentRefused), one sentence
    seconds: float
    layout: str | None = None


def run_import(path: Path) -> ImportRun:
    """The importer on one file. Only its own refusal is caught: anything else is a crash and
    propagates, so tests and the benchmark see it."""
    from balise.imports.pipeline import parse_file
    from balise.imports.report import DocumentRefused

    start = time.perf_counter()
    try:
        result = parse_file(path)
    except DocumentRefused as exc:
        return ImportRun(None, str(exc), time.perf_counter() - start)
    return ImportRun(result.outline, None, time.perf_counter() - start, result.layout)


def refused_score(expected: PlanOutline) -> OutlineScore:
    """What a refused plan scores: nothing found on any level it has."""
    return score_outline(PlanOutline(kind=expected.kind, title=expected.title), expected)


def score_document(document) -> OutlineScore:
    """Import a corpus plan (a `tests.corpus.CorpusDocument`) and score it; refused scores zero."""
    assert document.expected is not None, f"{document.name} is not a plan"
    run = run_import(document.path)
    return score_outline(run.outline, document.expected) if run.outline else refused_score(document.expected)
