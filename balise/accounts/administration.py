"""Who administers which organisation's members, and which roles fit which kind of organisation.

Balise's administrators (superusers) administer every organisation; an organisation's
administrator (the role) administers that organisation only.
"""

from __future__ import annotations

from django.db.models import QuerySet

from balise.accounts.models import Organisation
from balise.accounts.roles import Role
from balise.accounts.rules import is_administrator, organisations_with
from balise.accounts.users import Visitor

Kind = Organisation.Kind
_MUNICIPAL = [Role.MUNICIPALITY_EDITOR, Role.MUNICIPALITY_VIEWER, Role.INTERNAL_EVALUATOR]
ROLES_BY_KIND: dict[str, list[Role]] = {
    Kind.MUNICIPALITY: _MUNICIPAL,
    Kind.POLICE_ZONE: _MUNICIPAL,
    Kind.REGION: [Role.REGIONAL_COORDINATOR],
    Kind.FEDERAL: [Role.FEDERAL_ANALYST],
    Kind.REGIONAL_BODY: [Role.PARTNER],
    Kind.ASSOCIATION: [Role.PARTNER],
}


def roles_for(organisation: Organisation) -> list[Role]:
    """The roles a member of this organisation may hold (its administrator's role included)."""
    return [*ROLES_BY_KIND.get(organisation.kind, []), Role.ORGANISATION_ADMINISTRATOR]


def administered_organisations(user: Visitor) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    if is_administrator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisations_with(user, {Role.ORGANISATION_ADMINISTRATOR}))


def administers(user: Visitor, organisation: Organisation) -> bool:
    return bool(
        user.is_authenticated
        and (
            is_administrator(user)
            or organisation.pk in organisations_with(user, {Role.ORGANISATION_ADMINISTRATOR})
        )
    )


def administers_any(user: Visitor) -> bool:
    return bool(
        user.is_authenticated
        and (is_administrator(user) or organisations_with(user, {Role.ORGANISATION_ADMINISTRATOR}))
    )
