"""Running the queued jobs inside a test, and fetching a job's file as its user would."""

from __future__ import annotations

from unittest import mock

from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker


def run_jobs() -> None:
    """What ``balise worker`` does, in this process, until the queue is empty.

    The worker closes "old" connections as it wakes up; inside a test's transaction that would
    close the test's own connection on PostgreSQL, so it is left open here."""
    with mock.patch.object(db_worker, "close_old_connections"):
        _run_worker()


def _run_worker() -> None:
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def job_file(client, started):
    """``started``: the answer (303 to the job page) of a "produce this file" request; runs the
    queue, then downloads the file through the job's page as ``client``."""
    assert started.status_code == 302, started.status_code
    job_url = started["Location"]
    run_jobs()
    page = client.get(job_url)
    assert page.status_code == 200 and "job-done" in page.content.decode(), page.content.decode()[-800:]
    return client.get(job_url + "file")  # a FileResponse: its bytes are response.getvalue()
