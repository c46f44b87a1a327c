"""The importer on the corpus (`tests.corpus`): per document and overall, per-level precision,
recall and F1, target accuracy and import time per page.

.venv/bin/python benchmarks/import_corpus.py [--cache DIR] [--only SUBSTRING] [--traits]

Ends with the closing note of issue 11: a Markdown table (document, traits, F1 per level, target
accuracy, import time) and the list of what falls short of F1 0.95 / targets 0.95, and why.

A document that is not a plan is right when it is refused; a plan that is refused scores 0 on
every level it has. Pages: the PDF's own count, the pages a pasted text printed, else an estimate
from the text length (marked "~").
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from balise.domain.outline import PlanOutline  # noqa: E402
from benchmarks.harness import setup_django_without_database  # noqa: E402
from tests.corpus import CorpusDocument, build_corpus, default_cache_dir  # noqa: E402
from tests.corpus.scoring import LEVELS, LevelScore, refused_score, run_import, score_outline  # noqa: E402

CHARACTERS_PER_PAGE = 3000
SHORT = {
    "modules": "mod",
    "general_objectives": "gen",
    "strategic_objectives": "SO",
    "operational_objectives": "OO",
    "results": "res",
    "indicators": "ind",
    "targets": "tgt",
    "pilots": "pil",
    "approaches": "app",
    "reference_values": "ref",
}


def pages(document: CorpusDocument, outline: PlanOutline | None) -> tuple[float, bool]:
    """(pages, exact)."""
    if document.format == "pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(document.path))
        try:
            return float(len(pdf)), True
        finally:
            pdf.close()
    if "pages" in document.facts:
        return float(document.facts["pages"]), True
    size = len(_text_of(outline)) if outline else document.path.stat().st_size / 10
    return max(1.0, size / CHARACTERS_PER_PAGE), False


def _text_of(outline: PlanOutline) -> str:
    from balise.domain.interchange import dumps

    return dumps(outline)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cache", type=Path, default=default_cache_dir())
    parser.add_argument("--only", default="", help="only documents whose name contains this")
    parser.add_argument("--traits", action="store_true", help="print each document's traits")
    args = parser.parse_args()
    setup_django_without_database()
    documents = [d for d in build_corpus(args.cache) if args.only in d.name]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    target_hits = [0, 0]
    seconds_per_page: list[float] = []
    plans_ok = refusals_ok = crashes = 0
    note: list[str] = []  # the closing note's table rows
    short: list[str] = []  # what falls short, one line per document
    columns = "".join(f"{SHORT[level]:>6}" for level in LEVELS)
    print(f"{'document':<30}{'result':<10}{columns}{'tgt acc':>9}{'s/page':>9}  (F1 per level; - = none)")
    for document in documents:
        try:
            run = run_import(document.path)
        except Exception as exc:  # noqa: BLE001 - a crash is a finding, printed, not a stop
            crashes += 1
            print(f"{document.name:<30}CRASH     {type(exc).__name__}: {exc}")
            short.append(f"{document.name}: crashed ({type(exc).__name__}: {exc})")
            continue
        count, exact = pages(document, run.outline or document.expected)
        per_page = run.seconds / count
        seconds_per_page.append(per_page)
        timing = f"{per_page:>8.3f}{'' if exact else '~'}"
        if document.expected is None:
            verdict = "refused" if run.outline is None else "ACCEPTED"
            refusals_ok += run.outline is None
            print(f"{document.name:<30}{verdict:<10}{'':>{6 * len(LEVELS)}}{'':>9}{timing}")
            note.append(_note_row(document, [verdict] + [""] * (len(LEVELS) - 1), "", run.seconds))
            if run.outline is not None:
                short.append(f"{document.name}: not a plan, yet accepted")
            if run.error:
                print(f"{'':<30}  {run.error}")
            continue
        result = (
            score_outline(run.outline, document.expected) if run.outline else refused_score(document.expected)
        )
        plans_ok += run.outline is not None
        cells = "".join(_cell(result.levels.get(level)) for level in LEVELS)
        accuracy = "-" if result.target_accuracy is None else f"{result.target_accuracy:.2f}"
        verdict = (run.layout or "?")[:9] if run.outline else "refused"
        print(f"{document.name:<30}{verdict:<10}{cells}{accuracy:>9}{timing}")
        f1s = [_f1(result.levels.get(level)) for level in LEVELS]
        note.append(_note_row(document, f1s, accuracy, run.seconds))
        if run.outline is None:
            short.append(f"{document.name}: refused ({run.error})")
        elif misses := result.misses(0.95, 0.95):
            short.append(f"{document.name}: {'; '.join(misses)}")
        if args.traits:
            print(f"{'':<30}  traits: {', '.join(document.traits)}")
        if run.error:
            print(f"{'':<30}  {run.error}")
        for level, s in result.levels.items():
            total = totals[level]
            total[0] += s.expected
            total[1] += s.found
            total[2] += s.right
        wanted = sum(1 for i in document.expected.iter_indicators() if i.target is not None)
        target_hits[0] += round((result.target_accuracy or 0) * wanted)
        target_hits[1] += wanted
    print()
    print(f"{'overall (micro)':<30}{'':<10}", end="")
    print("".join(_cell(LevelScore(*totals[level]) if level in totals else None) for level in LEVELS), end="")
    overall_targets = target_hits[0] / target_hits[1] if target_hits[1] else 0.0
    print(f"{overall_targets:>9.2f}")
    for level in LEVELS:
        if level in totals:
            s = LevelScore(*totals[level])
            print(
                f"  {level:<24} expected {s.expected:>5}  found {s.found:>5}  right {s.right:>5}"
                f"  P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"
            )
    plans = sum(1 for d in documents if d.expected is not None)
    print(f"plans imported (not refused): {plans_ok}/{plans}")
    print(f"non-plans refused: {refusals_ok}/{len(documents) - plans}")
    print(f"crashes: {crashes}")
    if seconds_per_page:
        ordered = sorted(seconds_per_page)
        print(f"import seconds per page: median {ordered[len(ordered) // 2]:.3f}, worst {ordered[-1]:.3f}")
    print()
    print(
        "Closing note: the corpus (F1 per level, - = the level is absent; s = the whole import, "
        "the first document of a format also loading its reader)"
    )
    print()
    header = ["document", "traits", *(SHORT[level] for level in LEVELS), "tgt acc", "s"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in note:
        print(row)
    print()
    print("Below F1 0.95 or targets 0.95:" if short else "Every document at F1 ≥ 0.95 and targets ≥ 0.95.")
    for line in short:
        print(f"- {line}")
    return 1 if crashes else 0  # a crash is a bug, not a figure


def _f1(score: LevelScore | None) -> str:
    return "-" if score is None else f"{score.f1:.2f}"


def _note_row(document: CorpusDocument, cells: list[str], accuracy: str, seconds: float) -> str:
    traits = ", ".join(document.traits)
    return f"| {document.name} | {traits} | " + " | ".join([*cells, accuracy, f"{seconds:.2f}"]) + " |"


def _cell(score: LevelScore | None) -> str:
    return f"{'-':>6}" if score is None else f"{score.f1:>6.2f}"


if __name__ == "__main__":
    sys.exit(main())
