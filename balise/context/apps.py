from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContextConfig(AppConfig):
    name = "balise.context"
    label = "context"
    verbose_name = _("Context statistics")
