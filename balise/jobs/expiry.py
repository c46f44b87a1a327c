"""Files made by jobs are kept for a while, then deleted by a worker: reports hold personal and
financial data that should not pile up on the server, and they can always be made again."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from balise.jobs import storage
from balise.jobs.models import Job

logger = logging.getLogger(__name__)


def expire_files(keep_seconds: float | None = None, now: datetime | None = None) -> int:
    """Deletes the file of every job finished more than ``keep_seconds`` ago (the job stays, and
    says when its file was deleted), and any file left under the jobs folder that no job names
    and that is older than that (a job deleted with its plan, a write cut short). Returns the
    number of files deleted."""
    if keep_seconds is None:
        keep_seconds = settings.BALISE_JOB_FILES_KEEP_HOURS * 3600
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=keep_seconds)
    deleted = 0
    with transaction.atomic():
        expired = list(
            Job.objects.select_for_update(skip_locked=True)
            .filter(finished_at__lt=cutoff)
            .exclude(file="")
            .values_list("pk", "file")
        )
        for _pk, relative in expired:
            storage.remove(relative)
        if expired:
            Job.objects.filter(pk__in=[pk for pk, _file in expired]).update(file="", file_expired_at=now)
            deleted += len(expired)
    folder = storage.root() / storage.JOBS_DIR
    if folder.is_dir():
        named = set(Job.objects.exclude(file="").values_list("file", flat=True))
        for path in folder.iterdir():
            relative = f"{storage.JOBS_DIR}/{path.name}"
            if relative in named or not path.is_file():
                continue
            if datetime.fromtimestamp(path.stat().st_mtime, tz=now.tzinfo) < cutoff:
                path.unlink(missing_ok=True)
                deleted += 1
    if deleted:
        logger.info("deleted %d job file(s) older than %.0f h", deleted, keep_seconds / 3600)
    return deleted
