"""The categories of the published statistics and the PSSP phenomena each one informs.

Police: the criminal figures ("faits enregistrés") of the federal police's crime statistics, per
municipality and police zone. Monitor: questions of the Safety Monitor (Moniteur de sécurité /
Veiligheidsmonitor) survey. Each category is recognised by its French, Dutch or German name (or
its code) in a published file; ``phenomena`` are codes of `balise.reference.data.PHENOMENA`.
"""

from __future__ import annotations

from typing import NamedTuple


class Category(NamedTuple):
    source: str  # "police" or "monitor"
    code: str
    fr: str
    nl: str
    de: str
    unit: str  # "count" (recorded facts) or "percent" (share of respondents)
    phenomena: tuple[str, ...]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "police",
        "burglary-dwelling",
        "Cambriolage dans une habitation",
        "Inbraak in woning",
        "Wohnungseinbruch",
        "count",
        ("burglary",),
    ),
    Category(
        "police",
        "burglary-business",
        "Cambriolage dans une entreprise ou un commerce",
        "Inbraak in bedrijf of handelszaak",
        "Einbruch in Unternehmen oder Geschäft",
        "count",
        ("burglary",),
    ),
    Category(
        "police",
        "vehicle-theft",
        "Vol de véhicule motorisé",
        "Diefstal van motorvoertuig",
        "Diebstahl eines Kraftfahrzeugs",
        "count",
        ("vehicle-theft",),
    ),
    Category(
        "police",
        "theft-from-vehicle",
        "Vol dans ou sur véhicule",
        "Diefstal in of op voertuig",
        "Diebstahl in oder an Fahrzeugen",
        "count",
        ("vehicle-theft",),
    ),
    Category(
        "police",
        "bicycle-theft",
        "Vol de vélo",
        "Fietsdiefstal",
        "Fahrraddiebstahl",
        "count",
        ("bicycle-theft",),
    ),
    Category(
        "police",
        "pickpocketing",
        "Vol à la tire",
        "Gauwdiefstal",
        "Taschendiebstahl",
        "count",
        ("pickpocketing",),
    ),
    Category(
        "police",
        "shoplifting",
        "Vol à l'étalage",
        "Winkeldiefstal",
        "Ladendiebstahl",
        "count",
        ("shoplifting",),
    ),
    Category(
        "police",
        "armed-robbery",
        "Vol à main armée",
        "Gewapende diefstal",
        "Bewaffneter Raub",
        "count",
        ("armed-robbery",),
    ),
    Category(
        "police",
        "robbery-with-violence",
        "Vol avec violence sans arme",
        "Diefstal met geweld zonder wapen",
        "Diebstahl mit Gewalt ohne Waffe",
        "count",
        ("robbery-with-violence",),
    ),
    Category("police", "drugs", "Drogues", "Drugs", "Drogen", "count", ("drug-trafficking", "drug-nuisance")),
    Category(
        "police",
        "partner-violence",
        "Violence entre partenaires",
        "Partnergeweld",
        "Partnergewalt",
        "count",
        ("partner-violence", "domestic-violence"),
    ),
    Category(
        "police",
        "sexual-offences",
        "Atteintes à l'intégrité sexuelle",
        "Aantasting van de seksuele integriteit",
        "Verletzung der sexuellen Integrität",
        "count",
        ("sexual-offences",),
    ),
    Category("police", "fraud", "Fraude", "Fraude", "Betrug", "count", ("fraud", "cybercrime")),
    Category(
        "police",
        "vandalism",
        "Vandalisme",
        "Vandalisme",
        "Vandalismus",
        "count",
        ("administrative-incivilities", "social-nuisance"),
    ),
    Category(
        "police",
        "road-accidents",
        "Accidents de la route avec lésions corporelles",
        "Verkeersongevallen met lichamelijk letsel",
        "Verkehrsunfälle mit Personenschaden",
        "count",
        ("road-safety",),
    ),
    Category(
        "monitor",
        "feeling-unsafe",
        "Sentiment d'insécurité",
        "Onveiligheidsgevoel",
        "Unsicherheitsgefühl",
        "percent",
        ("social-nuisance", "burglary"),
    ),
    Category(
        "monitor",
        "fear-of-burglary",
        "Crainte d'un cambriolage",
        "Angst voor inbraak",
        "Angst vor Einbruch",
        "percent",
        ("burglary",),
    ),
    Category(
        "monitor",
        "neighbourhood-nuisance",
        "Nuisances dans le quartier",
        "Overlast in de buurt",
        "Belästigungen im Viertel",
        "percent",
        ("social-nuisance", "drug-nuisance"),
    ),
)
