"""``balise worker``: django-tasks' database worker plus what running it for real needs.

Beside the worker loop, a housekeeping thread every ``beat`` seconds
- records that this worker is alive (:class:`WorkerBeat`, read by ``/readyz``);
- queues again the tasks held by a worker silent for ``stale`` seconds (killed, machine lost):
  the job restarts from the beginning on a living worker, so a job survives its worker;
- deletes the files of jobs finished more than ``BALISE_JOB_FILES_KEEP_HOURS`` ago (:mod:`expiry`);
- starts the scheduled jobs that are due (the reminder e-mails, once a day, whatever the number
  of workers: a unique row per day decides which worker starts it).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from balise.jobs.actions import request_job
from balise.jobs.expiry import expire_files
from balise.jobs.models import Job, ScheduledRun, WorkerBeat

logger = logging.getLogger(__name__)


def beat(worker_id: str, now: datetime | None = None) -> None:
    now = now or timezone.now()
    updated = WorkerBeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerBeat.objects.create(
            worker_id=worker_id, host=socket.gethostname(), pid=os.getpid(), seen_at=now
        )


def requeue_abandoned(stale_seconds: float, now: datetime | None = None) -> list[str]:
    """Tasks RUNNING on a worker not seen for ``stale_seconds`` go back to READY (their jobs to
    "waiting"); returns their ids."""
    now = now or timezone.now()
    alive = set(
        WorkerBeat.objects.filter(seen_at__gte=now - timedelta(seconds=stale_seconds)).values_list(
            "worker_id", flat=True
        )
    )
    recovered = []
    with transaction.atomic():
        for task in DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING):
            holder = task.worker_ids[-1] if task.worker_ids else None
            if holder in alive:
                continue
            task.status, task.started_at = TaskResultStatus.READY, None
            task.save(update_fields=["status", "started_at"])
            recovered.append(str(task.id))
        if recovered:
            Job.objects.filter(task_id__in=recovered, state=Job.State.RUNNING).update(state=Job.State.QUEUED)
            logger.warning("queued again %d task(s) of silent workers: %s", len(recovered), recovered)
    return recovered


def start_scheduled(now: datetime | None = None) -> Job | None:
    """The reminder e-mails once a day at ``BALISE_REMINDERS_AT`` (local time; empty: never)."""
    at = settings.BALISE_REMINDERS_AT
    if not at:
        return None
    local = timezone.localtime(now or timezone.now())
    if local.time() < time.fromisoformat(at):
        return None
    if ScheduledRun.objects.filter(name=Job.Kind.REMINDERS, day=local.date()).exists():
        return None
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(name=Job.Kind.REMINDERS, day=local.date())
            run.job = request_job(None, Job.Kind.REMINDERS, {"date": local.date().isoformat()})
            run.save(update_fields=["job"])
            return run.job
    except IntegrityError:  # another worker started it
        return None


class Housekeeping(threading.Thread):
    def __init__(self, worker_id: str, interval: float, stale: float) -> None:
        super().__init__(name="balise-housekeeping", daemon=True)
        self.worker_id, self.interval, self.stale = worker_id, interval, stale
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                beat(self.worker_id)
                requeue_abandoned(self.stale)
                expire_files()
                start_scheduled()
            except OperationalError:  # the database is busy or away: try again at the next beat
                logger.exception("housekeeping failed")
            finally:
                connection.close()
            self.stopping.wait(self.interval)

    def stop(self) -> None:
        self.stopping.set()
        try:
            WorkerBeat.objects.filter(worker_id=self.worker_id).delete()
        finally:
            connection.close()


def run_worker(*, interval: float = 1.0, batch: bool = False, worker_id: str | None = None) -> None:
    """Take jobs until stopped (SIGTERM/SIGINT finish the current job first) or, with ``batch``,
    until the queue is empty."""
    worker_id = worker_id or f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"
    housekeeping = Housekeeping(
        worker_id, settings.BALISE_WORKER_BEAT_SECONDS, settings.BALISE_WORKER_STALE_SECONDS
    )
    housekeeping.start()
    worker = Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.configure_signals()
    try:
        worker.run()
    finally:
        housekeeping.stop()
