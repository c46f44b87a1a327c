"""Layout ``pgsp``: safe.brussels' annual implementation report of the Brussels regional plan
(PGSP 2021-2024), whose annex lists the measures ``1.1`` … ``9.9`` in HTML-ish tables."""

from __future__ import annotations

from balise.imports.pgsp.parser import NAME, detect, parse

DESCRIPTION = (
    "Brussels regional plan (PGSP) implementation report: thematics from the narrative, "
    'measures from the annex table "Mesure PGSP | Description mesure"'
)

__all__ = ["DESCRIPTION", "NAME", "detect", "parse"]
