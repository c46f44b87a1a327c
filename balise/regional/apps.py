from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionalConfig(AppConfig):
    name = "balise.regional"
    label = "regional"
    verbose_name = _("Regional layer")

    def ready(self) -> None:
        from balise.regional.report.jobs import register_jobs

        register_jobs()
