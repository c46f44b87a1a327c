from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "balise.monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self) -> None:
        # Loaded with the reference lists: the default evaluation colours (kept as configured if they exist).
        # Imported here, not at the top: apps.py runs before the models are ready.
        from balise.monitoring.defaults import load_colour_scale
        from balise.reference.loader import reference_loaded

        reference_loaded.connect(
            lambda **_kwargs: load_colour_scale(), weak=False, dispatch_uid="monitoring-defaults"
        )
        from balise.monitoring.progress_store import on_progress_inputs_changed
        from balise.plans.signals import progress_inputs_changed

        progress_inputs_changed.connect(on_progress_inputs_changed, dispatch_uid="monitoring-progress")
