"""Which function does each kind of job. The packages that know how register here when Django
starts (their ``AppConfig.ready``), so the queue below them never imports them.

A producer takes the job and a ``progress(percent)`` callback and returns an :class:`Output`; it
raises :class:`JobRefused` with a message for the user when the job cannot be done as asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from balise import errors

if TYPE_CHECKING:
    from balise.jobs.models import Job

Progress = Callable[[int], None]


class JobRefused(errors.Invalid):
    """The job cannot be done as asked; the message is shown to the user."""


@dataclass(frozen=True)
class Output:
    content: bytes | None = None
    file_name: str = ""
    content_type: str = ""
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobKind:
    produce: Callable[[Job, Progress], Output]
    # Besides reading the job's plan (always checked): raises Http404/PermissionDenied to refuse.
    may_read: Callable[[Any, Job], None] | None = None


_KINDS: dict[str, JobKind] = {}


def register(
    kind: str, produce: Callable[[Job, Progress], Output], may_read: Callable[[Any, Job], None] | None = None
) -> None:
    _KINDS[kind] = JobKind(produce, may_read)


def kind(name: str) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"no producer registered for jobs of kind {name!r}") from None
