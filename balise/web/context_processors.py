"""Which entries of the top bar a user sees (the pages still check access themselves)."""

from __future__ import annotations

from django.http import HttpRequest

from balise.accounts.administration import invites_any
from balise.accounts.roles import Role
from balise.accounts.rules import has_role, is_administrator, memberships


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    overseer = (
        is_administrator(user)
        or has_role(user, Role.FEDERAL_ANALYST)
        or has_role(user, Role.REGIONAL_COORDINATOR)
    )
    in_a_region = any(region for _role, _org, region in memberships(user))
    return {
        "nav": {
            "overview": overseer,
            "money": overseer,
            "regional": overseer or has_role(user, Role.PARTNER) or in_a_region,
            "people": invites_any(user),
        }
    }
