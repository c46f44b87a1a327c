"""Balise run as separate processes: one prepared installation (the demo loaded, the static files
collected) copied for each test, so that each starts from the same state in seconds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.postgres import fresh_postgres_database
from tests.processes import balise_env, run

COLLECT = (
    "from balise.cli import _setup; _setup(); "
    "from balise.operations.static import collect_static; collect_static()"
)


@pytest.fixture(scope="session")
def prepared(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("prepared")
    env = balise_env(folder)
    run(env, "demo")
    subprocess.run([sys.executable, "-c", COLLECT], env=env, check=True, timeout=900)
    return folder


@pytest.fixture
def site(prepared, tmp_path) -> Path:
    """A copy of the prepared installation (SQLite file and var/) of this test's own."""
    folder = tmp_path / "site"
    shutil.copytree(prepared, folder)
    return folder


@pytest.fixture
def postgres():
    """The URL of a new, empty PostgreSQL database of this test (dropped after); skipped with the
    reason when PostgreSQL is unreachable, except in CI where that fails."""
    with fresh_postgres_database("balise_operations") as url:
        yield url
