"""Who made a change: django-simple-history reads the author and the reason of a historical
record from attributes set on the instance before it is saved (or bulk-created)."""

from __future__ import annotations

from django.db.models import Model

from balise.accounts.actors import Actor
from balise.accounts.users import Visitor, signed_in

_AUTHOR = "_history_user"
_REASON = "_change_reason"


def set_author(instance: Model, user: Actor | Visitor | None) -> None:
    """The next history record of ``instance`` is ``user``'s (nobody's when not signed in)."""
    setattr(instance, _AUTHOR, signed_in(user))


def set_change_reason(instance: Model, reason: str | None) -> None:
    setattr(instance, _REASON, reason)
