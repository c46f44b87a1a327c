"""The import benchmarks start and measure: `benchmarks/import_corpus.py` once crashed on every
document (it never set Django up, and the importer's messages are Django's) while printing a
table of zeros, and nothing noticed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.corpus import CorpusDocument

ROOT = Path(__file__).resolve().parents[2]


def test_the_corpus_benchmark_scores_documents_instead_of_crashing(corpus: list[CorpusDocument]) -> None:
    run = subprocess.run(
        [sys.executable, "benchmarks/import_corpus.py", "--only", "_pasted"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "crashes: 0" in run.stdout
    pasted = sum(1 for d in corpus if "_pasted" in d.name)
    assert f"plans imported (not refused): {pasted}/{pasted}" in run.stdout
