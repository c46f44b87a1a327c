"""Writers at the same moment wait for each other or get a 409: never a 500, never a lost update.

The race for the first value of an indicator and period is forced deterministically (a rival
row appears between the check and the insert); the real thing runs the writers benchmark with
threads on a SQLite file and on a PostgreSQL database created for the test (dropped after)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from balise.monitoring import actions
from balise.monitoring.errors import StaleEdit
from balise.monitoring.models import Measurement
from tests.integration.monitoring.conftest import editor, ind, plan  # noqa: F401
from tests.postgres import fresh_postgres_database

ROOT = Path(__file__).resolve().parents[3]


def _rival_inserts_first(monkeypatch, indicator, amount: int):
    fill = actions._fill

    def fill_then_lose_the_race(measurement, *args, **kwargs):
        fill(measurement, *args, **kwargs)
        if measurement.pk is None and not Measurement.objects.filter(indicator_key=indicator.key).exists():
            Measurement.objects.create(
                indicator=indicator,
                indicator_key=indicator.key,
                period=measurement.period,
                period_start=measurement.period_start,
                period_end=measurement.period_end,
                amount=amount,
                revision=1,
            )

    monkeypatch.setattr(actions, "_fill", fill_then_lose_the_race)


@pytest.mark.django_db
def test_the_loser_of_the_race_for_a_first_value_gets_a_conflict_not_a_crash(monkeypatch, ind, editor):  # noqa: F811
    count = ind["count"]
    _rival_inserts_first(monkeypatch, count, 7)
    with pytest.raises(StaleEdit):
        actions.record_measurement(count, "2024", {"amount": "30"}, editor)
    # Nothing of the loser is kept (the simulated rival shared its transaction: undone with it;
    # a real rival commits on its own connection, and the loser is shown its value).
    assert not Measurement.objects.filter(indicator_key=count.key, amount=30).exists()


@pytest.mark.django_db
def test_the_api_answers_409_to_the_loser(monkeypatch, client, ind, editor):  # noqa: F811
    count = ind["count"]
    _rival_inserts_first(monkeypatch, count, 7)
    client.force_login(editor)
    response = client.put(
        f"/api/indicators/{count.pk}/measurements",
        {"period": "2024", "amount": "30", "revision": 0},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "someone else" in response.json()["detail"]


def _benchmark(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "concurrent_writers.py"), *args],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _summary(done: subprocess.CompletedProcess) -> str:
    return "\n".join(line for line in done.stdout.splitlines() if not line.startswith("{"))


def test_threads_writing_at_once_on_sqlite_get_no_5xx_and_lose_no_update():
    done = _benchmark("--writers", "12", "--seconds", "8")
    assert done.returncode == 0, _summary(done) + done.stderr[-2000:]
    assert "5xx: 0" in done.stdout and "lost updates: 0" in done.stdout


@pytest.fixture
def postgres_database():
    with fresh_postgres_database("h_security_writers") as url:
        yield url


def test_threads_writing_at_once_on_postgresql_get_no_5xx_and_lose_no_update(postgres_database):
    done = _benchmark("--writers", "12", "--seconds", "8", "--database-url", postgres_database)
    assert done.returncode == 0, _summary(done) + done.stderr[-2000:]
    assert "5xx: 0" in done.stdout and "lost updates: 0" in done.stdout
