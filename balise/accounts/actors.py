"""Who acts: a person (a `User`), or Balise itself where no person does.

Every write takes the acting user and checks it through the same `rules` predicates the pages
use (`require`). Where no person acts (the command line without ``--user``, scheduled jobs, the
demo and reference loaders, benchmarks) the caller says so by passing `SYSTEM`, never ``None``:
it passes every rule, as an administrator would, and history records no author for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from balise.accounts.users import Visitor


class SystemActor:
    """Balise itself. Looks like an authenticated administrator to the rules; never a row."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = True
    is_staff = False
    pk = None
    id = None
    # What `accounts.rules.memberships` caches on a user: none, and no query to find out.
    _balise_memberships: list[tuple[str, int, int | None]] = []
    _balise_zones: set[int] = set()

    def get_username(self) -> str:
        return "balise"

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True

    def __str__(self) -> str:
        return "balise (system)"


SYSTEM = SystemActor()

Actor: TypeAlias = User | SystemActor
"""Who performs a write: a person, or Balise itself (`SYSTEM`)."""


def require(rule: Callable[..., bool], user: Actor | Visitor | None, *objects: object) -> None:
    """Refuse with `PermissionDenied` unless ``rule(user, *objects)`` holds."""
    if user is None or not rule(user, *objects):
        raise PermissionDenied
