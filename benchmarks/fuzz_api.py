"""Schemathesis over every API operation with all its checks, ≥ 100 examples each.

    .venv/bin/python benchmarks/fuzz_api.py [--examples 25] [--operations /finance] [--mode positive]

On a scratch SQLite database with a signed plan and its editor's token, each operation gets
``--examples`` schema-valid and as many schema-invalid requests, with path ids drawn by Hypothesis
(and again with the ids of existing objects when the operation takes them), as the editor and
anonymously: at least 4 × ``--examples`` cases per operation (100 by default).
Prints, per operation, the cases and the failures by kind: 5xx, schema violations (answer outside
its documented schema or content type), undocumented status codes, schema-invalid data accepted,
schema-valid data refused; then one example of each failure. Exit 1 if anything was found.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import setup_scratch_django  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=25)
    parser.add_argument("--operations", default="", help="only the operations whose label contains this")
    parser.add_argument(
        "--mode",
        choices=("positive", "negative"),
        help="only schema-valid (positive) or schema-invalid (negative) data; both by default",
    )
    args = parser.parse_args(argv)
    setup_scratch_django("fuzz")
    logging.disable(logging.WARNING)  # the refusals are counted, not logged
    from balise.reference.loader import load_reference
    from tests.fuzz import COLUMNS, MODES, OperationResult, fuzz, prepare_site, table

    load_reference()
    callers, ids = prepare_site()
    started = time.monotonic()
    merged: dict[str, OperationResult] = {}
    for headers in callers.values():
        modes = (args.mode,) if args.mode else tuple(MODES)
        for r in fuzz(args.examples, headers, ids, args.operations, modes):
            into = merged.setdefault(r.label, OperationResult(r.label))
            into.cases += r.cases
            into.statuses.update(r.statuses)
            into.failures.update(r.failures)
            for kind, example in r.examples.items():
                into.examples.setdefault(kind, example)
    results = list(merged.values())
    print(f"{len(results)} operations, {args.examples} examples per mode, path choice and caller")
    print(f"in {time.monotonic() - started:.0f} s")
    print(table(results))
    for r in results:
        for kind in COLUMNS:
            if kind in r.examples:
                print(f"- {kind}: {r.examples[kind]}")
    return 1 if any(r.failures for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
