from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "balise.finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        # Loaded with the reference lists: the 2020-2022 contingent rates (kept as configured if they exist).
        # Imported here, not at the top: apps.py runs before the models are ready.
        from balise.finance.defaults import load_rate_rules
        from balise.finance.jobs import register_jobs
        from balise.reference.loader import reference_loaded

        reference_loaded.connect(
            lambda **_kwargs: load_rate_rules(), weak=False, dispatch_uid="finance-defaults"
        )
        register_jobs()
