"""Reference lists: facts (names and codes), French and Dutch, with German names in `GERMAN`.

The national list of 33 phenomena and the strategic-objective catalogues are those of the
PSSP/SVPP 2020-2025 template; the PGSP thematics and measure numbering are those of the Brussels
regional plan 2021-2024. Measure *texts* are not stored here: they are imported from the plan.
"""

from __future__ import annotations

from typing import NamedTuple


class Named(NamedTuple):
    code: str
    fr: str
    nl: str


# (code, French, Dutch) — the 33 phenomena of the national framework note.
PHENOMENA: tuple[Named, ...] = tuple(
    Named(*row)
    for row in (
        ("burglary", "Cambriolage", "Inbraak"),
        ("organised-crime", "Crime organisé", "Georganiseerde criminaliteit"),
        ("cybercrime", "Cybercriminalité", "Cybercriminaliteit"),
        ("sexual-offences", "Délinquance sexuelle", "Seksuele delinquentie"),
        ("extortion", "Extorsion", "Afpersing"),
        (
            "fraud",
            "Fraude financière, économique, fiscale, sociale et corruption",
            "Financiële, economische, fiscale, sociale fraude en corruptie",
        ),
        (
            "administrative-incivilities",
            "Incivilités sanctionnées administrativement",
            "Administratief sanctioneerbare overlast",
        ),
        (
            "drug-nuisance",
            "Nuisances publiques liées à l'usage de drogues",
            "Druggerelateerde maatschappelijke overlast",
        ),
        ("social-nuisance", "Nuisances sociales", "Sociale overlast"),
        (
            "racism-extremism",
            "Racisme, discrimination et extrémisme",
            "Racisme, discriminatie en extremisme",
        ),
        ("violent-radicalisation", "Radicalisation à portée violente", "Gewelddadige radicalisering"),
        ("road-safety", "Sécurité routière", "Verkeersveiligheid"),
        ("terrorism", "Terrorisme", "Terrorisme"),
        ("drug-trafficking", "Trafic de drogues", "Drugtrafiek"),
        (
            "violence-authority",
            "Violence à l'encontre des fonctions représentatives de l'autorité",
            "Geweld tegenover de representatieve overheids functies",
        ),
        (
            "violence-lgbt",
            "Violence à l'encontre d'homosexuels et de transgenres",
            "Geweld tegen holebi's en transgenders",
        ),
        ("violence-transport", "Violence dans les transports en commun", "Geweld in het openbaar vervoer"),
        ("violence-school", "Violence en milieu scolaire", "Geweld in schoolmilieu"),
        ("partner-violence", "Violence entre partenaires", "Partnergeweld"),
        ("violence-children", "Violence envers les enfants", "Geweld tegen kinderen"),
        ("violence-elderly", "Violence envers les personnes âgées", "Geweld tegen senioren"),
        ("domestic-violence", "Violence intrafamiliale", "Intrafamiliaal geweld"),
        ("youth-violence", "Violence juvénile", "Jongerengeweld"),
        (
            "honour-violence",
            "Violence liée à l'honneur et les mariages forcés",
            "Eergerelateerd geweld en de gedwongen huwelijken",
        ),
        ("gang-violence", "Violence liée aux bandes urbaines", "Geweld gepleegd door stadsbenden"),
        (
            "event-violence",
            "Violence lors des événements et manifestations publiques",
            "Geweld tijdens evenementen en publieke gebeurtenissen",
        ),
        ("pickpocketing", "Vol à la tire", "Gauwdiefstal"),
        ("shoplifting", "Vol à l'étalage", "Winkeldiefstal"),
        ("armed-robbery", "Vol à main armée", "Gewapende diefstal"),
        ("robbery-with-violence", "Vol avec violence", "Diefstal met geweld"),
        ("vehicle-theft", "Vol de et dans véhicules", "Diefstal van en in auto's"),
        ("bicycle-theft", "Vol de vélo", "Fietsdiefstal"),
        ("theft-by-deception", "Vol par ruse", "Diefstal door middel van list"),
    )
)

COORDINATION = Named("coordination", "Coordination", "Coördinatie")

