"""The words of the numbered-list layout, in French (PSSP) and Dutch (SVPP).

Headings are matched on the whole line, after emphasis and whitespace are cleaned, so that a
sentence that merely mentions "résultats" is never taken for a heading.
"""

from __future__ import annotations

import re

# Module heading: "I. DISPOSITIF DE COORDINATION", "2. CAMBRIOLAGE", "3. SOCIALE OVERLAST".
MODULE_NUMBER = r"(?:[IVX]+|\d{1,2})"
MODULE_HEADING = re.compile(rf"^(?P<number>{MODULE_NUMBER})\.\s+(?P<title>\S.*)$")

# "I.1. Objectifs généraux" / "2.1. Algemene doelstellingen" (the number is optional).
GENERAL_HEADING = re.compile(
    rf"^(?:{MODULE_NUMBER}\.1\.?\s+)?(?:objectifs g[ée]n[ée]raux|algemene doelstellingen)\s*:?$",
    re.IGNORECASE,
)
STRATEGIC_HEADING = re.compile(
    rf"^(?:{MODULE_NUMBER}\.2\.?\s+)?(?:objectifs strat[ée]giques|strategische doelstellingen)\s*:?$",
    re.IGNORECASE,
)
OPERATIONAL_HEADING = re.compile(
    r"^(?:objectifs op[ée]rationnels|operationele doelstellingen)\s*:?$", re.IGNORECASE
)
RESULTS_HEADING = re.compile(
    r"^(?:r[ée]sultats(?: attendus)?|(?:verwachte )?resultaten)\s*:?$", re.IGNORECASE
)
INDICATORS_HEADING = re.compile(r"^(?:indicateurs|indicatoren)\s*:?$", re.IGNORECASE)

# "1.2.1. Assurer…": three-level numbering of general and strategic objectives.
OBJECTIVE_NUMBER = re.compile(rf"^{MODULE_NUMBER}\.\d+\.\d+\.?\s+(?P<text>\S.*)$")

BULLET = re.compile(r"^\s*[-–—•●◦▪·]\s*(?P<text>.*)$")

# First line of the closing signature block.
SIGNATURE_START = re.compile(
    r"(?:a été signé\b|werd ondertekend\b|is ondertekend\b|^chaque partie|^elke (?:betrokken )?partij"
    r"|^pour l'[ée]tat|^voor de (?:federale )?staat)",
    re.IGNORECASE,
)

COORDINATION_WORDS = ("coordination", "coordinatie")

# Words only a Dutch SVPP uses; counted to set the outline's language.
DUTCH_MARKERS = re.compile(
    r"\b(?:doelstellingen|resultaten|indicatoren|gemeente|enerzijds|anderzijds|jaarlijks|bedrag)\b",
    re.IGNORECASE,
)
FRENCH_MARKERS = re.compile(
    r"\b(?:objectifs|r[ée]sultats|indicateurs|commune|d'une part|d'autre part|montant)\b",
    re.IGNORECASE,
)


def language_of(lines: list[str]) -> str:
    """``"nl"`` when Dutch layout words outnumber French ones, else ``"fr"``."""
    text = "\n".join(lines)
    return "nl" if len(DUTCH_MARKERS.findall(text)) > len(FRENCH_MARKERS.findall(text)) else "fr"
