from __future__ import annotations

from django.apps import AppConfig


class ExportsConfig(AppConfig):
    """Documents out of Balise; an app so that its templates (the PDF convention) are found."""

    name = "balise.exports"
