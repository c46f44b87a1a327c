"""Single sign-on through an OpenID Connect provider (the federal FAS/CSAM, a region's or a
municipality's own identity provider): mozilla-django-oidc's authorisation-code flow, with
Balise's rule for who gets in.

A person the provider authenticated gets in when their identity (issuer, subject) is linked to an
active Balise account that holds a role, or, on their first sign-in, when the e-mail address the
provider gives belongs to exactly one such account (the identity is then linked). Anyone else is
refused and recorded as an `AccessRequest` that an administrator answers by giving a role.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from balise.accounts.invitations import accept_by_sso
from balise.accounts.models import Membership
from balise.accounts.onboarding import AccessRequest, ExternalIdentity
from balise.errors import BaliseError

log = logging.getLogger("balise.security")

# The session key under which a refused sign-in leaves its access request for the refusal page.
REFUSED_SESSION_KEY = "balise_sso_access_request"
# The session key of an invitation accepted by signing in through the provider.
INVITATION_SESSION_KEY = "balise_sso_invitation"


def sso_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def may_enter(user: User) -> bool:
    return user.is_active and (user.is_superuser or Membership.objects.filter(user=user).exists())


class BaliseOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        if not self.verify_claims(claims) or claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("the provider's user information is not about the signed-in subject")
        issuer = str(payload.get("iss") or settings.OIDC_OP_ISSUER)
        expected = getattr(settings, "OIDC_OP_ISSUER", "")
        if expected and issuer != expected:
            raise SuspiciousOperation(f"identity token from issuer {issuer!r}, expected {expected!r}")
        subject = str(claims["sub"])
        user = self._linked_user(issuer, subject, claims)
        token = self.request.session.pop(INVITATION_SESSION_KEY, None)
        if user is None and token:
            try:
                user = accept_by_sso(token, issuer, subject)
            except BaliseError as error:
                log.warning("invitation not accepted: %s", error, extra={"event": "sso_invitation_refused"})
        if user is not None and may_enter(user):
            self._forget_refusal()
            return user
        self._record_refusal(issuer, subject, claims)
        return None

    def _linked_user(self, issuer: str, subject: str, claims: dict[str, Any]) -> User | None:
        identity = (
            ExternalIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
        )
        if identity is not None:
            return identity.user
        email = str(claims.get(settings.OIDC_EMAIL_CLAIM) or "")
        if not email or claims.get("email_verified") is False:
            return None
        matches = list(get_user_model().objects.filter(email__iexact=email, is_active=True)[:2])
        if len(matches) != 1 or not may_enter(matches[0]):
            return None
        ExternalIdentity.objects.create(user=matches[0], issuer=issuer, subject=subject)
        log.info(
            "single sign-on identity linked",
            extra={"event": "sso_linked", "username": matches[0].get_username(), "issuer": issuer},
        )
        return matches[0]

    def _record_refusal(self, issuer: str, subject: str, claims: dict[str, Any]) -> None:
        name = " ".join(str(claims.get(key) or "") for key in ("given_name", "family_name")).strip()
        fields = {
            "email": str(claims.get(settings.OIDC_EMAIL_CLAIM) or "")[:254],
            "name": (name or str(claims.get("name") or ""))[:300],
            "language": (get_language() or "")[:8],
        }
        with transaction.atomic():
            request, created = AccessRequest.objects.get_or_create(
                issuer=issuer, subject=subject, granted_at=None, defaults=fields
            )
            if not created:
                AccessRequest.objects.filter(pk=request.pk).update(
                    attempts=F("attempts") + 1, last_attempt_at=timezone.now(), **fields
                )
        self.request.session[REFUSED_SESSION_KEY] = request.pk
        log.warning(
            "single sign-on refused: no role",
            extra={"event": "sso_refused", "username": fields["email"], "issuer": issuer},
        )

    def _forget_refusal(self) -> None:
        self.request.session.pop(REFUSED_SESSION_KEY, None)
