"""Precision and recall per level and per seed against the hand-checked expected outlines.

.venv/bin/python benchmarks/import_accuracy.py [--seeds DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from balise.domain.interchange import loads  # noqa: E402
from balise.imports.pipeline import parse_file  # noqa: E402
from balise.imports.scoring import score  # noqa: E402
from benchmarks.harness import setup_django_without_database  # noqa: E402

SEEDS = ("000", "001", "002", "003", "004")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    setup_django_without_database()
    expected_dir = ROOT / "tests" / "fixtures" / "expected"
    worst = 1.0
    print(f"{'seed':<6}{'level':<24}{'expected':>9}{'found':>7}{'right':>7}{'precision':>11}{'recall':>8}")
    for seed in SEEDS:
        paths = sorted(args.seeds.glob(f"{seed}_*.txt"))
        if not paths:  # a missing seed is not a perfect score
            print(f"{seed}: not found in {args.seeds}", file=sys.stderr)
            return 2
        result = parse_file(paths[0])
        expected = loads((expected_dir / f"{seed}.json").read_text(encoding="utf-8"))
        for level, s in score(result.outline, expected).items():
            if s.expected == 0 and s.found == 0:
                continue
            worst = min(worst, s.precision, s.recall)
            print(
                f"{seed:<6}{level:<24}{s.expected:>9}{s.found:>7}{s.right:>7}{s.precision:>11.3f}{s.recall:>8.3f}"
            )
        print(f"{seed:<6}{'unplaced lines':<24}{len(result.unplaced):>9}")
    print(f"lowest precision or recall over all seeds and levels: {worst:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
