"""Layout ``css_tabs``: a *Contrat de sécurité et de société* project plan whose 3-column tables
(operational objectives | expected results | indicators) are tab-separated, with cells split
by the PDF extraction (seed 003)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from balise.imports.css_common import css_family_score, flat, is_table_header, parse_css
from balise.imports.css_tabs.cells import parse_cells
from balise.imports.report import ImportResult

NAME = "css_tabs"
DESCRIPTION = gettext_lazy(
    "Security and society contract project plan: sectors, general and strategic "
    "objectives, three-column tables separated by tabs"
)


def detect(lines: list[str]) -> float:
    """The CSS family, plus its tables: tabbed headers "Objectifs opérationnels | Résultats
    attendus | Indicateurs" and tabbed rows below them."""
    headers = [index for index, line in enumerate(lines) if is_table_header(line)]
    if not headers:
        return 0.0
    tabbed = [index for index in headers if "\t" in lines[index]]
    rows = sum(
        1 for index in tabbed for line in lines[index + 1 : index + 4] if line.count("\t") >= 1 and flat(line)
    )
    # Tab evidence only counts as far as the headers are tabbed: a wrapped CSS plan
    # (css_wrapped) is left with the family score alone.
    tabs = 0.45 * min(len(tabbed) / 3, 1.0) + 0.35 * min(rows / 10, 1.0)
    return round(min(css_family_score(lines) + tabs * len(tabbed) / len(headers), 1.0), 3)


def parse(lines: list[str]) -> ImportResult:
    return parse_css(lines, NAME, parse_cells)


__all__ = ["DESCRIPTION", "NAME", "detect", "parse"]
