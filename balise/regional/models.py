"""A region's plan and the work it funds.

RegionalPlan ── the imported Plan(kind="pgsp") with its thematics and measures, for one region
├─ TransversalMission
└─ Project (responsible Partner, years) ── ProjectMeasure (primary or secondary) ── PlanMeasure
   ├─ OutputDefinition (label, unit, yearly target)
   └─ OutputReport (year, state, narrative) ── OutputValue (definition, value)
      ├─ OutputEvidence (an uploaded file)
      └─ OutputTransition (who moved it from which state to which, with the comment)
Partner (region, category) ── Subsidy (year, amount, legal basis, call)
ObjectiveLink: a municipal plan's strategic or operational objective ── PlanMeasure
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from balise.plans.models import OperationalObjective, StrategicObjective


class PartnerCategory(models.TextChoices):
    POLICE_ZONE = "police_zone", _("police zone")
    MUNICIPALITY = "municipality", _("municipality (local plan)")
    LISA_ANTENNA = "lisa_antenna", _("LISA antenna")
    REGIONAL_BODY = "regional_body", _("regional body")
    ASSOCIATION_CALL = "association_call", _("association (call for projects)")
    ASSOCIATION_OTHER = "association_other", _("association (outside the call for projects)")


class RegionalPlan(models.Model):
    """The regional layer of one plan: which region runs it and which measure catalogue it uses."""

    plan = models.OneToOneField(
        "plans.Plan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="regional",
        limit_choices_to={"kind": "pgsp"},
    )
    region = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="regional_plans",
        limit_choices_to={"kind": "region"},
    )
    catalogue = models.CharField(
        _("catalogue"),
        max_length=40,
        default="pgsp-2021-2024",
        help_text=_("the reference catalogue of thematics and measure codes"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ("-plan__period_start", "pk")
        verbose_name = _("regional plan")
        verbose_name_plural = _("regional plans")

    def __str__(self) -> str:
        return self.plan.title

    @property
    def years(self) -> tuple[int, int] | None:
        start, end = self.plan.period_start, self.plan.period_end
        return (start.year, end.year) if start and end else None


class TransversalMission(models.Model):
    regional_plan = models.ForeignKey(RegionalPlan, on_delete=models.CASCADE, related_name="missions")
    code = models.CharField(_("code"), max_length=10, blank=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ("order", "pk")
        verbose_name = _("transversal mission")
        verbose_name_plural = _("transversal missions")

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class Partner(models.Model):
    """Someone the region funds. ``organisation`` ties it to accounts: members of that organisation
    with the partner role update the outputs of its projects."""

    region = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=300)
    category = models.CharField(_("category"), max_length=20, choices=PartnerCategory.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnerships",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ("category", "name")
        constraints = [models.UniqueConstraint(fields=("region", "name"), name="unique_partner_name")]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class Subsidy(models.Model):
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="subsidies"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    call = models.CharField(_("call for projects"), max_length=200, blank=True)
    project = models.ForeignKey(
        "Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidies",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ("-year", "partner__name", "pk")
        constraints = [models.CheckConstraint(condition=Q(amount_eur__gte=0), name="subsidy_not_negative")]
        verbose_name = _("subsidy")
        verbose_name_plural = _("subsidies")

    def __str__(self) -> str:
        return f"{self.partner} {self.year}: {self.amount_eur}"


class Project(models.Model):
    regional_plan = models.ForeignKey(
        RegionalPlan, verbose_name=_("regional plan"), on_delete=models.CASCADE, related_name="projects"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("responsible partner"), on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    year_start = models.PositiveSmallIntegerField(_("first year"))
    year_end = models.PositiveSmallIntegerField(_("last year"))
    measures = models.ManyToManyField(
        "plans.PlanMeasure", through="ProjectMeasure", related_name="projects", verbose_name=_("measures")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ("title", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(year_end__gte=models.F("year_start")), name="project_years")
        ]
        indexes = [models.Index(fields=("year_start", "year_end"))]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        return (
            str(self.year_start) if self.year_start == self.year_end else f"{self.year_start}-{self.year_end}"
        )


class ProjectMeasure(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="measure_links")
    measure = models.ForeignKey("plans.PlanMeasure", on_delete=models.CASCADE, related_name="project_links")
    primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        ordering = ("-primary", "measure__thematic__number", "measure__order")
        constraints = [
            models.UniqueConstraint(fields=("project", "measure"), name="unique_project_measure"),
            # A project has one main measure at most; the others are secondary.
            models.UniqueConstraint(
                fields=("project",), condition=Q(primary=True), name="one_primary_measure"
            ),
        ]
        verbose_name = _("measure of a project")
        verbose_name_plural = _("measures of projects")

    def __str__(self) -> str:
        return f"{self.project_id} → {self.measure_id}{' (primary)' if self.primary else ''}"


class OutputDefinition(models.Model):
    """What a project reports every year, set by the region: "visites techno-préventives", unit
    "visites", yearly target 150."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="output_definitions"
    )
    label = models.CharField(_("label"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    yearly_target = models.DecimalField(
        _("yearly target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ("order", "pk")
        constraints = [
            models.UniqueConstraint(fields=("project", "label"), name="unique_output_definition"),
            models.CheckConstraint(
                condition=Q(yearly_target__isnull=True) | Q(yearly_target__gte=0),
                name="output_target_not_negative",
            ),
        ]
        verbose_name = _("output definition")
        verbose_name_plural = _("output definitions")

    def __str__(self) -> str:
        return f"{self.label} ({self.unit})" if self.unit else self.label


class OutputReport(models.Model):
    """A project's outputs of one year: the partner's values, narrative and evidence, then the
    coordinator's decision. draft → submitted → approved, or returned (with a comment) → submitted
    again. Only approved figures count in the coverage and the implementation report."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("outputs state", "draft")
        SUBMITTED = "submitted", pgettext_lazy("outputs state", "submitted")
        RETURNED = "returned", pgettext_lazy("outputs state", "returned")
        APPROVED = "approved", pgettext_lazy("outputs state", "approved")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="output_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    narrative = models.TextField(_("narrative"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("year", "pk")
        constraints = [models.UniqueConstraint(fields=("project", "year"), name="unique_output_report")]
        indexes = [models.Index(fields=("state", "year"))]
        verbose_name = _("outputs of a year")
        verbose_name_plural = _("outputs of years")

    def __str__(self) -> str:
        return f"{self.project_id} · {self.year} · {self.state}"

    @property
    def is_open(self) -> bool:
        """The partner writes while it is a draft or returned; submitted and approved are read-only."""
        return self.state in (self.State.DRAFT, self.State.RETURNED)


class OutputValue(models.Model):
    report = models.ForeignKey(OutputReport, on_delete=models.CASCADE, related_name="values")
    definition = models.ForeignKey(
        OutputDefinition, verbose_name=_("output"), on_delete=models.CASCADE, related_name="values"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ("definition__order", "definition_id")
        constraints = [
            models.UniqueConstraint(fields=("report", "definition"), name="unique_output_value"),
            models.CheckConstraint(condition=Q(value__gte=0), name="output_value_not_negative"),
        ]
        verbose_name = _("output value")
        verbose_name_plural = _("output values")

    def __str__(self) -> str:
        return f"{self.definition_id}: {self.value}"


class OutputEvidence(models.Model):
    """A file attached to a year's outputs, kept under ``VAR_DIR`` by a random name (``path``),
    served only through the project's page to those who see the project."""

    report = models.ForeignKey(OutputReport, on_delete=models.CASCADE, related_name="evidence")
    name = models.CharField(_("file name"), max_length=200)
    path = models.CharField(max_length=300, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ("uploaded_at", "pk")
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.name


class OutputTransition(models.Model):
    """Every change of state of a year's outputs: who, when, and the coordinator's comment."""

    report = models.ForeignKey(OutputReport, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("from"), max_length=10, choices=OutputReport.State.choices)
    to_state = models.CharField(_("to"), max_length=10, choices=OutputReport.State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ("at", "pk")
        verbose_name = _("change of state of outputs")
        verbose_name_plural = _("changes of state of outputs")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class ObjectiveLink(models.Model):
    """A municipal plan's objective that contributes to a regional measure. ``plan`` repeats the
    objective's plan so that coverage reads the plan's period without walking the tree."""

    measure = models.ForeignKey(
        "plans.PlanMeasure",
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        related_name="objective_links",
    )
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("municipal plan"), on_delete=models.CASCADE, related_name="measure_links"
    )
    strategic_objective = models.ForeignKey(
        "plans.StrategicObjective", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    operational_objective = models.ForeignKey(
        "plans.OperationalObjective", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    primary = models.BooleanField(_("primary"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ("plan", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(strategic_objective__isnull=True, operational_objective__isnull=False)
                | Q(strategic_objective__isnull=False, operational_objective__isnull=True),
                name="objective_link_one_objective",
            ),
            models.UniqueConstraint(
                fields=("measure", "strategic_objective"),
                condition=Q(strategic_objective__isnull=False),
                name="unique_so_measure",
            ),
            models.UniqueConstraint(
                fields=("measure", "operational_objective"),
                condition=Q(operational_objective__isnull=False),
                name="unique_oo_measure",
            ),
        ]
        verbose_name = _("objective linked to a measure")
        verbose_name_plural = _("objectives linked to measures")

    def __str__(self) -> str:
        return f"{self.objective_title} → {self.measure_id}"

    @property
    def objective(self) -> StrategicObjective | OperationalObjective | None:
        return self.strategic_objective or self.operational_objective

    @property
    def objective_title(self) -> str:
        objective = self.objective
        return objective.title if objective is not None else ""
