"""Seconds to produce and read back the documents Balise writes, on the largest seed plan.

.venv/bin/python benchmarks/documents.py [--seeds DIR] [--repeat N]

Each row is a `Timing` in `ROWS`: a name, the goal in seconds (or None) and a function that gets
the prepared `Context` and does the work once; add a row by appending a function with `@row`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Context:
    plan_id: int
    seed: str
    work: Path
    files: dict[str, Path] = field(default_factory=dict)  # documents written by earlier rows
    notes: dict[str, str] = field(default_factory=dict)  # per row, printed after the timing


@dataclass(frozen=True)
class Timing:
    name: str
    goal: float | None
    run: Callable[[Context], object]
    repeat: int | None = None  # fewer runs for the slow rows


ROWS: list[Timing] = []


def row(name: str, goal: float | None = None, repeat: int | None = None):
    def register(function: Callable[[Context], object]) -> Callable[[Context], object]:
        ROWS.append(Timing(name, goal, function, repeat))
        return function

    return register


def _convention(ctx: Context, format: str) -> None:
    from balise.exports.convention import build_convention, render

    convention = build_convention(ctx.plan_id)
    path = ctx.work / f"{convention.file_stem}.{format}"
    path.write_bytes(render(convention, format))
    ctx.files[format] = path


def _reimport(ctx: Context, format: str, name: str) -> None:
    from balise.imports.pipeline import parse_file

    result = parse_file(ctx.files[format])
    assert not result.unplaced, result.unplaced[:3]
    if format == "pdf":
        import pdfplumber

        with pdfplumber.open(ctx.files[format]) as pdf:
            ctx.notes[name] = f"{len(pdf.pages)} A4 pages"


@row("convention DOCX", goal=1.0)
def convention_docx(ctx: Context) -> None:
    _convention(ctx, "docx")


@row("convention PDF", goal=0.5, repeat=5)
def convention_pdf(ctx: Context) -> None:
    _convention(ctx, "pdf")


@row("re-import convention DOCX")
def reimport_docx(ctx: Context) -> None:
    _reimport(ctx, "docx", "re-import convention DOCX")


@row("re-import convention PDF", repeat=2)
def reimport_pdf(ctx: Context) -> None:
    _reimport(ctx, "pdf", "re-import convention PDF")


def _largest_seed(seeds: list[Path]):
    """Import the seeds 000-003 and keep the plan with the most nodes."""
    from balise.accounts.actors import SYSTEM
    from balise.imports.pipeline import parse_file
    from balise.plans.actions import import_plan

    best = None
    for path in seeds:
        result = parse_file(path)
        size = sum(result.outline.counts().values())
        if best is None or size > best[0]:
            best = (size, path.name[:3], result, path)
    assert best is not None
    _size, seed, result, path = best
    return seed, import_plan(result.outline, source_name=path.name, layout=result.layout, user=SYSTEM).plan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    seeds = sorted(args.seeds.glob("00[0-3]_*.txt"))
    if not seeds:
        print(f"no seeds in {args.seeds}")
        return 1
    work = Path(tempfile.mkdtemp(prefix="balise-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from balise.reference.loader import load_reference

    load_reference()
    seed, plan = _largest_seed(seeds)
    ctx = Context(plan_id=plan.pk, seed=seed, work=work)
    print(f"largest seed plan: {seed} (plan {plan.pk}); load average {os.getloadavg()[0]:.1f}")
    # The first run of a row is printed apart (cold: WeasyPrint imported, its fonts configured);
    # the median is of all runs, its CPU seconds beside it: on a shared machine the load
    # multiplies the wall time, while the CPU time is what the work costs on a quiet one.
    print(f"{'document':<30}{'median s':>10}{'min s':>9}{'cpu s':>8}{'first s':>9}{'goal s':>8}  ")
    failed = False
    for timing in ROWS:
        runs, cpu = [], []
        for _ in range(timing.repeat or args.repeat):
            start, cpu_start = time.perf_counter(), time.process_time()
            timing.run(ctx)
            runs.append(time.perf_counter() - start)
            cpu.append(time.process_time() - cpu_start)
        median = statistics.median(runs)
        verdict = "" if timing.goal is None else ("ok" if median <= timing.goal else "SLOW")
        failed = failed or verdict == "SLOW"
        goal = f"{timing.goal:.1f}" if timing.goal is not None else "-"
        note = ctx.notes.get(timing.name, "")
        print(
            f"{timing.name:<30}{median:>10.2f}{min(runs):>9.2f}{statistics.median(cpu):>8.2f}"
            f"{runs[0]:>9.2f}{goal:>8}  {verdict} {note}".rstrip()
        )
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
