"""Measurements per period and the yearly evaluation of a plan.

Measurements and assessments are attached to the *identity key* of an indicator (or strategic
objective), which survives amendments: a new version of a plan sees the values recorded on the
previous one. The ``indicator`` foreign key points at the version the value was entered on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from balise.domain.languages import pick


class ColourCode(models.Model):
    """One colour of the configurable evaluation scale (default: green, orange, red, grey)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    label_fr = models.CharField(_("label (French)"), max_length=80)
    label_nl = models.CharField(_("label (Dutch)"), max_length=80)
    label_de = models.CharField(_("label (German)"), max_length=80, blank=True)
    hex = models.CharField(_("colour"), max_length=7, help_text=_("e.g. #2e7d32"))
    meaning = models.CharField(
        _("suggested for status"),
        max_length=12,
        blank=True,
        help_text=_("the computed status this colour is suggested for: met, partly_met, not_met, no_data"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    needs_motivation = models.BooleanField(
        _("needs a motivation"),
        default=False,
        help_text=_("a year cannot be marked analysed while this colour is given without a motivation"),
    )

    class Meta:
        ordering = ("order", "id")
        verbose_name = _("colour code")
        verbose_name_plural = _("colour codes")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return pick(get_language(), self.label_fr, self.label_nl, self.label_de)


class ValueFields(models.Model):
    """The figures of a value: a measurement's total and each of its parts hold the same ones."""

    amount = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    numerator = models.DecimalField(_("numerator"), max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(
        _("denominator"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    days = models.DecimalField(_("days worked"), max_digits=8, decimal_places=2, null=True, blank=True)
    done = models.BooleanField(_("yes / no"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        abstract = True


class Measurement(ValueFields):
    indicator_key = models.UUIDField(_("indicator identity"), db_index=True)
    indicator = models.ForeignKey(
        "plans.Indicator", verbose_name=_("indicator"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    period = models.CharField(
        _("period"), max_length=10, help_text=_("2024, 2024-Q2, 2024-03, 2024-W05 or 2024-03-15")
    )
    period_start = models.DateField(_("start of period"))
    period_end = models.DateField(_("end of period"))
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ("period_start", "period")
        constraints = [
            models.UniqueConstraint(fields=("indicator_key", "period"), name="unique_measurement_period")
        ]
        indexes = [models.Index(fields=("indicator_key", "period_start"))]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.period}: {self.amount if self.amount is not None else self.done}"


class MeasurementPart(ValueFields):
    """The figures of one cell of a disaggregated value (one category of each of the indicator's
    dimensions). The `Measurement` it belongs to holds the total, computed from its parts by
    `balise.domain.disaggregation.total` in the same write: never typed, never edited alone."""

    measurement = models.ForeignKey(
        Measurement, verbose_name=_("measurement"), on_delete=models.CASCADE, related_name="parts"
    )
    cell = models.CharField(_("categories"), max_length=300, help_text=_("e.g. age_band=18-25|sex=female"))
    categories = models.ManyToManyField(
        "reference.Category", verbose_name=_("categories"), related_name="+", through="PartCategory"
    )

    class Meta:
        ordering = ("measurement", "id")
        constraints = [
            models.UniqueConstraint(fields=("measurement", "cell"), name="unique_measurement_cell")
        ]
        verbose_name = _("value of a category")
        verbose_name_plural = _("values per category")

    def __str__(self) -> str:
        return f"{self.measurement_id} · {self.cell}"


class PartCategory(models.Model):
    """One category of a part's cell: what a breakdown by a dimension groups by, in one query."""

    part = models.ForeignKey(MeasurementPart, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey("reference.Category", on_delete=models.PROTECT, related_name="+")
    dimension = models.ForeignKey("reference.Dimension", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=("part", "dimension"), name="unique_part_dimension")]
        indexes = [models.Index(fields=("dimension", "category"))]
        verbose_name = _("category of a value")
        verbose_name_plural = _("categories of values")

    def __str__(self) -> str:
        return f"{self.part_id} · {self.category_id}"


class Evaluation(models.Model):
    """The evaluation of one year of a plan (all versions of a plan share it through ``lineage``)."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("evaluation state", "draft")
        SUBMITTED = "submitted", pgettext_lazy("evaluation state", "submitted")
        RETURNED = "returned", pgettext_lazy("evaluation state", "returned")
        ANALYSED = "analysed", pgettext_lazy("evaluation state", "analysed")
        CLOSED = "closed", pgettext_lazy("evaluation state", "closed")

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="evaluations"
    )
    lineage = models.UUIDField(_("plan lineage"), db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("-year",)
        constraints = [models.UniqueConstraint(fields=("lineage", "year"), name="unique_evaluation_year")]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.plan} · {self.year}"

    @property
    def is_locked(self) -> bool:
        """Submitted, analysed and closed years are read-only until an administrator reopens them;
        a year returned by the analyst is open to the municipality again until resubmitted."""
        return self.state not in OPEN_STATES


# States in which the municipality enters values and self-evaluates.
OPEN_STATES = (Evaluation.State.DRAFT, Evaluation.State.RETURNED)


class Transition(models.Model):
    """Every change of state of an evaluation: who, when, and why (for a reopening)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("from"), max_length=10, choices=Evaluation.State.choices)
    to_state = models.CharField(_("to"), max_length=10, choices=Evaluation.State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ("at", "id")
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class Assessment(models.Model):
    """The evaluation of one indicator or one strategic objective in a year: the municipality's
    self-evaluation, then the federal analysis, colour code and motivation."""

    class Target(models.TextChoices):
        INDICATOR = "indicator", _("indicator")
        STRATEGIC_OBJECTIVE = "strategic_objective", _("strategic objective")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="assessments")
    subject = models.CharField(_("subject"), max_length=20, choices=Target.choices)
    subject_key = models.UUIDField(_("identity of the indicator or objective"))
    self_evaluation = models.TextField(_("self-evaluation"), blank=True)
    analysis = models.TextField(_("analysis"), blank=True)
    colour = models.ForeignKey(
        ColourCode, verbose_name=_("colour code"), null=True, blank=True, on_delete=models.PROTECT
    )
    motivation = models.TextField(_("motivation"), blank=True)
    suggested_status = models.CharField(_("computed status"), max_length=12, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("evaluation", "subject", "subject_key"), name="unique_assessment")
        ]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.subject}"


class Reminder(models.Model):
    """One due item sent to one user on one day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.CharField(_("due item"), max_length=200)
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        app_label = "monitoring"
        constraints = [
            models.UniqueConstraint(fields=("user", "item", "sent_on"), name="unique_reminder_per_day")
        ]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.user} · {self.item} · {self.sent_on}"


class IndicatorYearProgress(models.Model):
    """The progress of one indicator (one version of it) over one year of its plan, kept for reading.

    Written only by `balise.monitoring.progress_store` in the transaction of every change of a
    value, a target, a plan's period or tree, or an assessment's colour; `balise rebuild-progress`
    recomputes it from scratch. The columns after ``year`` copy where the indicator sits, so
    roll-ups (per plan, module, phenomenon, municipality, year) are one grouped query.
    """

    indicator = models.ForeignKey("plans.Indicator", on_delete=models.CASCADE, related_name="+")
    indicator_key = models.UUIDField(_("indicator identity"), db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey("plans.Module", on_delete=models.CASCADE, related_name="+")
    module_kind = models.CharField(_("kind of module"), max_length=15)
    phenomenon = models.ForeignKey(
        "reference.Phenomenon", null=True, on_delete=models.CASCADE, related_name="+"
    )
    sector = models.ForeignKey("reference.Sector", null=True, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        "accounts.Organisation", null=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12)
    due = models.DateField(_("not met after"), null=True, help_text=_("a deadline not reached yet"))
    actual = models.DecimalField(_("actual"), max_digits=20, decimal_places=2, null=True)
    expected = models.DecimalField(_("expected"), max_digits=20, decimal_places=2, null=True)
    values = models.PositiveIntegerField(_("values in the year"), default=0)
    colour = models.ForeignKey(ColourCode, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("indicator", "year"), name="unique_indicator_year_progress")
        ]
        indexes = [models.Index(fields=("year", "plan"))]
        verbose_name = _("progress of an indicator in a year")
        verbose_name_plural = _("progress of indicators per year")

    def __str__(self) -> str:
        return f"{self.indicator_key} · {self.year}: {self.status}"


class ProgressTally(models.Model):
    """How many indicators of one plan, in one year, share a group, a status and a colour.

    The progress table counted per plan (`IndicatorYearProgress` grouped by where the indicator
    sits, its status, its deadline and its colour), rewritten by `balise.monitoring.progress_store`
    with the progress rows it counts, in the same transaction. The federal overview sums these
    counts: a few rows per plan instead of one per indicator, whatever the number of values.
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    municipality = models.ForeignKey(
        "accounts.Organisation", null=True, on_delete=models.CASCADE, related_name="+"
    )
    module_kind = models.CharField(_("kind of module"), max_length=15)
    phenomenon = models.ForeignKey(
        "reference.Phenomenon", null=True, on_delete=models.CASCADE, related_name="+"
    )
    sector = models.ForeignKey("reference.Sector", null=True, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=12)
    due = models.DateField(_("not met after"), null=True)
    colour = models.ForeignKey(ColourCode, null=True, on_delete=models.SET_NULL, related_name="+")
    n = models.PositiveIntegerField(_("indicators"))

    class Meta:
        indexes = [models.Index(fields=("year", "plan")), models.Index(fields=("year", "phenomenon"))]
        verbose_name = _("count of indicators per status")
        verbose_name_plural = _("counts of indicators per status")

    def __str__(self) -> str:
        return f"{self.plan_id} · {self.year} · {self.status}: {self.n}"


class FederalTally(models.Model):
    """`ProgressTally` summed over the plans the federal overview counts in a year (the versions
    in force of the federal kinds, `FederalTallyPlan`), per region of their municipality.

    Kept by `balise.monitoring.federal_tally`: every write that rewrites a counted plan's counts
    adds the difference here in the same transaction; when the plans counted are no longer the
    plans in force (a version signed, a period or a municipality changed, a plan deleted), the
    year is summed again from `ProgressTally` at the next read. Columns are plain numbers, not
    foreign keys, so that no deletion elsewhere can change the sums behind their back.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    region_id = models.IntegerField(_("region"), default=0, help_text=_("0: no region"))
    module_kind = models.CharField(_("kind of module"), max_length=15)
    phenomenon_id = models.IntegerField(_("phenomenon"), null=True)
    sector_id = models.IntegerField(_("sector"), null=True)
    status = models.CharField(_("status"), max_length=12)
    due = models.DateField(_("not met after"), null=True)
    colour_id = models.IntegerField(_("colour code"), null=True)
    n = models.IntegerField(_("indicators"))

    class Meta:
        indexes = [models.Index(fields=("year", "region_id"))]
        verbose_name = _("count of indicators per status in the federal overview")
        verbose_name_plural = _("counts of indicators per status in the federal overview")

    def __str__(self) -> str:
        return f"{self.year} · {self.region_id} · {self.status}: {self.n}"


class FederalTallyPlan(models.Model):
    """A plan whose counts `FederalTally` holds for a year, with the region they are under and
    how many indicator rows it counts."""

    year = models.PositiveSmallIntegerField(_("year"))
    plan_id = models.IntegerField(_("plan"))
    region_id = models.IntegerField(_("region"), default=0)
    indicators = models.IntegerField(_("indicators"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("year", "plan_id"), name="unique_federal_tally_plan")]
        verbose_name = _("plan counted in the federal overview")
        verbose_name_plural = _("plans counted in the federal overview")

    def __str__(self) -> str:
        return f"{self.year} · {self.plan_id}"
