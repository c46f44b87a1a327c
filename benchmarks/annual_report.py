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
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from balise.plans.models import Plan

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOALS = {"pdf": 5.0, "docx": 3.0}
T = TypeVar("T")


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
    from django.utils import translation

    from balise import charts
    from balise.exports.report import data, docx, figures, pdf
    from balise.exports.report.document import produce

    plan = prepare()
    print(f"plan: 150 indicators, 48 months of values; load average {os.getloadavg()[0]:.1f}")
    # CPU seconds of this process beside the wall clock: on a shared machine the load multiplies
    # the wall time, while the CPU time is what the job costs on a quiet one.
    print(f"{'document':<26}{'median s':>10}{'min s':>9}{'cpu s':>8}{'goal s':>8}{'charts':>8}")
    for fmt in ("pdf", "docx"):
        runs, cpu = [], []
        drawn = 0
        for _ in range(args.repeat):
            charts.clear_memory()
            shutil.rmtree(Path(settings.VAR_DIR) / "charts", ignore_errors=True)
            before = sum(charts.RENDERS.values())
            started, cpu_started = time.perf_counter(), time.process_time()
            document = produce(plan, 2024, fmt)
            runs.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            drawn = sum(charts.RENDERS.values()) - before
            assert document.content
        median = statistics.median(runs)
        verdict = "ok" if median <= GOALS[fmt] else "SLOW"
        print(
            f"annual report {fmt.upper():<12}{median:>10.2f}{min(runs):>9.2f}"
            f"{statistics.median(cpu):>8.2f}{GOALS[fmt]:>8.1f}{drawn:>8}  {verdict}"
        )
    # Where the time goes, once more, stage by stage (charts drawn again from an empty cache).
    charts.clear_memory()
    shutil.rmtree(Path(settings.VAR_DIR) / "charts", ignore_errors=True)
    with translation.override(plan.language or "fr"):
        report = _timed("stage: read the report", lambda: data.build_report(plan, 2024))
        drawn_figures = _timed("stage: draw the charts", lambda: figures.draw(report))
        _timed("stage: write the PDF", lambda: pdf.render(report, drawn_figures))
        _timed("stage: write the DOCX", lambda: docx.render(report, drawn_figures))
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


def _timed(label: str, work: Callable[[], T]) -> T:
    started, cpu_started = time.perf_counter(), time.process_time()
    result = work()
    print(f"{label:<36}{time.perf_counter() - started:>10.2f}{time.process_time() - cpu_started:>8.2f}")
    return result


def prepare() -> Plan:
    """The 150-indicator plan with 48 months of values and an evaluation of 2024."""
    from django.core.management import call_command

    from balise.accounts.actors import SYSTEM
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
    return plan


if __name__ == "__main__":
    raise SystemExit(main())
