"""Template mappings and drafts in the Django admin: an administrator can see what a
municipality's templates were taught, and delete a mapping taught wrongly."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from balise.drafts.models import ImportDraft, TemplateMapping


@admin.register(TemplateMapping)
class TemplateMappingAdmin(admin.ModelAdmin):
    list_display = ("municipality", "name", "updated_by", "updated_at")
    list_select_related = ("municipality", "updated_by")
    readonly_fields = ("municipality", "fingerprint", "name", "updated_by", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ImportDraft)
class ImportDraftAdmin(admin.ModelAdmin):
    list_display = ("source_name", "municipality", "state", "created_by", "updated_at")
    list_select_related = ("municipality", "created_by")
    list_filter = ("state",)
    exclude = ("document", "specialised")
    readonly_fields = [f.name for f in ImportDraft._meta.fields if f.name not in ("document", "specialised")]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
