"""`balise export --format xlsx` and `balise import-workbook`, run as a user would on an SQLite
file of their own (a copy of one the command has migrated): values applied, or one line per bad
cell and exit 2 with nothing applied."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.migrated_template import copy_of_migrated_sqlite
from tests.processes import BALISE, checkout_environ

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def run(tmp_path):
    env = checkout_environ(
        DATABASE_URL=f"sqlite:///{copy_of_migrated_sqlite(tmp_path)}",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
    )

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BALISE), *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=180
        )

    return run


def _input_cell(path: Path, start: str, period: str):
    """The workbook, its module sheet and the cell of the indicator starting with ``start``."""
    book = load_workbook(path)
    ws = book["Cambriolage"]
    row = next(r for r in range(5, ws.max_row + 1) if str(ws.cell(r, 6).value).startswith(start))
    col = next(c for c in range(10, ws.max_column + 1) if ws.cell(3, c).value == period)
    return book, ws.cell(row, col)


def test_a_workbook_goes_out_and_comes_back_through_the_command_line(run, tmp_path):
    imported = run("import", str(FIXTURES / "outside_plan.json"), "--json")
    assert imported.returncode == 0, imported.stderr
    plan_id = json.loads(imported.stdout)["imports"][0]["plan_id"]
    path = tmp_path / "values.xlsx"
    exported = run("export", str(plan_id), "--format", "xlsx", "--year", "2024", "-o", str(path))
    assert exported.returncode == 0, exported.stderr

    book, cell = _input_cell(path, "Nombre de visites", "2024")
    cell.value = "beaucoup"
    book.save(path)
    bad = run("import-workbook", str(path))
    assert bad.returncode == 2
    lines = bad.stderr.strip().splitlines()
    # in the installation's language (French by default)
    assert len(lines) == 1 and lines[0].startswith(f"values.xlsx: Cambriolage!{cell.coordinate}: ")
    assert "«\u00a0beaucoup\u00a0»" in lines[0]  # the value quoted the French way

    book, cell = _input_cell(path, "Nombre de visites", "2024")
    cell.value = 17
    book.save(path)
    checked = run("import-workbook", str(path), "--dry-run")
    assert checked.returncode == 0, checked.stderr
    assert "1 created, 0 updated, 0 unchanged (would be applied)" in checked.stdout
    applied = run("import-workbook", str(path))
    assert "1 created, 0 updated, 0 unchanged (were applied)" in applied.stdout
    again = run("import-workbook", str(path))
    assert "0 created, 0 updated, 1 unchanged" in again.stdout


def test_an_unknown_user_or_year_is_bad_input(run, tmp_path):
    imported = run("import", str(FIXTURES / "outside_plan.json"), "--json")
    plan_id = json.loads(imported.stdout)["imports"][0]["plan_id"]
    outside = run("export", str(plan_id), "--format", "xlsx", "--year", "2031", "-o", "x.xlsx")
    assert outside.returncode == 2 and "2031 is outside the period" in outside.stderr
    assert run("export", str(plan_id), "--format", "xlsx", "-o", "x.xlsx").returncode == 0
    nobody = run("import-workbook", "x.xlsx", "--user", "nobody")
    assert nobody.returncode == 2 and "user 'nobody' does not exist" in nobody.stderr
