"""Seconds to produce the evaluation workbook of the largest seed plan (000) and to re-import it.

    .venv/bin/python benchmarks/workbook.py [--seeds DIR] [--repeat N]

Imports seed 000 (the pipeline, then `import_plan`) into a fresh SQLite database, records a
value for every month of 2021 on half its indicators, then times: producing the workbook; a
re-import of it unchanged (every cell read and checked, nothing written); a re-import with one
value changed per indicator (read, checked and applied in one transaction). Goal: < 1 s each.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
YEAR = 2021


def _timed(repeat: int, work) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    seeds = sorted(args.seeds.glob("000_*.txt"))
    if not seeds:
        print(f"no seed 000 in {args.seeds}")
        return 1
    tmp = tempfile.mkdtemp(prefix="balise-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    call_command("migrate", verbosity=0)
    from openpyxl import load_workbook

    from balise.accounts.actors import SYSTEM
    from balise.imports.pipeline import parse_file
    from balise.monitoring.actions import bulk_record
    from balise.plans.actions import import_plan
    from balise.reference.loader import load_reference
    from balise.workbook.apply import export_workbook, import_workbook, workbook_spec
    from balise.workbook.spec import FIRST_ROW, FIRST_SLOT_COL

    load_reference()
    translation.activate("fr")
    plan = import_plan(parse_file(seeds[0]).outline, source_name=seeds[0].name, user=SYSTEM).plan
    spec = workbook_spec(plan, YEAR)
    lines = [line for sheet in spec.sheets for line in sheet.lines]
    monthly = [line for line in lines if len(line.fields) == 1 and line.granularity == "month"]
    for month in range(1, 13):
        rows = {line.indicator_id: {"amount": month} for line in monthly[::2]}
        bulk_record(plan, f"{YEAR}-{month:02d}", rows, SYSTEM)
    inputs = sum(1 for s in spec.sheets for li in s.lines for slot in s.slots if s.applies(li, slot))
    print(
        f"seed 000: plan of {len(lines)} indicators in {len(spec.sheets)} modules, {YEAR}, "
        f"{inputs} input cells, {len(monthly[::2]) * 12} values recorded"
    )
    produce, data = _timed(args.repeat, lambda: export_workbook(plan, YEAR))
    print(f"{'produce the workbook':<44}{produce:>8.3f} s  ({len(data) / 1024:.0f} KiB)")
    unchanged, outcome = _timed(args.repeat, lambda: import_workbook(data, None, plan=plan))
    print(f"{'re-import it unchanged':<44}{unchanged:>8.3f} s  ({outcome.unchanged} unchanged)")

    book = load_workbook(io.BytesIO(data))
    for sheet in spec.sheets:
        ws = book[sheet.title]
        for r, line in enumerate(sheet.lines, start=FIRST_ROW):
            for n, slot in enumerate(sheet.slots):
                if sheet.applies(line, slot) and line in monthly and slot.period == f"{YEAR}-06":
                    ws.cell(r, FIRST_SLOT_COL + n).value = 99
    out = io.BytesIO()
    book.save(out)
    changed = out.getvalue()
    start = time.perf_counter()
    outcome = import_workbook(changed, None, plan=plan)
    applied = time.perf_counter() - start
    print(
        f"{'re-import with changes (applied)':<44}{applied:>8.3f} s  "
        f"({outcome.created} created, {outcome.updated} updated, {outcome.unchanged} unchanged)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
