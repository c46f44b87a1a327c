"""Who administers which organisation's members, who may invite whom, and which roles fit which
kind of organisation.

Balise's administrators (superusers) administer every organisation; an organisation's
administrator (the role) administers that organisation only.

Invitations: whoever administers an organisation invites with any of its roles. An editor of a
municipality (or police zone) invites colleagues into that organisation only, and only with a
role that gives nothing the editor lacks: editor, internal evaluator (records values and
self-evaluates, as an editor does) or viewer, never its administrator. Viewers and evaluators
do not invite. The invitation is checked again when it is accepted: one whose sender may no
longer give its role is void.
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


# The roles whose rights are within an editor's, in the order a form offers them.
WITHIN_EDITOR = [Role.MUNICIPALITY_EDITOR, Role.INTERNAL_EVALUATOR, Role.MUNICIPALITY_VIEWER]
# The roles that let their holder invite into their organisation.
INVITING = frozenset({Role.ORGANISATION_ADMINISTRATOR, Role.MUNICIPALITY_EDITOR})


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


def invitable_roles(user: Visitor, organisation: Organisation) -> list[Role]:
    """The roles ``user`` may invite someone into ``organisation`` with (none: may not invite)."""
    if not user.is_authenticated:
        return []
    if administers(user, organisation):
        return roles_for(organisation)
    if organisation.pk in organisations_with(user, {Role.MUNICIPALITY_EDITOR}):
        offered = roles_for(organisation)
        return [role for role in WITHIN_EDITOR if role in offered]
    return []


def inviting_organisations(user: Visitor) -> QuerySet[Organisation]:
    """The organisations ``user`` may invite into: those they administer or edit for."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if is_administrator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisations_with(user, INVITING))


def invites_any(user: Visitor) -> bool:
    return bool(user.is_authenticated and (is_administrator(user) or organisations_with(user, INVITING)))
