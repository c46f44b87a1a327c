"""What monitoring writes refuse: the `balise.errors` family, said for monitoring.

Refusals for lack of a role are Django's `PermissionDenied` (403 everywhere), not these.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from balise import errors


class MonitoringError(errors.BaliseError):
    pass


class Invalid(errors.Invalid, MonitoringError):
    """Invalid values; ``errors`` by field ("amount") or, in a bulk entry, "<indicator_id>.amount"."""


class YearLocked(errors.Locked, MonitoringError):
    """The evaluation of ``year`` is submitted or closed: its values can no longer change."""

    def __init__(self, year: int, state: str = "") -> None:
        self.year = year
        self.state = state
        super().__init__(
            _(
                "The evaluation of %(year)s has been submitted: its values can no longer be changed "
                "until an administrator reopens it."
            )
            % {"year": year}
        )


class StaleEdit(errors.StaleEdit, MonitoringError):
    """Someone else saved first; ``current`` is their version (None if it was deleted)."""

    def __init__(self, current: Any, submitted: dict[str, Any] | None = None) -> None:
        super().__init__(
            current,
            submitted,
            _("This value was changed by someone else while you were editing it. Review their version."),
        )


class TransitionRefused(errors.Refused, MonitoringError):
    """A change of state, or an edit, that the evaluation's state does not allow."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)
