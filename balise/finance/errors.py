"""What finance writes refuse: the `balise.errors` family, said for finance (422 / 409).

A refusal for lack of a role is Django's `PermissionDenied` (403), not one of these.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from balise import errors


class FinanceError(errors.BaliseError):
    pass


class Invalid(errors.Invalid, FinanceError):
    """Invalid input, by field name; nothing was saved."""


class YearClosed(errors.Locked, FinanceError):
    """The year is closed (in finance, or its evaluation in monitoring): nothing of it changes."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            _("The year %(year)s is closed: its money can no longer be changed.") % {"year": year}
        )
