"""The money of a plan: contingents (per plan version), and per plan and year the allocation, the
occupation of the contingents, the expenses and the reporting deadlines.

What belongs to a year (allocation, occupation, expenses, deadlines) is attached to the plan's
``lineage``, as evaluations are: an amendment (a new version of the plan) keeps it. Contingents are
copied with each version; their name is their identity. Amounts are computed, never typed, except
the allocation and the equipment budget, which the convention states.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from balise.domain import money


class RateRule(models.Model):
    """Monthly intervention and equipment cap per FTE in force over a period (configurable)."""

    contingent_code = models.CharField(
        _("contingent code"),
        max_length=20,
        blank=True,
        help_text=_("e.g. 346 or 90; blank: every contingent"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    monthly_rate_eur = models.DecimalField(
        _("monthly intervention per FTE (EUR)"), max_digits=12, decimal_places=2
    )
    equipment_cap_per_fte_eur = models.DecimalField(
        _("equipment cap per FTE (EUR)"), max_digits=12, decimal_places=2
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ("valid_from", "contingent_code")
        constraints = [
            models.UniqueConstraint(fields=("contingent_code", "valid_from"), name="unique_rate_rule_start")
        ]
        verbose_name = _("rate rule")
        verbose_name_plural = _("rate rules")

    def __str__(self) -> str:
        return f"{self.contingent_code or '*'} {self.valid_from}–{self.valid_to or '…'}"

    def as_rule(self) -> money.RateRule:
        return money.RateRule(
            self.valid_from,
            self.valid_to,
            self.monthly_rate_eur,
            self.equipment_cap_per_fte_eur,
            self.contingent_code,
        )


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
    def code(self) -> str:
        return money.contingent_code(self.name)

    @property
    def personnel_eur(self) -> Decimal | None:
        if self.fte is None or self.monthly_rate_eur is None or self.months is None:
            return None
        return money.personnel_amount(self.fte, self.monthly_rate_eur, self.months)

    @property
    def equipment_limit_eur(self) -> Decimal | None:
        if self.fte is None or self.equipment_cap_per_fte_eur is None:
            return None
        return money.equipment_cap(self.fte, self.equipment_cap_per_fte_eur)

    @property
    def annual_amount_eur(self) -> Decimal | None:
        return money.contingent_total(self.personnel_eur, self.equipment_eur)


class Category(models.TextChoices):
    PERSONNEL = "personnel", _("personnel")
    FUNCTIONING = "functioning", _("functioning")
    INVESTMENT = "investment", _("investment")


class FinanceYear(models.Model):
    """One year of a plan's grant: its allocation (by default the plan's annual amount), how it
    is split by category (optional), and whether the year is closed."""

    plan = models.ForeignKey("plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="+")
    lineage = models.UUIDField(_("plan lineage"), db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    allocation_eur = models.DecimalField(
        _("allocation (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("blank: the annual allocation of the plan"),
    )
    personnel_eur = models.DecimalField(
        _("personnel budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    functioning_eur = models.DecimalField(
        _("functioning budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    investment_eur = models.DecimalField(
        _("investment budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    closed = models.BooleanField(_("closed"), default=False)
    closed_on = models.DateTimeField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ("year",)
        constraints = [models.UniqueConstraint(fields=("lineage", "year"), name="unique_finance_year")]
        verbose_name = _("financial year")
        verbose_name_plural = _("financial years")

    def __str__(self) -> str:
        return f"{self.plan} · {self.year}"

    def budget_of(self, category: str) -> Decimal | None:
        return getattr(self, f"{category}_eur")


class Occupation(models.Model):
    """FTE actually employed in one month on a contingent (vacancies, part-time)."""

    finance_year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="occupations")
    contingent_name = models.CharField(_("contingent"), max_length=200)
    month = models.PositiveSmallIntegerField(_("month"))
    fte = models.DecimalField(_("FTE employed"), max_digits=8, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ("contingent_name", "month")
        constraints = [
            models.UniqueConstraint(
                fields=("finance_year", "contingent_name", "month"), name="unique_occupation_month"
            )
        ]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return f"{self.contingent_name} {self.month:02d}: {self.fte}"


class Expense(models.Model):
    """A justified expense of a year, charged to the general allocation or to a contingent."""

    finance_year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="expenses")
    lineage = models.UUIDField(_("plan lineage"), db_index=True)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    contingent_name = models.CharField(
        _("contingent"), max_length=200, blank=True, help_text=_("blank: the general allocation")
    )
    spent_on = models.DateField(_("date"))
    supplier = models.CharField(_("supplier"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    reference = models.CharField(_("supporting document"), max_length=100)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("spent_on", "id")
        constraints = [
            # A supporting document justifies one expense of a plan, whatever the year.
            models.UniqueConstraint(fields=("lineage", "reference"), name="unique_expense_reference")
        ]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")

    def __str__(self) -> str:
        return f"{self.reference} {self.amount_eur}"


class ReportKind(models.TextChoices):
    ACTIVITY = "activity", _("activity report")
    FINANCIAL = "financial", _("financial report")


class ReportDeadline(models.Model):
    """When a report of a year is due, and when it was sent."""

    plan = models.ForeignKey("plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="+")
    lineage = models.UUIDField(_("plan lineage"), db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("report"), max_length=10, choices=ReportKind.choices)
    due_on = models.DateField(_("due on"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("year", "due_on", "kind")
        constraints = [
            models.UniqueConstraint(fields=("lineage", "year", "kind"), name="unique_report_deadline")
        ]
        verbose_name = _("report deadline")
        verbose_name_plural = _("report deadlines")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    def status(self, today: date) -> money.ReportStatus:
        return money.report_status(self.due_on, self.sent_on, today)
