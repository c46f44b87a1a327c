"""Layout ``pgsp``: safe.brussels' annual implementation report of the Brussels regional plan
(PGSP 2021-2024), whose annex lists the measures ``1.1`` … ``9.9`` in HTML-ish tables."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from balise.imports.pgsp.parser import NAME, detect, parse

DESCRIPTION = gettext_lazy(
    "Implementation report of the Brussels regional plan (PGSP): thematics from the "
    "narrative, measures from the annex table"
)

__all__ = ["DESCRIPTION", "NAME", "detect", "parse"]
