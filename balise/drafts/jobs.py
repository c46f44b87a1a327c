"""Large uploads are read into their draft by a worker (`balise worker`)."""

from __future__ import annotations

from balise.drafts.actions import read_kept_upload
from balise.jobs.models import Job
from balise.jobs.registry import Output, Progress, register


def read_draft(job: Job, progress: Progress) -> Output:
    progress(5)
    return Output(summary={"draft": job.params["draft"], "state": read_kept_upload(int(job.params["draft"]))})


def register_jobs() -> None:
    register(Job.Kind.PLAN_IMPORT, read_draft)
