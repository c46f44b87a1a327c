"""The plan tree: Module → GeneralObjective / StrategicObjective → OperationalObjective →
ExpectedResult / Indicator. Siblings keep their order; ``key`` survives amendments (a new
version copies it), so an indicator keeps its identity from one version to the next."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from balise.domain.targets import Period, Target, TargetKind
from balise.plans.targets import target_of

# The words a person reads for a stored target (the editor's choices, the history's old → new).
TARGET_KIND_LABELS = [
    (TargetKind.COUNT.value, pgettext_lazy("target kind", "count")),
    (TargetKind.PERCENT.value, pgettext_lazy("target kind", "percentage")),
    (TargetKind.HOURS.value, pgettext_lazy("target kind", "hours")),
    (TargetKind.RANGE.value, pgettext_lazy("target kind", "range")),
    (TargetKind.BOOLEAN.value, pgettext_lazy("target kind", "yes/no")),
    (TargetKind.DEADLINE.value, pgettext_lazy("target kind", "deadline")),
]
TARGET_PER_LABELS = [
    (Period.DAY.value, _("per day")),
    (Period.WEEK.value, _("per week")),
    (Period.MONTH.value, _("per month")),
    (Period.YEAR.value, _("per year")),
]
COMPARATOR_LABELS = [(">=", "≥"), (">", ">"), ("=", "="), ("<=", "≤"), ("<", "<")]


class Node(models.Model):
    key = models.UUIDField(_("identity"), default=uuid.uuid4, db_index=True, editable=False)
    order = models.PositiveIntegerField(_("order"), default=0)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    # The node's texts in the plan's other content languages: {"nl": {"title": "…"}} (see
    # balise.domain.translations); the columns hold the text as written, in the plan's language.
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ("order", "id")


class Module(Node):
    class Kind(models.TextChoices):
        COORDINATION = "coordination", _("coordination")
        PHENOMENON = "phenomenon", _("phenomenon")
        SECTOR = "sector", _("sector of activity")
        THEME = "theme", _("transversal theme")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="modules")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.PHENOMENON)
    title = models.CharField(_("title"), max_length=500)
    phenomenon = models.ForeignKey(
        "reference.Phenomenon", verbose_name=_("phenomenon"), null=True, blank=True, on_delete=models.PROTECT
    )
    sector = models.ForeignKey(
        "reference.Sector", verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT
    )
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()
    # The published figures of its phenomenon, set for the plan page by
    # web.plans.tree_cache.attach_context (context.selectors.Series: context sits above plans).
    context_series: list[Any]

    class Meta(Node.Meta):
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.title


class GeneralObjective(Node):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="general_objectives")
    text = models.TextField(_("text"))
    history = HistoricalRecords()

    class Meta(Node.Meta):
        verbose_name = _("general objective")
        verbose_name_plural = _("general objectives")

    def __str__(self) -> str:
        return self.text


class Service(models.Model):
    """A service or dispositif carrying objectives (GDP, SCAPI, Médiation locale…)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ("name",)
        constraints = [models.UniqueConstraint(fields=("organisation", "name"), name="unique_service_name")]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name


class StrategicObjective(Node):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="strategic_objectives")
    title = models.TextField(_("title"))
    catalogue_entry = models.ForeignKey(
        "reference.ObjectiveCatalogueEntry",
        verbose_name=_("catalogue objective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    domain = models.TextField(_("domain"), blank=True)
    service = models.ForeignKey(
        Service, verbose_name=_("service"), null=True, blank=True, on_delete=models.PROTECT
    )
    pilot = models.CharField(
        _("pilot"), max_length=300, blank=True, help_text=_("who steers the objective (zonal security plans)")
    )
    history = HistoricalRecords()
    # Its indicators not under an operational objective, when fetched by `plans.selectors`
    # (Prefetch to_attr): not a column.
    own_indicators: list[Indicator]

    class Meta(Node.Meta):
        verbose_name = _("strategic objective")
        verbose_name_plural = _("strategic objectives")

    def __str__(self) -> str:
        return self.title


class OperationalObjective(Node):
    strategic_objective = models.ForeignKey(
        StrategicObjective, on_delete=models.CASCADE, related_name="operational_objectives"
    )
    title = models.TextField(_("title"))
    approach = models.TextField(
        _("approach"), blank=True, help_text=_("how the action is carried out (zonal security plans)")
    )
    pilot = models.CharField(_("pilot"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta(Node.Meta):
        verbose_name = _("operational objective")
        verbose_name_plural = _("operational objectives")

    def __str__(self) -> str:
        return self.title


class ExpectedResult(Node):
    operational_objective = models.ForeignKey(
        OperationalObjective, on_delete=models.CASCADE, related_name="results"
    )
    text = models.TextField(_("text"))
    history = HistoricalRecords()

    class Meta(Node.Meta):
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")

    def __str__(self) -> str:
        return self.text


class Indicator(Node):
    """An indicator with its typed target, stored parsed next to the raw text (never re-parsed)."""

    strategic_objective = models.ForeignKey(
        StrategicObjective, on_delete=models.CASCADE, related_name="all_indicators"
    )
    operational_objective = models.ForeignKey(
        OperationalObjective, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    text = models.TextField(_("text"))
    target_kind = models.CharField(_("target kind"), max_length=10, blank=True, choices=TARGET_KIND_LABELS)
    target_comparator = models.CharField(_("comparator"), max_length=2, blank=True, choices=COMPARATOR_LABELS)
    target_value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_per = models.CharField(_("per"), max_length=5, blank=True, choices=TARGET_PER_LABELS)
    target_deadline = models.DateField(_("deadline"), null=True, blank=True)
    target_upper = models.DecimalField(
        _("upper bound"), max_digits=16, decimal_places=4, null=True, blank=True, help_text=_("of a range")
    )
    target_raw = models.CharField(_("target as written"), max_length=300, blank=True)
    # The SPF IBZ columns when an imported document carried them (evaluations proper are per year).
    imported_analysis = models.TextField(_("analysis (imported)"), blank=True)
    imported_colour = models.CharField(_("colour code (imported)"), max_length=40, blank=True)
    imported_motivation = models.TextField(_("motivation (imported)"), blank=True)
    reference_value = models.CharField(
        _("reference value"),
        max_length=300,
        blank=True,
        help_text=_("the value measured before the plan, as written (zonal security plans)"),
    )
    history = HistoricalRecords()

    class Meta(Node.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.text

    @property
    def target(self) -> Target | None:

        return target_of(self)


class IndicatorDimension(models.Model):
    """A dimension an indicator's values are broken down by (sex, age band …), in its order.

    Values are then entered per cell, one category of each dimension, and the total is computed
    (`balise.domain.disaggregation`)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="dimension_links"
    )
    dimension = models.ForeignKey(
        "reference.Dimension", verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ("indicator", "order", "id")
        constraints = [
            models.UniqueConstraint(fields=("indicator", "dimension"), name="unique_indicator_dimension")
        ]
        verbose_name = _("dimension of an indicator")
        verbose_name_plural = _("dimensions of indicators")

    def __str__(self) -> str:
        return f"{self.indicator_id} · {self.dimension_id}"
