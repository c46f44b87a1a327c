"""The one task the queue knows: run a :class:`Job` by its kind's producer."""

from __future__ import annotations

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from balise.jobs import registry, storage
from balise.jobs.models import Job
from balise.jobs.registry import JobRefused

logger = logging.getLogger(__name__)


@task()
def run_job(job_id: int) -> str:
    """Run the job; its own row records success or failure (the task itself always succeeds,
    so a refused report is the user's information, not a crash of the worker)."""
    job = Job.objects.select_related("plan").filter(pk=job_id).first()
    if job is None or job.state == Job.State.DONE:
        return "gone" if job is None else "done"
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.RUNNING, started_at=timezone.now(), progress=0, attempts=job.attempts + 1
    )

    def progress(percent: int) -> None:
        Job.objects.filter(pk=job.pk).update(progress=max(0, min(percent, 99)))

    try:
        output = registry.kind(job.kind).produce(job, progress)
    except JobRefused as exc:
        return _fail(job, str(exc))
    except Exception as exc:  # noqa: BLE001 - any failure is recorded on the job for the user
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        return _fail(
            job,
            _("Unexpected error (%(error)s). The details are in the server's log.")
            % {"error": type(exc).__name__},
        )
    file = storage.save(job.pk, output.file_name, output.content) if output.content is not None else ""
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.DONE,
        progress=100,
        file=file,
        file_name=output.file_name,
        content_type=output.content_type,
        result=output.summary,
        error="",
        finished_at=timezone.now(),
    )
    return "done"


def _fail(job: Job, message: str) -> str:
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, error=message, finished_at=timezone.now())
    return "failed"
