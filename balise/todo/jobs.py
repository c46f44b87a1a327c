"""The reminder e-mails as a background job (started each day by a worker, see balise.jobs.worker)."""

from __future__ import annotations

from datetime import date

from balise.jobs.models import Job
from balise.jobs.registry import Output, Progress, register
from balise.todo.reminders import send_reminders


def reminders(job: Job, progress: Progress) -> Output:
    """Parameters: ``date`` (ISO, default today)."""
    day = job.params.get("date")
    outcome = send_reminders(date.fromisoformat(day) if day else None)
    return Output(summary={"sent": outcome.sent, "items": outcome.items, "skipped": outcome.skipped})


def register_jobs() -> None:
    register(Job.Kind.REMINDERS, reminders)
