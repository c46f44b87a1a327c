"""Invitations by e-mail: a signed link that expires after BALISE_INVITATION_DAYS and works once.

The e-mail is written in the language the inviter chose for the invitee (Balise's accounts have
no language of their own), by default the language of the inviter's page.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from balise.accounts.actions import account_for_email, add_membership, check_role
from balise.accounts.administration import invitable_roles
from balise.accounts.history import set_author
from balise.accounts.models import Membership, Organisation
from balise.accounts.onboarding import ExternalIdentity, Invitation
from balise.errors import Refused

SALT = "balise.accounts.invitation"


def token_for(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=SALT)


def invitation_for_token(token: str) -> Invitation:
    """The invitation of a link still valid: signed by this installation, not expired, not used."""
    max_age = settings.BALISE_INVITATION_DAYS * 24 * 3600
    try:
        pk = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise Refused(_("This invitation has expired: ask for a new one.")) from error
    except signing.BadSignature as error:
        raise Refused(_("This invitation link is not valid.")) from error
    invitation = Invitation.objects.select_related("organisation").filter(pk=pk).first()
    if invitation is None:
        raise Refused(_("This invitation link is not valid."))
    if invitation.accepted_at is not None:
        raise Refused(_("This invitation was already used."))
    return invitation


@transaction.atomic
def invite(
    acting: User, organisation: Organisation, email: str, role: str, language: str, link_base: str
) -> Invitation:
    """Records the invitation and sends its link (``link_base`` + token) by e-mail.

    Refused (PermissionDenied) unless ``acting`` may invite into ``organisation`` with ``role``
    (`administration.invitable_roles`: its administrators any role, its editors no role above
    their own); a role the organisation does not have is `Invalid`."""
    allowed = invitable_roles(acting, organisation)
    if not allowed:
        raise PermissionDenied
    checked = check_role(organisation, role)
    if checked not in allowed:
        raise PermissionDenied
    invitation = Invitation(
        email=email.strip(), organisation=organisation, role=checked, language=language, invited_by=acting
    )
    set_author(invitation, acting)
    invitation.save()
    link = f"{link_base}{token_for(invitation)}/"
    with translation.override(language):
        context = {
            "invitation": invitation,
            "organisation": organisation.name,
            "role": invitation.get_role_display(),
            "inviter": acting.get_full_name() or acting.get_username(),
            "link": link,
            "days": settings.BALISE_INVITATION_DAYS,
        }
        subject = render_to_string("accounts/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/invitation_email.txt", context)
    # Sent inside the transaction: an e-mail that cannot be sent leaves no invitation behind.
    send_mail(subject, body, None, [invitation.email])
    return invitation


@transaction.atomic
def accept(
    invitation_id: int, account: User | None, password: str = "", first_name: str = "", last_name: str = ""
) -> Membership:
    """The invitee accepts: into ``account`` (the logged-in account whose e-mail address it was
    sent to), or into a new account with ``password``. The invitation is used up."""
    invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation_id)
    if invitation.accepted_at is not None:
        raise Refused(_("This invitation was already used."))
    if account is not None and account.email.lower() != invitation.email.lower():
        raise Refused(_("This invitation was sent to another e-mail address."))
    role = check_role(invitation.organisation, invitation.role)
    inviter = invitation.invited_by
    if inviter is not None and (
        not inviter.is_active or role not in invitable_roles(inviter, invitation.organisation)
    ):
        # The sender lost the right to give this role since (role taken away, deactivated).
        raise Refused(_("This invitation is no longer valid: ask for a new one."))
    if account is None:
        account = account_for_email(invitation.email, first_name=first_name, last_name=last_name)
        if account.has_usable_password():
            raise Refused(_("An account already has this e-mail address: log in to accept the invitation."))
        account.set_password(password)
        account.save(update_fields=["password"])
    membership = add_membership(invitation.invited_by or account, account, invitation.organisation, role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = account
    set_author(invitation, account)
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def accept_by_sso(token: str, issuer: str, subject: str) -> User:
    """The invitee signed in through single sign-on from the invitation's page: the account of the
    invitation's e-mail address (new if need be) is linked to their identity and given the role."""
    invitation = invitation_for_token(token)
    account = account_for_email(invitation.email)
    ExternalIdentity.objects.get_or_create(issuer=issuer, subject=subject, defaults={"user": account})
    accept(invitation.pk, account)
    return account
