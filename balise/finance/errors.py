"""What finance writes refuse; pages and the API turn them into messages (422 / 409).

A refusal for lack of a role is Django's `PermissionDenied` (403), not one of these.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


class FinanceError(Exception):
    pass


class Invalid(FinanceError):
    """Invalid input, by field name; nothing was saved."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items()))


class YearClosed(FinanceError):
    """The year is closed (in finance, or its evaluation in monitoring): nothing of it changes."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            _("The year %(year)s is closed: its money can no longer be changed.") % {"year": year}
        )
