from __future__ import annotations

from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "balise.drafts"
    label = "drafts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Models are loaded only now: the producer reads drafts.
        from balise.drafts.jobs import register_jobs

        register_jobs()
