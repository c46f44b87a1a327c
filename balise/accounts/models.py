from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from balise.accounts.roles import Role
from balise.domain.languages import pick


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        POLICE_ZONE = "police_zone", _("police zone")
        REGION = "region", _("region")
        FEDERAL = "federal", _("federal administration")
        REGIONAL_BODY = "regional_body", _("regional body")
        ASSOCIATION = "association", _("association")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(
        _("code"), max_length=20, blank=True, help_text=_("NIS code or police zone number")
    )
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=200, blank=True)
    region = models.ForeignKey(
        "self", verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    police_zone = models.ForeignKey(
        "self",
        verbose_name=_("police zone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("kind", "name_fr")
        constraints = [
            models.UniqueConstraint(
                fields=("kind", "code"), condition=~models.Q(code=""), name="unique_organisation_code"
            )
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    @property
    def name(self) -> str:
        return pick(get_language(), self.name_fr, self.name_nl, self.name_de)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    # Every role given, changed or taken away, by whom and when (shown on the members page).
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("user", "organisation", "role"), name="unique_membership")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"


from balise.accounts.onboarding import (  # noqa: E402, F401  (so Django registers the models)
    AccessRequest,
    ExternalIdentity,
    Invitation,
)
from balise.accounts.tokens import ApiToken  # noqa: E402, F401  (so Django registers the model)

# The languages Balise writes to people in.
LANGUAGE_CHOICES = [("fr", _("French")), ("nl", _("Dutch")), ("de", _("German"))]


class Preferences(models.Model):
    """What a person chose for themselves. ``language``: the language of the e-mails Balise sends
    them (reminders), set from the language they last chose in the site and changeable on their
    preferences page; blank until then (the site's language)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="preferences",
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        blank=True,
        choices=LANGUAGE_CHOICES,
        help_text=_("The language of the e-mails Balise sends you."),
    )

    class Meta:
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")

    def __str__(self) -> str:
        return str(self.user)
