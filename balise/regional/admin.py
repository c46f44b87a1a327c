from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from balise.regional.models import (
    ObjectiveLink,
    Partner,
    Project,
    ProjectMeasure,
    ProjectOutput,
    RegionalPlan,
    Subsidy,
    TransversalMission,
)


class MissionInline(admin.TabularInline):
    model = TransversalMission
    extra = 0


@admin.register(RegionalPlan)
class RegionalPlanAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "region", "catalogue")
    inlines = [MissionInline]


class SubsidyInline(admin.TabularInline):
    model = Subsidy
    extra = 0
    fields = ("year", "amount_eur", "legal_basis", "call", "project")


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ("name", "category", "region", "organisation")
    list_filter = ("category", "region")
    search_fields = ("name",)
    inlines = [SubsidyInline]


class MeasureInline(admin.TabularInline):
    model = ProjectMeasure
    extra = 0
    raw_id_fields = ("measure",)


class OutputInline(admin.TabularInline):
    model = ProjectOutput
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("title", "partner", "year_start", "year_end", "regional_plan")
    list_filter = ("partner__category", "regional_plan")
    search_fields = ("title", "partner__name")
    inlines = [MeasureInline, OutputInline]


@admin.register(ObjectiveLink)
class ObjectiveLinkAdmin(SimpleHistoryAdmin):
    list_display = ("measure", "plan", "objective_title", "primary")
    raw_id_fields = ("measure", "plan", "strategic_objective", "operational_objective")
