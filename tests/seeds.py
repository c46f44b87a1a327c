"""Access to the real seed documents in ../shared/seeds (never copied into the repository)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = Path(os.environ.get("BALISE_SEEDS", ROOT.parent / "shared" / "seeds"))
EXPECTED_DIR = ROOT / "tests" / "fixtures" / "expected"


def seed_path(prefix: str) -> Path:
    """Path of the seed whose name starts with ``prefix`` ("000"…"004"); skips the test visibly
    when the seeds are absent (CI always has them)."""
    matches = sorted(SEEDS_DIR.glob(f"{prefix}_*.txt")) if SEEDS_DIR.is_dir() else []
    if not matches:
        pytest.skip(f"seed {prefix} not found in {SEEDS_DIR} (set BALISE_SEEDS)")
    return matches[0]


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")
