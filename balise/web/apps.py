from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "balise.web"
    verbose_name = _("Web interface")

    def ready(self) -> None:
        from django.contrib import admin

        # The administration says whose it is (Django's defaults say "Django administration").
        admin.site.site_header = _("Balise administration")
        admin.site.site_title = "Balise"
        admin.site.index_title = _("Reference data, users and roles")
