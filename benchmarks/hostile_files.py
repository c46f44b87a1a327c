"""Peak memory and time to refuse each file of the hostile corpus (workbooks and interchange
documents written by tests/hostile/, read by their own readers; then every file of it and the
malformed source documents read by the plan importer, as `balise import` and the plan import page
read them), one fresh process per file so that each peak is its own.

    .venv/bin/python benchmarks/hostile_files.py

Prints one line per file (answer, seconds, peak resident memory in MB, of which ~90 MB is Python
and Django themselves) and the largest peak; exit 1 if a file is accepted, crashes, or peaks
over 300 MB.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LIMIT_MB = 300


def refuse_one(kind: str, path: str) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    if kind == "workbook":
        from balise.workbook.read import WorkbookRefused, open_workbook, read_header

        try:
            read_header(open_workbook(Path(path)))
        except WorkbookRefused as exc:
            return f"refused: {str(exc).splitlines()[0][:70]}"
        return "read (the plan check refuses it later)" if path.endswith("unknown-plan.xlsx") else "ACCEPTED"
    if kind == "import":  # `balise import` and the plan import page: any file, read as a plan
        from balise.domain.interchange import InterchangeError
        from balise.errors import BaliseError
        from balise.imports.pipeline import parse_file

        try:
            parse_file(Path(path))
        except (BaliseError, InterchangeError) as exc:
            return f"refused: {' '.join(str(exc).split())[:70]}"
        return "ACCEPTED"
    from balise.domain.interchange import InterchangeError, loads

    try:
        loads(Path(path).read_text(encoding="utf-8", errors="surrogatepass"))
    except InterchangeError as exc:
        return f"refused: {str(exc)[:70]}"
    return "ACCEPTED"


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        started = time.perf_counter()
        answer = refuse_one(sys.argv[2], sys.argv[3])
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{answer}\t{time.perf_counter() - started:.2f}\t{peak:.0f}")
        return 0
    from tests.hostile.documents import hostile_documents
    from tests.hostile.plan_documents import hostile_plan_documents
    from tests.hostile.workbooks import hostile_workbooks

    folder = Path(tempfile.mkdtemp(prefix="balise-hostile-"))
    files = []
    for name, data in hostile_workbooks():
        (folder / name).write_bytes(data)
        files.append(("workbook", folder / name, name))
    for name, text, _path in hostile_documents():
        (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        files.append(("document", folder / name, name))
    # Every file of the corpus again through the plan importer, as `balise import` reads it.
    for name, data in hostile_plan_documents():
        (folder / name).write_bytes(data)
    names = [*(n for n, _d in hostile_plan_documents()), *(n for _k, _p, n in files)]
    files += [("import", folder / name, f"{name} (import)") for name in names]
    worst, failures = 0.0, 0
    for kind, path, name in files:
        done = subprocess.run(
            [sys.executable, __file__, "--one", kind, str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        )
        lines = [line for line in done.stdout.splitlines() if not line.startswith("{")]
        if done.returncode or not lines:
            print(f"{name:34} CRASH {done.stderr.strip().splitlines()[-1:]}")
            failures += 1
            continue
        answer, seconds, peak = lines[-1].split("\t")
        worst = max(worst, float(peak))
        failures += answer == "ACCEPTED" or float(peak) > LIMIT_MB
        print(f"{name:34} {float(seconds):6.2f} s {float(peak):6.0f} MB  {answer}")
    print(f"{len(files)} files, largest peak {worst:.0f} MB (limit {LIMIT_MB} MB), {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
