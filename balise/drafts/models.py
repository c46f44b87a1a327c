"""An import in progress, and what a municipality's document templates mean.

Nothing of a draft is in the plan tables: the plan is written only when the draft is confirmed
(`actions.confirm_draft`), and the draft is deleted then. Drafts left alone expire
(`actions.purge_drafts`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balise.accounts.models import Organisation
from balise.plans.models import Plan, PlanKind

# A draft nobody touched for this long is deleted with its uploaded file.
DRAFT_LIFETIME = timedelta(days=7)


class TemplateMapping(models.Model):
    """What the labels and Word styles of one of a municipality's document templates mean, learned
    from a user's corrections and applied to the next document written from that template.
    ``labels`` and ``styles`` are the keys of the mapping format of docs/import-mapping.md."""

    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="import_mappings",
    )
    fingerprint = models.CharField(
        _("template"), max_length=64, help_text=_("The document's format and paragraph styles, digested.")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("The document it was learned from."))
    labels = models.JSONField(_("labels"), default=dict, blank=True)
    styles = models.JSONField(_("styles"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("import mapping")
        verbose_name_plural = _("import mappings")
        constraints = [
            models.UniqueConstraint(fields=("municipality", "fingerprint"), name="one_mapping_per_template")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.name}"


class ImportDraft(models.Model):
    class State(models.TextChoices):
        READING = "reading", _("being read")
        READY = "ready", _("ready for review")
        FAILED = "failed", _("not a plan")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="import_drafts",
    )
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="import_drafts",
        help_text=_("Whose plan this is; empty: the one the document names."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices, blank=True)
    source_name = models.CharField(_("file"), max_length=255)
    layout = models.CharField(
        _("reading"),
        max_length=40,
        blank=True,
        help_text=_("The layout that read the document best, or “generic”."),
    )
    fingerprint = models.CharField(_("template"), max_length=64, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.READY)
    error = models.TextField(_("why it is not a plan"), blank=True)
    # Empty while a worker reads a large upload (`state` READING).
    document = models.JSONField(_("blocks"), null=True, blank=True)
    # When a specialised layout read the document best: its outline (interchange format) and the
    # fate of each line; the generic reading takes over at the first correction.
    specialised = models.JSONField(null=True, blank=True)
    corrections = models.JSONField(_("corrections"), default=dict, blank=True)
    template = models.ForeignKey(
        TemplateMapping,
        verbose_name=_("template mapping applied"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Uploaded from a plan's translation page: the document is that plan in another language,
    # attached to it (`actions.attach_draft`) rather than imported.
    translation_of = models.ForeignKey(
        Plan,
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The plan this document was uploaded as the translation of."),
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("import draft")
        verbose_name_plural = _("import drafts")
        ordering = ("-updated_at",)

    def __str__(self) -> str:
        return self.source_name

    @property
    def expires_at(self) -> datetime:
        return (self.updated_at or timezone.now()) + DRAFT_LIFETIME
