"""Minimal money of a plan: the contingents. Amounts are computed from FTE and rates."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from balise.domain import money


class Contingent(models.Model):
    """A supplementary contingent (e.g. Gardiens de la paix "346") of a plan."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="contingents")
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    fte = models.DecimalField(_("FTE"), max_digits=8, decimal_places=2, null=True, blank=True)
    monthly_rate_eur = models.DecimalField(
        _("monthly intervention per FTE (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    equipment_eur = models.DecimalField(
        _("equipment and training (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    equipment_cap_per_fte_eur = models.DecimalField(
        _("equipment cap per FTE (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ("order", "id")
        verbose_name = _("contingent")
        verbose_name_plural = _("contingents")

    def __str__(self) -> str:
        return self.name

    @property
    def personnel_eur(self) -> Decimal | None:
        if self.fte is None or self.monthly_rate_eur is None or self.months is None:
            return None
        return money.personnel_amount(self.fte, self.monthly_rate_eur, self.months)

    @property
    def annual_amount_eur(self) -> Decimal | None:
        return money.contingent_total(self.personnel_eur, self.equipment_eur)
