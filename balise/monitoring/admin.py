"""The colour scale is configured here; measurements and evaluations can be inspected (with history)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from balise.monitoring import progress_store
from balise.monitoring.models import Assessment, ColourCode, Evaluation, Measurement, Transition


@admin.register(ColourCode)
class ColourCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "label_fr", "label_nl", "label_de", "hex", "meaning", "order")
    list_editable = ("label_fr", "label_nl", "label_de", "hex", "meaning", "order")
    ordering = ("order", "id")


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "period", "amount", "numerator", "denominator", "days", "done", "entered_by")
    list_filter = ("period",)
    search_fields = ("indicator__text", "period", "comment")
    raw_id_fields = ("indicator", "entered_by")
    readonly_fields = ("indicator_key", "period_start", "period_end", "entered_at", "updated_at", "revision")
    # The order of the form: the figures come from an abstract base, whose fields Django lists first.
    fields = (
        *("indicator", "period", "amount", "numerator", "denominator", "days", "done", "done_on"),
        *("comment", "source", "entered_by", *readonly_fields),
    )

    # An administrator's correction goes around the actions: keep the progress table in step.
    def save_model(self, request: HttpRequest, obj: Measurement, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        progress_store.refresh_values([obj.indicator_key], [int(obj.period[:4])])

    def delete_model(self, request: HttpRequest, obj: Measurement) -> None:
        super().delete_model(request, obj)
        progress_store.refresh_values([obj.indicator_key], [int(obj.period[:4])])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Measurement]) -> None:
        touched = list(queryset.values_list("indicator_key", "period"))
        super().delete_queryset(request, queryset)
        for key, period in touched:
            progress_store.refresh_values([key], [int(period[:4])])


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    readonly_fields = ("from_state", "to_state", "by", "at", "reason")

    def has_add_permission(self, request: HttpRequest, obj: Evaluation | None = None) -> bool:
        return False  # transitions are written by the workflow only


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "year", "state", "created_at")
    list_filter = ("state", "year")
    search_fields = ("plan__title",)
    raw_id_fields = ("plan",)
    # The state changes through the workflow (with a Transition row), never by hand.
    readonly_fields = ("lineage", "state", "revision", "created_at")
    inlines = (TransitionInline,)


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ("evaluation", "subject", "subject_key", "colour", "suggested_status", "updated_by")
    list_filter = ("subject", "colour", "suggested_status")
    raw_id_fields = ("evaluation", "updated_by")
    readonly_fields = ("suggested_status", "revision", "updated_at")

    def save_model(self, request: HttpRequest, obj: Assessment, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if obj.subject == Assessment.Target.INDICATOR:
            evaluation = obj.evaluation
            progress_store.set_colour(evaluation.lineage, evaluation.year, obj.subject_key, obj.colour_id)
