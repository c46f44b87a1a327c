"""Seconds to produce the annual report (PDF and DOCX) of a 150-indicator plan with 4 years of values.

    .venv/bin/python benchmarks/annual_report.py [--repeat 3]

The plan of benchmarks/plan_page.py (9 modules, 150 indicators) runs 2021-2024 with a value per
month for every indicator (bulk inserts, then the progress table rebuilt) and an evaluation of
2024. Each run starts with an empty chart cache, so every trend chart is drawn again.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOALS = {"pdf": 5.0, "docx": 3.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="balise-report-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work}/bench.sqlite3"
    os.environ["BALISE_VAR_DIR"] = str(work / "var")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from balise import charts
    from balise.accounts.actors import SYSTEM
    from balise.exports.report import produce
    from balise.monitoring.defaults import load_colour_scale
    from balise.monitoring.models import Evaluation, Measurement
    from balise.plans.actions import import_plan
    from balise.plans.models import Indicator
    from balise.reference.loader import load_reference
    from benchmarks.generate_monitoring_data import _months, _values
    from benchmarks.plan_page import build_outline

    call_command("migrate", verbosity=0)
    load_reference()
    load_colour_scale()
    outline = replace(build_outline(), period_start=date(2021, 1, 1), period_end=date(2024, 12, 31))
    plan = import_plan(outline, user=SYSTEM).plan
    rng = random.Random(15)
    indicators = list(Indicator.objects.filter(strategic_objective__module__plan=plan))
    Measurement.objects.bulk_create(
        [
            Measurement(
                indicator_key=i.key,
                indicator=i,
                period=label,
                period_start=start,
                period_end=end,
                **_values(i.target_kind or "count", rng),
            )
            for i in indicators
            for label, start, end in _months(48)
        ],
        batch_size=2000,
    )
    try:  # absent before progress was maintained on write: the script can measure older commits
        from balise.monitoring.progress_store import rebuild
    except ImportError:
        pass
    else:
        rebuild()
    Evaluation.objects.create(plan=plan, lineage=plan.lineage, year=2024, state=Evaluation.State.ANALYSED)
    print(f"plan: {len(indicators)} indicators, 48 months of values; load average {os.getloadavg()[0]:.1f}")
    print(f"{'document':<26}{'median s':>10}{'min s':>9}{'goal s':>8}{'charts':>8}")
    for fmt in ("pdf", "docx"):
        runs = []
        drawn = 0
        for _ in range(args.repeat):
            charts.clear_memory()
            shutil.rmtree(Path(settings.VAR_DIR) / "charts", ignore_errors=True)
            before = sum(charts.RENDERS.values())
            started = time.perf_counter()
            document = produce(plan, 2024, fmt)
            runs.append(time.perf_counter() - started)
            drawn = sum(charts.RENDERS.values()) - before
            assert document.content
        median = statistics.median(runs)
        verdict = "ok" if median <= GOALS[fmt] else "SLOW"
        print(
            f"annual report {fmt.upper():<12}{median:>10.2f}{min(runs):>9.2f}"
            f"{GOALS[fmt]:>8.1f}{drawn:>8}  {verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
