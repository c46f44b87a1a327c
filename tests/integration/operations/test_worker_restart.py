"""A job survives its worker: killed mid-job (SIGKILL, no chance to clean up), the job is taken
again by the next worker and completes."""

from __future__ import annotations

import signal
import sqlite3

import pytest

from tests.processes import balise_env, start, stop, wait_until

SNIPPET = """
from balise.cli import _setup
_setup()
from balise.jobs.actions import request_job
from balise.jobs.models import Job
from balise.plans.models import Plan
plan = Plan.objects.get(municipality__code="99001")
print(request_job(None, Job.Kind.ANNUAL_REPORT, {"year": 2023, "format": "pdf", "lang": "fr"}, plan=plan).pk)
"""


def test_killing_the_worker_mid_job_and_starting_another_completes_the_job(site):
    import subprocess
    import sys

    env = balise_env(site, BALISE_WORKER_BEAT_SECONDS="0.5", BALISE_WORKER_STALE_SECONDS="3")
    job_id = int(
        subprocess.run(
            [sys.executable, "-c", SNIPPET], env=env, capture_output=True, text=True, check=True
        ).stdout
    )
    database = sqlite3.connect(site / "balise.sqlite3", timeout=30)

    def job() -> tuple[str, int, str]:
        return database.execute(
            "SELECT state, attempts, file FROM jobs_job WHERE id = ?", (job_id,)
        ).fetchone()

    log = site / "worker.log"
    first = start(env, "worker", "--interval", "0.2", log=log)
    try:
        wait_until(lambda: job()[0] == "running", 120, message=f"never started: {log.read_text()[-2000:]}")
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        stop(first)
    state, attempts, file = job()
    if state == "done":
        pytest.fail("the job finished before the worker could be killed: nothing was tested")
    assert (state, attempts, file) == ("running", 1, "")

    second = start(env, "worker", "--interval", "0.2", log=log)
    try:
        wait_until(lambda: job()[0] in ("done", "failed"), 180, step=0.2, message=log.read_text()[-2000:])
    finally:
        stop(second)
    state, attempts, file = job()
    assert (state, attempts) == ("done", 2), log.read_text()[-2000:]
    assert (site / "var" / file).read_bytes().startswith(b"%PDF")
    ((status, workers),) = database.execute(
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
        " WHERE id = (SELECT REPLACE(task_id, '-', '') FROM jobs_job WHERE id = ?)",
        (job_id,),
    ).fetchall()
    assert status == "SUCCESSFUL" and workers.count('"') == 4  # two workers held it in turn
