"""Seconds to import each seed document into a fresh SQLite database (parse + store), and in total.

.venv/bin/python benchmarks/import_speed.py [--seeds DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    seeds = sorted(args.seeds.glob("00[0-4]_*.txt"))
    if not seeds:
        print(f"no seeds in {args.seeds}")
        return 1
    tmp = tempfile.mkdtemp(prefix="balise-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from balise.accounts.actors import SYSTEM
    from balise.imports.pipeline import parse_file
    from balise.plans.actions import import_plan
    from balise.plans.models import Plan
    from balise.reference.loader import load_reference

    load_reference()
    timings: dict[str, list[float]] = {path.name[:3]: [] for path in seeds}
    totals = []
    for _ in range(args.repeat):
        Plan.objects.all().delete()
        total = 0.0
        for path in seeds:
            start = time.perf_counter()
            result = parse_file(path)
            import_plan(result.outline, source_name=path.name, layout=result.layout, user=SYSTEM)
            elapsed = time.perf_counter() - start
            timings[path.name[:3]].append(elapsed)
            total += elapsed
        totals.append(total)
    print(f"{'seed':<6}{'layout':<14}{'median s':>10}{'min s':>9}")
    for path in seeds:
        result = parse_file(path)
        runs = timings[path.name[:3]]
        print(f"{path.name[:3]:<6}{result.layout:<14}{statistics.median(runs):>10.3f}{min(runs):>9.3f}")
    print(f"all five seeds, median of {args.repeat} runs: {statistics.median(totals):.3f} s (goal < 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