# Catalogue of strategic objectives for phenomena.
PHENOMENON_OBJECTIVES: tuple[Named, ...] = tuple(
    Named(*row)
    for row in (
        ("risk-behaviour", "Diminuer les comportements à risque", "Risicogedrag verminderen"),
        (
            "criminogenic-circumstances",
            "Agir sur les circonstances et l'environnement criminogènes",
            "Inwerken op criminogene omstandigheden en omgeving",
        ),
        (
            "deter-offenders",
            "Dissuader les auteurs potentiels d'infraction",
            "Potentiële daders ontraden",
        ),
        (
            "drug-user-resocialisation",
            "Favoriser la resocialisation des usagers de drogues",
            "De resocialisatie van druggebruikers bevorderen",
        ),
        (
            "youth-resocialisation",
            "Favoriser la resocialisation des jeunes en difficultés",
            "De resocialisatie van jongeren in moeilijkheden bevorderen",
        ),
        (
            "integrated-approach",
            "Promouvoir une approche intégrée et intégrale",
            "Een geïntegreerde en integrale aanpak bevorderen",
        ),
        ("social-control", "Favoriser le contrôle social", "De sociale controle bevorderen"),
        (
            "victimisation-effects",
            "Diminuer les effets négatifs liés à la victimisation",
            "De negatieve gevolgen van slachtofferschap verminderen",
        ),
        (
            "local-partnerships",
            "Développer les partenariats locaux de prévention",
            "Lokale preventiepartnerschappen ontwikkelen",
        ),
    )
)

# Catalogue of strategic objectives for the coordination module.
COORDINATION_OBJECTIVES: tuple[Named, ...] = tuple(
    Named(*row)
    for row in (
        (
            "plan-management",
            "Assurer le bon fonctionnement administratif, logistique et financier du plan et le "
            "suivi avec les autorités subsidiaires",
            "De goede administratieve, logistieke en financiële werking van het plan en de "
            "opvolging met de subsidiërende overheden verzekeren",
        ),
        (
            "synergy",
            "Assurer une synergie entre les différentes actions de prévention communales et une "
            "articulation avec la prévention policière zonale",
            "Een synergie verzekeren tussen de verschillende gemeentelijke preventieacties en een "
            "afstemming met de zonale politionele preventie",
        ),
        (
            "evaluation",
            "Assurer un processus d'évaluation permanente du plan",
            "Een permanent evaluatieproces van het plan verzekeren",
        ),
        (
            "public-information",
            "Assurer une information à la population",
            "De bevolking informeren",
        ),
    )
)

# Sectors of activity of the Contrat de sécurité et de société.
CSS_SECTORS: tuple[Named, ...] = tuple(
    Named(*row)
    for row in (
        (
            "police-zone-contribution",
            "Contribution au fonctionnement des zones de police",
            "Bijdrage aan de werking van de politiezones",
        ),
        (
            "municipal-projects",
            "Projets de sécurité et/ou socio-préventifs communaux",
            "Gemeentelijke veiligheids- en/of sociaal-preventieve projecten",
        ),
        (
            "police-zone-projects",
            "Versement d'une partie ou de la totalité de l'allocation à la zone de police dans le "
            "cadre de projets spécifiques",
            "Storting van een deel of het geheel van de toelage aan de politiezone voor specifieke projecten",
        ),
    )
)

# PGSP 2021-2024 (Brussels): thematic number, French and Dutch title, number of measures.
PGSP_THEMATICS: tuple[tuple[int, str, str, int], ...] = (
    (1, "Intégrité physique et psychique des personnes", "Fysieke en psychische integriteit van personen", 9),
    (2, "Polarisation et radicalisation", "Polarisering en radicalisering", 8),
    (3, "Drogues et assuétudes", "Drugs en verslavingen", 9),
    (4, "Traite et trafic des êtres humains", "Mensenhandel en mensensmokkel", 10),
    (5, "Atteintes aux biens", "Aantastingen van goederen", 7),
    (6, "Mobilité et sécurité routière", "Mobiliteit en verkeersveiligheid", 9),
    (7, "Environnement et incivilités", "Leefomgeving en overlast", 8),
    (8, "Trafic et fraude", "Handel en fraude", 8),
    (9, "Gestion de crise et résilience", "Crisisbeheer en veerkracht", 9),
)


