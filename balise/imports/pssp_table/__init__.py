"""Layout ``pssp_table``: the national PSSP/SVPP 2023-2024 template, filled in.

Tab-separated tables "Objectifs opérationnels | Résultats attendus" under each strategic
objective, then one evaluation table "Indicateurs | Analyse SPF IBZ | Evaluation Code couleur
[| Evaluation Motivation]" per strategic objective, in the same order; French or Dutch.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balise.imports.pssp_table import parser
from balise.imports.pssp_table.detect import detect
from balise.imports.report import DocumentRefused, ImportResult

NAME = parser.NAME
DESCRIPTION = gettext_lazy(
    "National PSSP/SVPP 2023-2024 template: per strategic objective a table of "
    "operational objectives and expected results, then a table of indicators with the "
    "SPF analysis and colour code"
)

__all__ = ["DESCRIPTION", "NAME", "detect", "parse"]


def parse(lines: list[str]) -> ImportResult:
    try:
        return parser.parse(lines)
    except DocumentRefused:
        raise
    except Exception as exc:  # the importer contract: callers only ever see DocumentRefused
        raise DocumentRefused(
            _("%(layout)s: cannot read the document (%(reason)s)")
            % {"layout": NAME, "reason": f"{type(exc).__name__}: {exc}"}
        ) from exc
