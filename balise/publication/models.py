"""Publication choices, one per published plan version, and the site's publication generation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Publication(models.Model):
    """A plan version shown to the public, and which of its parts are shown."""

    plan = models.OneToOneField(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="publication"
    )
    indicators = models.BooleanField(
        _("indicators and targets"), default=True, help_text=_("the indicators of the plan and their targets")
    )
    values = models.BooleanField(
        _("values of closed years"),
        default=False,
        help_text=_("the values and progress of the years whose evaluation is analysed or closed"),
    )
    evaluation = models.BooleanField(
        _("analysed evaluation"),
        default=False,
        help_text=_("the federal analysis, colour and motivation of the analysed or closed years"),
    )
    published_at = models.DateTimeField(_("published at"), auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return str(self.plan)


class PublicationGeneration(models.Model):
    """One row counting publication changes: the public cache is keyed on it, so publishing or
    withdrawing takes effect on the next request whatever the cache backend."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("publication generation")

    def __str__(self) -> str:
        return str(self.number)
