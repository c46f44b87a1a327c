"""Plans in the Django admin: looked up and inspected; their content changes through Balise's
pages (drafts, versions, optimistic locking), never here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from balise.plans.models import Plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "version", "status", "municipality", "period_start", "period_end")
    list_filter = ("kind", "status", "language")
    search_fields = ("title", "municipality_name", "municipality__name_fr", "municipality__name_nl")
    readonly_fields = [field.name for field in Plan._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
