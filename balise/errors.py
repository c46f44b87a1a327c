"""The one family of refusals. Every write that says no raises one of these, each app subclasses
them (`balise.monitoring.errors.YearLocked` is a `Locked`), and one set of handlers turns them
into what the user sees: a message by the field on a page, a 4xx JSON body with the field path in
the API, one line and exit code 2 in the CLI. Messages speak in the user's terms and never name a
CLI option or an HTTP detail: the handler adds that where it applies.

Lack of a role is Django's ``PermissionDenied`` (403), not one of these. Standard library only.
"""

from __future__ import annotations

from typing import Any


class BaliseError(Exception):
    """A request refused for a reason the user can act on; ``str()`` says why."""


class Invalid(BaliseError):
    """Invalid input, by field path (``"amount"``, ``"rows.12.amount"``); nothing was saved.

    Either several messages by field, ``Invalid({"amount": ["Enter a number."]})``, or one
    message, ``Invalid("plan.docx: not a Word document.", field="file")``, whose ``str()`` is
    the message alone (``""`` is the input as a whole)."""

    def __init__(self, errors: dict[str, list[str]] | str, field: str = "") -> None:
        if isinstance(errors, str):
            self.errors = {field: [errors]}
            super().__init__(errors)
        else:
            self.errors = errors
            super().__init__("; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items()))

    def by_field(self) -> list[tuple[str, str]]:
        """``[(field path, message), …]``, one pair per message."""
        return [(name, message) for name, messages in self.errors.items() for message in messages]


class Refused(BaliseError):
    """What was asked is not allowed in the current state of things (HTTP 409)."""


class Locked(Refused):
    """The thing is closed to changes (a submitted evaluation, a closed year, an adopted plan)."""


class StaleEdit(Refused):
    """Someone else saved first; ``current`` is their version (None if it was deleted),
    ``submitted`` what this user sent, so both can be shown side by side."""

    def __init__(self, current: Any, submitted: dict[str, Any] | None = None, message: str = "") -> None:
        self.current = current
        self.submitted = submitted or {}
        super().__init__(message)


class NotFound(BaliseError):
    """What was named does not exist, or the user may not know it exists (HTTP 404)."""


# HTTP status of each kind of refusal, for the API and the pages.
STATUS = {Invalid: 422, StaleEdit: 409, Locked: 409, Refused: 409, NotFound: 404}


def status_of(error: BaliseError) -> int:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 400