# German names by code (phenomena, catalogue objectives, CSS sectors, PGSP thematics as "pgsp-N"),
# in the administrative German used in Belgium (Ostbelgien); a name missing here falls back to French.
GERMAN: dict[str, str] = {
    "burglary": "Einbruch",
    "organised-crime": "Organisierte Kriminalität",
    "cybercrime": "Cyberkriminalität",
    "sexual-offences": "Sexualdelinquenz",
    "extortion": "Erpressung",
    "fraud": "Finanz-, Wirtschafts-, Steuer- und Sozialbetrug und Korruption",
    "administrative-incivilities": "Administrativ sanktionierbare Belästigungen",
    "drug-nuisance": "Öffentliche Belästigungen im Zusammenhang mit Drogenkonsum",
    "social-nuisance": "Soziale Belästigungen",
    "racism-extremism": "Rassismus, Diskriminierung und Extremismus",
    "violent-radicalisation": "Gewaltbereite Radikalisierung",
    "road-safety": "Verkehrssicherheit",
    "terrorism": "Terrorismus",
    "drug-trafficking": "Drogenhandel",
    "violence-authority": "Gewalt gegen Inhaber repräsentativer Funktionen der öffentlichen Gewalt",
    "violence-lgbt": "Gewalt gegen Homosexuelle und Transgender",
    "violence-transport": "Gewalt in öffentlichen Verkehrsmitteln",
    "violence-school": "Gewalt im schulischen Umfeld",
    "partner-violence": "Partnergewalt",
    "violence-children": "Gewalt gegen Kinder",
    "violence-elderly": "Gewalt gegen ältere Menschen",
    "domestic-violence": "Innerfamiliäre Gewalt",
    "youth-violence": "Jugendgewalt",
    "honour-violence": "Ehrbezogene Gewalt und Zwangsehen",
    "gang-violence": "Gewalt durch städtische Banden",
    "event-violence": "Gewalt bei Veranstaltungen und öffentlichen Kundgebungen",
    "pickpocketing": "Taschendiebstahl",
    "shoplifting": "Ladendiebstahl",
    "armed-robbery": "Bewaffneter Raub",
    "robbery-with-violence": "Diebstahl mit Gewalt",
    "vehicle-theft": "Diebstahl von und aus Fahrzeugen",
    "bicycle-theft": "Fahrraddiebstahl",
    "theft-by-deception": "Trickdiebstahl",
    "coordination": "Koordination",
    "risk-behaviour": "Risikoverhalten verringern",
    "criminogenic-circumstances": "Auf kriminogene Umstände und das kriminogene Umfeld einwirken",
    "deter-offenders": "Potenzielle Täter abschrecken",
    "drug-user-resocialisation": "Die Resozialisierung von Drogenkonsumenten fördern",
    "youth-resocialisation": "Die Resozialisierung von Jugendlichen in Schwierigkeiten fördern",
    "integrated-approach": "Einen integrierten und integralen Ansatz fördern",
    "social-control": "Die soziale Kontrolle fördern",
    "victimisation-effects": "Die negativen Folgen der Viktimisierung verringern",
    "local-partnerships": "Lokale Präventionspartnerschaften entwickeln",
    "plan-management": (
        "Die ordnungsgemäße administrative, logistische und finanzielle Abwicklung des Plans und die "
        "Nachverfolgung mit den bezuschussenden Behörden sicherstellen"
    ),
    "synergy": (
        "Eine Synergie zwischen den verschiedenen kommunalen Präventionsmaßnahmen und eine Abstimmung "
        "mit der zonalen polizeilichen Prävention sicherstellen"
    ),
    "evaluation": "Einen ständigen Evaluierungsprozess des Plans sicherstellen",
    "public-information": "Die Bevölkerung informieren",
    "police-zone-contribution": "Beitrag zur Arbeitsweise der Polizeizonen",
    "municipal-projects": "Kommunale Sicherheits- und/oder sozialpräventive Projekte",
    "police-zone-projects": (
        "Überweisung eines Teils oder der Gesamtheit der Zuwendung an die Polizeizone im Rahmen "
        "spezifischer Projekte"
    ),
    "pgsp-1": "Körperliche und psychische Unversehrtheit von Personen",
    "pgsp-2": "Polarisierung und Radikalisierung",
    "pgsp-3": "Drogen und Suchtverhalten",
    "pgsp-4": "Menschenhandel und Menschenschmuggel",
    "pgsp-5": "Eigentumsdelikte",
    "pgsp-6": "Mobilität und Verkehrssicherheit",
    "pgsp-7": "Umwelt und Belästigungen",
    "pgsp-8": "Handel und Betrug",
    "pgsp-9": "Krisenmanagement und Resilienz",
    "BE-BRU": "Region Brüssel-Hauptstadt",
    "IBZ": "FÖD Inneres",
}


def pgsp_measure_codes() -> list[str]:
    """The 77 measure codes, ``"1.1"`` … ``"9.9"``."""
    return [f"{number}.{n}" for number, _fr, _nl, count in PGSP_THEMATICS for n in range(1, count + 1)]


