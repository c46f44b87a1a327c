"""`balise report`, run as a user would on an SQLite file of its own holding the demo."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.migrated_template import copy_of_migrated_sqlite
from tests.processes import BALISE, checkout_environ


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-report")
    env = checkout_environ(
        DATABASE_URL=f"sqlite:///{copy_of_migrated_sqlite(folder)}",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        BALISE_VAR_DIR=str(folder / "var"),
    )

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BALISE), *args], env=env, cwd=folder, capture_output=True, text=True, timeout=300
        )

    assert run("demo").returncode == 0
    run.folder = folder
    return run


@pytest.fixture(scope="module")
def plan_id(run) -> str:
    listing = run("list").stdout
    return re.search(r"^\s*(\d+)\s+pssp.*Valmont", listing, re.MULTILINE).group(1)


def test_it_writes_the_pdf_and_the_docx_of_an_evaluated_year(run, plan_id):
    out = run.folder / "valmont-2023.pdf"
    result = run("report", plan_id, "--year", "2023", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    result = run("report", plan_id, "--year", "2023", "--format", "docx", "--lang", "nl")
    assert result.returncode == 0, result.stderr
    default = run.folder / f"plan-{plan_id}-report-2023-nl.docx"
    assert default.read_bytes().startswith(b"PK")  # a zip: the DOCX container
    assert f"wrote {default.name}" in result.stderr


@pytest.mark.parametrize(
    ("plan", "year", "message"),
    [("999", "2023", "999"), (None, "2025", "2025")],  # the message is translated: check what it names
)
def test_bad_input_exits_2_with_one_message_and_writes_nothing(run, plan_id, plan, year, message):
    out = run.folder / f"refused-{year}.pdf"
    result = run("report", plan or plan_id, "--year", year, "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith("balise: error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()
