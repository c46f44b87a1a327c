from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from balise.plans.models.tree import Node


class PlanThematic(Node):
    """A thematic of a regional plan (kind pgsp)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="thematics")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500)
    history = HistoricalRecords()

    class Meta(Node.Meta):
        verbose_name = _("thematic")
        verbose_name_plural = _("thematics")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PlanMeasure(Node):
    thematic = models.ForeignKey(PlanThematic, on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(_("code"), max_length=10)
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords()

    class Meta(Node.Meta):
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"
