"""Background jobs and workers in the Django admin: what runs, what failed and why."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from balise.jobs.models import Job, WorkerBeat


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "state", "progress", "plan", "requested_by", "created_at", "finished_at")
    list_filter = ("kind", "state")
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(WorkerBeat)
class WorkerBeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "host", "pid", "started_at", "seen_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