class Organisation(NamedTuple):
    kind: str
    code: str
    fr: str
    nl: str


# The 19 Brussels municipalities (NIS code) and the 6 Brussels police zones (zone number).
BRUSSELS_MUNICIPALITIES: tuple[Organisation, ...] = tuple(
    Organisation("municipality", *row)
    for row in (
        ("21001", "Anderlecht", "Anderlecht"),
        ("21002", "Auderghem", "Oudergem"),
        ("21003", "Berchem-Sainte-Agathe", "Sint-Agatha-Berchem"),
        ("21004", "Bruxelles", "Brussel"),
        ("21005", "Etterbeek", "Etterbeek"),
        ("21006", "Evere", "Evere"),
        ("21007", "Forest", "Vorst"),
        ("21008", "Ganshoren", "Ganshoren"),
        ("21009", "Ixelles", "Elsene"),
        ("21010", "Jette", "Jette"),
        ("21011", "Koekelberg", "Koekelberg"),
        ("21012", "Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek"),
        ("21013", "Saint-Gilles", "Sint-Gillis"),
        ("21014", "Saint-Josse-ten-Noode", "Sint-Joost-ten-Node"),
        ("21015", "Schaerbeek", "Schaarbeek"),
        ("21016", "Uccle", "Ukkel"),
        ("21017", "Watermael-Boitsfort", "Watermaal-Bosvoorde"),
        ("21018", "Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe"),
        ("21019", "Woluwe-Saint-Pierre", "Sint-Pieters-Woluwe"),
    )
)

BRUSSELS_POLICE_ZONES: tuple[Organisation, ...] = tuple(
    Organisation("police_zone", *row)
    for row in (
        ("5339", "Bruxelles-Capitale/Ixelles", "Brussel-Hoofdstad/Elsene"),
        ("5340", "Bruxelles-Ouest", "Brussel-West"),
        ("5341", "Midi", "Zuid"),
        ("5342", "Uccle/Watermael-Boitsfort/Auderghem", "Ukkel/Watermaal-Bosvoorde/Oudergem"),
        ("5343", "Montgomery", "Montgomery"),
        ("5344", "Bruxelles-Nord", "Brussel-Noord"),
    )
)

# Municipalities of each Brussels police zone (NIS codes).
POLICE_ZONE_MUNICIPALITIES: dict[str, tuple[str, ...]] = {
    "5339": ("21004", "21009"),
    "5340": ("21003", "21008", "21010", "21011", "21012"),
    "5341": ("21001", "21007", "21013"),
    "5342": ("21002", "21016", "21017"),
    "5343": ("21005", "21018", "21019"),
    "5344": ("21006", "21014", "21015"),
}


class Labelled(NamedTuple):
    code: str
    fr: str
    nl: str
    de: str


# The dimensions every municipality shares, with their categories (code, French, Dutch, German).
# Districts differ in every municipality: each defines its own (a dimension with its organisation).
DIMENSIONS: tuple[tuple[Labelled, tuple[Labelled, ...]], ...] = (
    (
        Labelled("sex", "Sexe", "Geslacht", "Geschlecht"),
        (
            Labelled("female", "Femme", "Vrouw", "Frau"),
            Labelled("male", "Homme", "Man", "Mann"),
            Labelled("other", "Autre ou non précisé", "Ander of niet vermeld", "Andere oder nicht angegeben"),
        ),
    ),
    (
        Labelled("age_band", "Tranche d'âge", "Leeftijdsgroep", "Altersgruppe"),
        (
            Labelled("0-11", "0 à 11 ans", "0 tot 11 jaar", "0 bis 11 Jahre"),
            Labelled("12-17", "12 à 17 ans", "12 tot 17 jaar", "12 bis 17 Jahre"),
            Labelled("18-25", "18 à 25 ans", "18 tot 25 jaar", "18 bis 25 Jahre"),
            Labelled("26-64", "26 à 64 ans", "26 tot 64 jaar", "26 bis 64 Jahre"),
            Labelled("65+", "65 ans et plus", "65 jaar en ouder", "65 Jahre und älter"),
        ),
    ),
    (
        Labelled("channel", "Canal", "Kanaal", "Kanal"),
        (
            Labelled("in-person", "En personne", "Persoonlijk", "Persönlich"),
            Labelled("phone", "Par téléphone", "Telefonisch", "Telefonisch"),
            Labelled("online", "En ligne", "Online", "Online"),
            Labelled("street", "En rue", "Op straat", "Auf der Straße"),
        ),
    ),
)
