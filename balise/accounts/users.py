"""The user types: who signs in (``User``, the AUTH_USER_MODEL) and who may be asking
(``Visitor``: ``request.user``, signed in or not). Actions take a ``User``; rules and
selectors take a ``Visitor``."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

Visitor: TypeAlias = User | AnonymousUser

__all__ = ["AuthenticatedRequest", "User", "Visitor", "signed_in"]


class AuthenticatedRequest(HttpRequest):
    """A request behind ``login_required`` (or an API authenticator): its user is signed in."""

    user: User


def signed_in(user: object) -> User | None:
    """``user`` when signed in; None for nobody, an anonymous visitor or Balise itself (as an
    author, an owner)."""
    return user if isinstance(user, User) and user.is_authenticated else None
