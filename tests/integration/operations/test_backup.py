"""`balise backup` and `balise restore` move an installation between SQLite and PostgreSQL:
SQLite → PostgreSQL → SQLite, every plan's interchange export and every table's row count the same
at each step, the generated and uploaded files too."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from tests.processes import BALISE, balise_env, run


def exports(env: dict[str, str]) -> dict[str, str]:
    """The balise.plan/1 export of every plan, by id."""
    ids = re.findall(r"^\s*(\d+)\s", run(env, "list").stdout, re.MULTILINE)
    assert ids, "no plan to compare"
    return {plan: run(env, "export", plan).stdout for plan in ids}


def manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def test_sqlite_to_postgresql_and_back_keeps_every_plan_row_and_file(site, tmp_path, postgres):
    sqlite = balise_env(site)
    generated = site / "var" / "files" / "jobs" / "7-report.pdf"
    generated.parent.mkdir(parents=True)
    generated.write_bytes(b"%PDF-1.7 a generated report")
    upload = site / "var" / "uploads" / "a1b2" / "plan.docx"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"PK an uploaded document")
    original = exports(sqlite)

    first = tmp_path / "from-sqlite.tar.gz"
    run(sqlite, "backup", str(first))
    counts = manifest(first)["counts"]
    assert counts["plans.plan"] == len(original) and counts["auth.user"] > 0
    assert "sessions.session" not in counts

    on_postgres = balise_env(tmp_path / "pg", DATABASE_URL=postgres)
    run(on_postgres, "restore", str(first))
    assert exports(on_postgres) == original
    assert (
        tmp_path / "pg" / "var" / "files" / "jobs" / "7-report.pdf"
    ).read_bytes() == generated.read_bytes()
    second = tmp_path / "from-postgresql.tar.gz"
    run(on_postgres, "backup", str(second))
    assert manifest(second)["engine"] == "postgresql" and manifest(second)["counts"] == counts

    back = balise_env(tmp_path / "back")
    run(back, "restore", str(second))
    assert exports(back) == original
    third = tmp_path / "back-on-sqlite.tar.gz"
    run(back, "backup", str(third))
    assert manifest(third)["counts"] == counts
    assert (tmp_path / "back" / "var" / "uploads" / "a1b2" / "plan.docx").read_bytes() == upload.read_bytes()


def test_passwords_travel_only_as_hashes_and_sessions_not_at_all(site, tmp_path):
    archive = tmp_path / "b.tar.gz"
    run(balise_env(site), "backup", str(archive))
    with tarfile.open(archive) as tar:
        rows = json.loads(tar.extractfile("data.json").read())
    users = [row["fields"] for row in rows if row["model"] == "auth.user"]
    assert users and all(re.match(r"^[a-z0-9_]+\$", user["password"]) for user in users)
    assert not [row for row in rows if row["model"] == "sessions.session"]


def test_a_restore_refuses_a_database_that_is_not_empty_and_a_file_that_is_not_a_backup(site, tmp_path):
    env = balise_env(site)
    archive = tmp_path / "b.tar.gz"
    run(env, "backup", str(archive))
    refused = subprocess.run([str(BALISE), "restore", str(archive)], env=env, capture_output=True, text=True)
    assert refused.returncode == 2 and "the database is not empty" in refused.stderr
    assert refused.stderr.count("\n") == 1
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    fresh = balise_env(tmp_path / "fresh")
    refused = subprocess.run([str(BALISE), "restore", str(junk)], env=fresh, capture_output=True, text=True)
    assert refused.returncode == 2 and "cannot be read as a backup archive" in refused.stderr
    shutil.rmtree(tmp_path / "fresh", ignore_errors=True)
