from __future__ import annotations

from django.apps import AppConfig


class ExportsConfig(AppConfig):
    """Documents out of Balise; an app so that its templates (the PDF convention) are found."""

    name = "balise.exports"

    def ready(self) -> None:
        from balise.exports.report.jobs import register_jobs

        register_jobs()
