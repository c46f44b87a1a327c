"""Asking for a job and asking again after a failure."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Model
from django.utils.translation import get_language

from balise.jobs import storage
from balise.jobs.models import Job
from balise.jobs.tasks import run_job


@transaction.atomic
def request_job(
    user: User | AnonymousUser | None, kind: str, params: dict[str, Any], *, plan: Model | None = None
) -> Job:
    """Record the job and put it on the queue; returns at once (the worker does the work).

    The language of the request is kept so that the document is written in it."""
    params = {"lang": (get_language() or "fr")[:2], **params}
    job = Job.objects.create(
        kind=kind,
        params=params,
        requested_by=user if user is not None and user.is_authenticated else None,
        plan_id=None if plan is None else plan.pk,
    )
    _enqueue(job)
    return job


@transaction.atomic
def retry_job(user: User | AnonymousUser, job: Job) -> Job:
    """A failed job goes back on the queue (its error is cleared; the attempt is counted)."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.state != Job.State.FAILED:
        return job
    storage.remove(job.file)
    job.state, job.error, job.progress, job.file, job.finished_at = Job.State.QUEUED, "", 0, "", None
    job.save(update_fields=["state", "error", "progress", "file", "finished_at"])
    _enqueue(job)
    return job


def _enqueue(job: Job) -> None:
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)
