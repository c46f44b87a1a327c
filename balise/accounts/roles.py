"""Named roles. A user holds roles through memberships of organisations."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MUNICIPALITY_EDITOR = "municipality_editor", _("municipality editor")
    MUNICIPALITY_VIEWER = "municipality_viewer", _("municipality viewer")
    INTERNAL_EVALUATOR = "internal_evaluator", _("internal evaluator")
    FEDERAL_ANALYST = "federal_analyst", _("federal analyst")
    REGIONAL_COORDINATOR = "regional_coordinator", _("regional coordinator")
    PARTNER = "partner", _("partner")
    # Manages the organisation's members: invites, gives and changes roles, deactivates.
    ORGANISATION_ADMINISTRATOR = "organisation_administrator", _("administrator of the organisation")
