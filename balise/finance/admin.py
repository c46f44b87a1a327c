"""Administrators configure the rate tables and the deadlines here; years and expenses are only
inspected (they change through the finance pages, which enforce closed years and the rules)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from balise.finance.models import Expense, FinanceYear, RateRule, ReportDeadline


@admin.register(RateRule)
class RateRuleAdmin(SimpleHistoryAdmin):
    list_display = (
        "contingent_code",
        "valid_from",
        "valid_to",
        "monthly_rate_eur",
        "equipment_cap_per_fte_eur",
    )


class ReadOnly(SimpleHistoryAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(FinanceYear)
class FinanceYearAdmin(ReadOnly):
    list_display = ("plan", "year", "allocation_eur", "closed")
    list_filter = ("closed", "year")


@admin.register(Expense)
class ExpenseAdmin(ReadOnly):
    list_display = ("reference", "spent_on", "category", "supplier", "amount_eur")
    search_fields = ("reference", "supplier")


@admin.register(ReportDeadline)
class ReportDeadlineAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "year", "kind", "due_on", "sent_on")
    list_filter = ("kind", "year")
    readonly_fields = ("plan", "lineage")
