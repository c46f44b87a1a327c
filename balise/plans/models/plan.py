from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class PlanKind(models.TextChoices):
    PSSP = "pssp", _("Strategic security and prevention plan (PSSP/SVPP)")
    CSS = "css", _("Security and society contract (CSS)")
    PGSP = "pgsp", _("Regional global security and prevention plan (PGSP)")
    PLPP = "plpp", _("Local prevention and proximity plan (PLPP)")
    PZS = "pzs", _("Zonal security plan (PZS)")
    OTHER = "other", _("Other plan")


# The plans the federal administration (SPF Intérieur / IBZ) funds and evaluates: the strategic
# security and prevention plans and the security and society contracts they replaced.
FEDERAL_KINDS = (PlanKind.PSSP, PlanKind.CSS)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "draft")
    SIGNED = "signed", pgettext_lazy("plan status", "signed")
    SUPERSEDED = "superseded", pgettext_lazy("plan status", "superseded")
    CLOSED = "closed", pgettext_lazy("plan status", "closed")


class Plan(models.Model):
    """One version of a plan. Versions of the same plan share ``lineage``."""

    lineage = models.UUIDField(_("lineage"), default=uuid.uuid4, db_index=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=500)
    municipality = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    municipality_name = models.CharField(
        _("municipality as written"),
        max_length=200,
        blank=True,
        help_text=_("when not matched to a reference"),
    )
    period_start = models.DateField(_("start of period"), null=True, blank=True)
    period_end = models.DateField(_("end of period"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    language = models.CharField(_("language"), max_length=5, default="fr")
    # The title in the other content languages ({"nl": {"title": "…"}}); the tree's nodes carry theirs.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    parties = models.JSONField(_("parties"), default=list, blank=True)
    annual_amount_eur = models.DecimalField(
        _("annual allocation (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source_name = models.CharField(_("source document"), max_length=300, blank=True)
    source_layout = models.CharField(_("source layout"), max_length=40, blank=True)
    content_hash = models.CharField(_("content fingerprint"), max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    # Bumped by every change to the plan's tree: pages cache the rendered tree by it.
    content_revision = models.PositiveIntegerField(_("content revision"), default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["content_revision"])

    class Meta:
        ordering = ("-period_start", "title", "version")
        constraints = [models.UniqueConstraint(fields=("lineage", "version"), name="unique_plan_version")]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def municipality_label(self) -> str:
        return self.municipality.name if self.municipality else self.municipality_name
