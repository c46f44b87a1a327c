"""Seconds to import each seed document into a fresh SQLite database (parse + store), and in total;
then a plan twenty times the size of seed 000 (its modules repeated under other titles).

.venv/bin/python benchmarks/import_speed.py [--seeds DIR] [--repeat N] [--database URL]

With --database (a PostgreSQL DATABASE_URL, e.g. postgresql://postgres@127.0.0.1:5432/bench): into
that database instead (migrated; every plan in it is deleted before each run).

Test settings (DEBUG off, like production: DEBUG keeps every SQL statement it runs). CPU seconds
are printed beside the wall clock: on a shared machine the load multiplies the wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import setup_scratch_django  # noqa: E402  (after the path above)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database", help="a PostgreSQL DATABASE_URL to store into instead of SQLite")
    args = parser.parse_args()
    seeds = sorted(args.seeds.glob("00[0-4]_*.txt"))
    if not seeds:
        print(f"no seeds in {args.seeds}")
        return 1
    setup_scratch_django("import", args.database)
    from django.db import connection

    from balise.accounts.actors import SYSTEM
    from balise.imports.pipeline import parse_file
    from balise.plans.actions import import_plan
    from balise.plans.models import Plan
    from balise.reference.loader import load_reference

    load_reference()
    timings: dict[str, list[float]] = {path.name[:3]: [] for path in seeds}
    totals, cpu_totals = [], []
    for _ in range(args.repeat):
        Plan.objects.all().delete()
        total = cpu_total = 0.0
        for path in seeds:
            start, cpu_start = time.perf_counter(), time.process_time()
            result = parse_file(path)
            import_plan(result.outline, source_name=path.name, layout=result.layout, user=SYSTEM)
            elapsed = time.perf_counter() - start
            timings[path.name[:3]].append(elapsed)
            total += elapsed
            cpu_total += time.process_time() - cpu_start
        totals.append(total)
        cpu_totals.append(cpu_total)
    print(f"{connection.vendor}, load average {os.getloadavg()[0]:.1f}")
    print(f"{'seed':<6}{'layout':<14}{'median s':>10}{'min s':>9}")
    for path in seeds:
        result = parse_file(path)
        runs = timings[path.name[:3]]
        print(f"{path.name[:3]:<6}{result.layout:<14}{statistics.median(runs):>10.3f}{min(runs):>9.3f}")
    print(
        f"all five seeds, median of {args.repeat} runs: {statistics.median(totals):.3f} s, "
        f"{statistics.median(cpu_totals):.3f} s CPU (goal < 0.3 s)"
    )

    first = parse_file(seeds[0])
    big = replace(
        first.outline,
        title=first.outline.title + " ×20",
        modules=[replace(m, title=f"{m.title} ({n})") for n in range(20) for m in first.outline.modules],
    )
    nodes = sum(
        1 + len(so.indicators) + sum(1 + len(oo.indicators) for oo in so.operational_objectives)
        for m in big.modules
        for so in m.strategic_objectives
    )
    runs, cpu_runs = [], []
    for _ in range(args.repeat):
        Plan.objects.all().delete()
        start, cpu_start = time.perf_counter(), time.process_time()
        import_plan(big, source_name="x20", layout=first.layout, user=SYSTEM)
        runs.append(time.perf_counter() - start)
        cpu_runs.append(time.process_time() - cpu_start)
    print(
        f"seed 000 ×20 ({len(big.modules)} modules, {nodes} objectives and indicators), stored, "
        f"median of {args.repeat}: {statistics.median(runs):.3f} s, "
        f"{statistics.median(cpu_runs):.3f} s CPU (goal < 0.6 s)"
    )
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
