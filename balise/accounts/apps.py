from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "balise.accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from balise.accounts import preferences, security_log  # noqa: F401  (connects their receivers)
