"""How much a document looks like the PSSP/SVPP 2023-2024 table template.

Its signature is the pair of two-column tables: "Objectifs opérationnels | Résultats attendus"
(exactly two headed columns: the CSS plans put "Indicateurs" in a third) and the evaluation
table "Indicateurs | Analyse SPF IBZ | …". Both must occur, a few times each.
"""

from __future__ import annotations

from balise.imports.pssp_table import vocabulary as vocab


def detect(lines: list[str]) -> float:
    objectives = indicators = 0
    for line in lines:
        if "\t" not in line:
            continue
        row = vocab.cells(line)
        if vocab.is_oo_header(row):
            objectives += 1
        elif vocab.is_indicator_header(row):
            indicators += 1
    if not objectives or not indicators:
        # One kind of table alone is weak evidence: at most 0.25.
        return min(0.25, 0.05 * (objectives + indicators))
    return round(0.5 * min(1.0, objectives / 3) + 0.5 * min(1.0, indicators / 3), 3)
