from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from balise.regional.models import (
    ObjectiveLink,
    OutputDefinition,
    OutputReport,
    OutputTransition,
    OutputValue,
    Partner,
    Project,
    ProjectMeasure,
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
    model = OutputDefinition
    extra = 0


class ValueInline(admin.TabularInline):
    model = OutputValue
    extra = 0
    raw_id_fields = ("definition",)


class TransitionInline(admin.TabularInline):
    model = OutputTransition
    extra = 0
    readonly_fields = ("from_state", "to_state", "by", "at", "comment")
    can_delete = False


@admin.register(OutputReport)
class OutputReportAdmin(SimpleHistoryAdmin):
    """Read here; figures change through the project's pages, where the rules of approval hold."""

    list_display = ("project", "year", "state")
    list_filter = ("state", "year")
    search_fields = ("project__title",)
    readonly_fields = ("project", "year", "state", "revision")
    inlines = [ValueInline, TransitionInline]


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
