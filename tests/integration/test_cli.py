"""The `balise` console script, run as a user would, on a SQLite file of its own for each test:
a new file, or a copy of one the command has migrated (tests/migrated_template.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.migrated_template import copy_of_migrated_sqlite
from tests.processes import BALISE, checkout_environ

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def runner(folder: Path, database: Path):
    env = checkout_environ(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        LANGUAGE="en",  # messages in the source language (the CLI follows the shell's locale)
    )

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BALISE), *args], env=env, cwd=folder, capture_output=True, text=True, timeout=120
        )

    return run


@pytest.fixture
def run(tmp_path):
    """The command on a database as a first command leaves it (migrated, reference lists loaded)."""
    return runner(tmp_path, copy_of_migrated_sqlite(tmp_path))


def test_help_is_available_for_every_command(run):
    for command in ("import", "export", "list", "load-reference", "demo", "serve", "migrate"):
        result = run(command, "--help")
        assert result.returncode == 0, result.stderr
        assert "usage: balise" in result.stdout


def test_import_then_export_gives_back_the_plan(run, tmp_path):
    result = run("import", str(FIXTURES / "outside_plan.json"), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["imports"][0]
    plan_id = summary["plan_id"]
    assert summary["counts"]["indicators"] == 4
    out = tmp_path / "plan.json"
    assert run("export", str(plan_id), "--format", "json", "-o", str(out)).returncode == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["format"] == "balise.plan/1"
    assert exported["finance"]["annual_amount_eur"] == "250000.00"
    assert exported["municipality"] == "Ixelles"
    # the export imports again as the same content: no duplicate
    again = run("import", str(out), "--json")
    assert json.loads(again.stdout)["imports"][0]["plan_id"] == plan_id
    assert "already imported" in json.loads(again.stdout)["imports"][0]["message"]


def test_a_conflicting_import_names_the_plan_and_the_option_that_replaces_it(run, tmp_path):
    first = json.loads(run("import", str(FIXTURES / "outside_plan.json"), "--json").stdout)["imports"][0]
    data = json.loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))
    data["modules"][0]["title"] += " (revised)"
    changed = tmp_path / "revised.json"
    changed.write_text(json.dumps(data), encoding="utf-8")

    result = run("import", str(changed))

    assert result.returncode == 2
    # The refusal names the plan (in the installation's language), the command line its option.
    assert "revised.json: " in result.stderr and f" {first['plan_id']} (" in result.stderr
    assert result.stderr.rstrip().endswith("use --replace to store this document as its new version")


def test_a_schema_violation_names_the_json_path_and_writes_nothing(run, tmp_path):
    data = json.loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))
    del data["modules"][1]["strategic_objectives"][0]["title"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = run("import", str(bad))
    assert result.returncode == 2
    assert "bad.json: modules[1].strategic_objectives[0].title: required" in result.stderr
    assert "no plans yet" in run("list").stdout


def test_invalid_json_is_a_one_line_error(run, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "balise.plan/1", ', encoding="utf-8")
    result = run("import", str(bad))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "broken.json" in result.stderr and "not valid JSON" in result.stderr


def test_exporting_an_unknown_plan_is_an_error(run):
    result = run("export", "999", "--format", "json")
    assert result.returncode == 2
    assert "plan 999 does not exist" in result.stderr


def test_the_first_command_on_a_new_database_file_migrates_it_and_loads_the_reference_lists(tmp_path):
    database = tmp_path / "new" / "balise.sqlite3"  # neither the file nor its folder exists yet
    run = runner(tmp_path, database)
    result = run("list")
    assert result.returncode == 0, result.stderr
    assert "no plans yet" in result.stdout
    imported = run("import", str(FIXTURES / "outside_plan.json"), "--json")
    assert imported.returncode == 0, imported.stderr  # the plan's phenomena are in the lists
    assert "pssp  v1" in run("list").stdout


def test_list_works_on_an_empty_database(run):
    result = run("list")
    assert result.returncode == 0, result.stderr
    assert "no plans yet" in result.stdout


def test_load_reference_reports_the_counts(run):
    result = run("load-reference")
    assert result.returncode == 0, result.stderr
    assert "33 phenomena" in result.stdout and "77 measures" in result.stdout
