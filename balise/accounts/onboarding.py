"""How people come in: identities at an external OpenID Connect provider, access requests of
people the provider knows but Balise does not, and invitations sent by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from balise.accounts.roles import Role


class ExternalIdentity(models.Model):
    """The person an OpenID Connect provider calls `subject`, linked to a Balise account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="external_identities",
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=255)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("issuer", "subject"), name="unique_external_identity")]
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")

    def __str__(self) -> str:
        return f"{self.user} · {self.issuer}"


class AccessRequest(models.Model):
    """Someone the provider authenticated who has no account or no role in Balise yet: refused,
    and recorded here until an administrator gives them a role (or leaves them out)."""

    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=255)
    email = models.EmailField(_("e-mail address"), blank=True)
    name = models.CharField(_("name"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), auto_now=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    granted_at = models.DateTimeField(_("granted at"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_requests",
    )

    class Meta:
        ordering = ("-last_attempt_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("issuer", "subject"),
                condition=models.Q(granted_at__isnull=True),
                name="unique_waiting_access_request",
            )
        ]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")

    def __str__(self) -> str:
        return self.email or self.name or self.subject


class Invitation(models.Model):
    """An invitation by e-mail to join an organisation with a role; its link carries a signed,
    expiring token and works once."""

    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    language = models.CharField(_("language"), max_length=8)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} · {self.get_role_display()} · {self.organisation}"
