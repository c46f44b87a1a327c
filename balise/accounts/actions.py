"""Writes about people: giving access, roles, deactivation. Each is atomic, takes the acting user
and checks that they administer the organisation concerned (Django's PermissionDenied if not).

Every role given, changed or taken away is a `Membership` history record (django-simple-history)
naming the acting user: the audit trail shown on the members page.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balise.accounts.actors import require
from balise.accounts.administration import administers, roles_for
from balise.accounts.history import set_author
from balise.accounts.models import Membership, Organisation
from balise.accounts.onboarding import AccessRequest, ExternalIdentity
from balise.accounts.roles import Role
from balise.accounts.rules import is_administrator
from balise.errors import Invalid, NotFound, Refused


def check_administers(acting: User, organisation: Organisation) -> None:
    if not administers(acting, organisation):
        raise PermissionDenied


def check_role(organisation: Organisation, role: str) -> Role:
    if role not in roles_for(organisation):
        raise Invalid({"role": [_("This role does not exist in this organisation.")]})
    return Role(role)


def add_membership(acting: User, user: User, organisation: Organisation, role: Role) -> Membership:
    existing = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    if existing is not None:
        return existing
    membership = Membership(user=user, organisation=organisation, role=role)
    # The history record names who gave the role (outside a request too: commands, tests).
    set_author(membership, acting)
    membership.save()
    return membership


def _unique_username(email: str) -> str:
    User = get_user_model()
    base = email.lower()[:140] or "user"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def account_for_email(email: str, first_name: str = "", last_name: str = "") -> User:
    """The account with this e-mail address, or a new one without a usable password."""
    User = get_user_model()
    matches = list(User.objects.filter(email__iexact=email)[:2]) if email else []
    if len(matches) > 1:
        raise Refused(_("Several accounts have this e-mail address; give the role from the Django admin."))
    if matches:
        user = matches[0]
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        return user
    user = User(username=_unique_username(email), email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def grant_access(acting: User, access_request_id: int, organisation: Organisation, role: str) -> Membership:
    """Gives a person who asked for access through single sign-on a role in an organisation:
    their account (new, or the one with their e-mail address) is linked to their identity at
    the provider, so that their next sign-in lets them in."""
    check_administers(acting, organisation)
    checked_role = check_role(organisation, role)
    request = AccessRequest.objects.select_for_update().filter(pk=access_request_id).first()
    if request is None or request.granted_at is not None:
        raise NotFound(_("This access request no longer waits for an answer."))
    first, _sep, last = request.name.partition(" ")
    user = account_for_email(request.email, first_name=first[:150], last_name=last[:150])
    ExternalIdentity.objects.get_or_create(
        issuer=request.issuer, subject=request.subject, defaults={"user": user}
    )
    membership = add_membership(acting, user, organisation, checked_role)
    request.granted_at = timezone.now()
    request.granted_by = acting
    request.user = user
    request.save(update_fields=["granted_at", "granted_by", "user"])
    return membership


@transaction.atomic
def give_role(acting: User, user: User, organisation: Organisation, role: str) -> Membership:
    check_administers(acting, organisation)
    return add_membership(acting, user, organisation, check_role(organisation, role))


@transaction.atomic
def take_role(acting: User, membership_id: int, organisation: Organisation) -> None:
    check_administers(acting, organisation)
    membership = Membership.objects.filter(pk=membership_id, organisation=organisation).first()
    if membership is None:
        raise NotFound(_("This role no longer exists."))
    if membership.user_id == acting.pk and membership.role == Role.ORGANISATION_ADMINISTRATOR:
        raise Refused(_("You cannot take away your own administrator role."))
    set_author(membership, acting)
    membership.delete()


@transaction.atomic
def deactivate_member(acting: User, user_id: int, organisation: Organisation) -> int:
    """Takes away every role of the person in the organisation; an account left with no role
    anywhere is deactivated (it can no longer log in). Returns the number of roles removed."""
    check_administers(acting, organisation)
    if user_id == acting.pk:
        raise Refused(_("You cannot deactivate yourself."))
    memberships = list(Membership.objects.filter(user_id=user_id, organisation=organisation))
    if not memberships:
        raise NotFound(_("This person is not a member of the organisation."))
    for membership in memberships:
        set_author(membership, acting)
        membership.delete()
    User = get_user_model()
    if not Membership.objects.filter(user_id=user_id).exists():
        User.objects.filter(pk=user_id, is_superuser=False).update(is_active=False)
    return len(memberships)


@transaction.atomic
def change_role(acting: User, membership_id: int, organisation: Organisation, role: str) -> Membership:
    """Replaces one role of a member by another (one history record: the change)."""
    check_administers(acting, organisation)
    new_role = check_role(organisation, role)
    membership = (
        Membership.objects.select_for_update().filter(pk=membership_id, organisation=organisation).first()
    )
    if membership is None:
        raise NotFound(_("This role no longer exists."))
    if membership.role == new_role:
        return membership
    if membership.user_id == acting.pk and membership.role == Role.ORGANISATION_ADMINISTRATOR:
        raise Refused(_("You cannot take away your own administrator role."))
    if Membership.objects.filter(
        user_id=membership.user_id, organisation=organisation, role=new_role
    ).exists():
        raise Refused(_("This person already holds this role."))
    membership.role = new_role
    set_author(membership, acting)
    membership.save(update_fields=["role"])
    return membership


# Which kind of organisation each link of an organisation must point to.
_LINKS = {"region": Organisation.Kind.REGION, "police_zone": Organisation.Kind.POLICE_ZONE}


def _wrong_link(field: str) -> str:
    return _("Choose a region.") if field == "region" else _("Choose a police zone.")


@transaction.atomic
def create_organisation(acting: User, organisation: Organisation) -> Organisation:
    """Saves a new organisation (a municipality, a police zone, an association…) described by
    an unsaved ``organisation``. Only Balise's administrators create organisations; its region
    must be a region and its police zone a police zone; a code is unique within a kind."""
    require(is_administrator, acting)
    if organisation.pk is not None:
        raise Refused(_("This organisation already exists."))
    errors: dict[str, list[str]] = {}
    for field, kind in _LINKS.items():
        linked = getattr(organisation, field)
        if linked is not None and linked.kind != kind:
            errors.setdefault(field, []).append(_wrong_link(field))
    code = organisation.code.strip()
    if code and Organisation.objects.filter(kind=organisation.kind, code=code).exists():
        errors.setdefault("code", []).append(_("An organisation of this kind already has this code."))
    try:
        # The code's uniqueness is checked above, with a message that says what it is.
        organisation.full_clean(validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field if field != "__all__" else "", []).extend(messages)
    if errors:
        raise Invalid(errors)
    try:
        organisation.save()
    except IntegrityError as error:  # the same code saved meanwhile by another request
        raise Invalid({"code": [_("An organisation of this kind already has this code.")]}) from error
    return organisation
