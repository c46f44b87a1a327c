"""What a worker does besides running jobs: says it is alive, takes over the jobs of a dead worker,
starts the daily reminders once whatever the number of workers; /readyz reports on it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from balise.jobs.actions import request_job
from balise.jobs.models import Job, ScheduledRun, WorkerBeat
from balise.jobs.worker import beat, requeue_abandoned, start_scheduled

pytestmark = pytest.mark.django_db


def claimed_by(worker_id: str) -> Job:
    job = request_job(None, Job.Kind.REMINDERS, {})
    task = DBTaskResult.objects.get(pk=job.task_id)
    task.claim(worker_id)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    return job


def test_the_jobs_of_a_silent_worker_are_queued_again_and_those_of_a_living_one_are_not():
    now = timezone.now()
    beat("dead", now - timedelta(seconds=120))
    beat("alive", now - timedelta(seconds=5))
    orphan, held = claimed_by("dead"), claimed_by("alive")
    assert requeue_abandoned(60, now) == [orphan.task_id]
    assert DBTaskResult.objects.get(pk=orphan.task_id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=held.task_id).status == TaskResultStatus.RUNNING
    assert Job.objects.get(pk=orphan.pk).state == Job.State.QUEUED
    assert Job.objects.get(pk=held.pk).state == Job.State.RUNNING


def test_a_worker_that_never_said_it_was_alive_holds_nothing():
    job = claimed_by("unknown")
    assert requeue_abandoned(60) == [job.task_id]


def test_a_beat_updates_the_worker_s_own_row():
    beat("w1", timezone.now() - timedelta(minutes=5))
    beat("w1")
    assert WorkerBeat.objects.count() == 1
    assert timezone.now() - WorkerBeat.objects.get().seen_at < timedelta(seconds=5)


def _local(hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(2026, 3, 2, hour, minute))


def test_the_reminders_start_once_a_day_at_the_configured_time(settings):
    settings.BALISE_REMINDERS_AT = "07:00"
    assert start_scheduled(_local(6, 59)) is None
    first = start_scheduled(_local(7, 0))
    assert first is not None and first.kind == Job.Kind.REMINDERS and first.params["date"] == "2026-03-02"
    assert start_scheduled(_local(7, 1)) is None  # a second worker, or the next beat
    assert start_scheduled(_local(18, 0)) is None
    assert ScheduledRun.objects.get().job == first
    assert start_scheduled(_local(7, 0) + timedelta(days=1)) is not None


def test_no_schedule_when_the_time_is_empty(settings):
    settings.BALISE_REMINDERS_AT = ""
    assert start_scheduled(_local(23)) is None and not Job.objects.exists()


def test_the_scheduled_reminders_send_the_mail_through_the_worker(settings, reference):
    from tests.jobs import run_jobs

    settings.BALISE_REMINDERS_AT = "07:00"
    job = start_scheduled(_local(8))
    run_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and set(job.result) == {"sent", "items", "skipped"}
    assert job.result["sent"] == len(mail.outbox)


def test_readyz_wants_a_worker_seen_recently(client, settings):
    settings.BALISE_WORKER_STALE_SECONDS = 60
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "migrations": "ok", "worker": "no worker seen"}
    beat("w", timezone.now() - timedelta(seconds=90))
    assert response.status_code == 503 and "no worker seen since" in client.get("/readyz").json()["worker"]
    beat("w")
    response = client.get("/readyz")
    assert response.status_code == 200 and set(response.json().values()) == {"ok"}
