"""Zonal security plans (kind ``pzs``), written by hand for the corpus.

Per priority a sheet: strategic objective, effect indicator with its reference value and the target
for 2025, the pilot; then an action table (operational objective | approach | result indicator |
norm). Targets and norms are written in their own cells, so indicator texts do not repeat them.
"""

from __future__ import annotations

from datetime import date

from balise.domain.outline import PlanOutline
from tests.corpus.spec import count, deadline, hours, ind, module, oo, percent, plan, so, yes_no


def zone_midi() -> PlanOutline:
    """Zone de police Midi (5341: Anderlecht, Forest, Saint-Gilles), 2020-2025, French."""
    return plan(
        "pzs",
        "Plan zonal de sécurité 2020-2025",
        "Zone de police Midi",
        "fr",
        (2020, 2025),
        [
            module(
                "Cambriolage",
                so(
                    "Contribuer à la diminution du nombre de cambriolages dans les habitations",
                    oo(
                        "Renforcer la présence policière dans les quartiers les plus touchés",
                        indicators=[
                            ind("Nombre de patrouilles ciblées réalisées", count("≥ 150/an", 150, "year"))
                        ],
                        approach="Patrouilles orientées sur la base de l'analyse hebdomadaire des faits",
                    ),
                    oo(
                        "Offrir des conseils de technoprévention avec les services communaux",
                        indicators=[ind("Nombre de conseils donnés", count("≥ 100/an", 100, "year"))],
                        approach="Collaboration avec les conseillers en prévention vol des trois communes",
                    ),
                    indicators=[
                        ind(
                            "Nombre de cambriolages dans les habitations enregistrés",
                            count("≤ 1 150", 1150, cmp="<="),
                            reference="1 284 faits (2019)",
                        )
                    ],
                    pilot="Directeur des opérations",
                ),
            ),
            module(
                "Violence intrafamiliale",
                so(
                    "Contribuer à une meilleure prise en charge des victimes de violences intrafamiliales",
                    oo(
                        "Former les inspecteurs de quartier à l'accueil des victimes",
                        indicators=[ind("Part des inspecteurs formés", percent("100 %", 100))],
                        approach="Formation interne de deux jours donnée par le service d'assistance "
                        "policière",
                    ),
                    oo(
                        "Assurer le suivi de chaque dossier à haut risque en concertation de cas",
                        indicators=[
                            ind(
                                "Dossiers à haut risque discutés en concertation", percent("≥ 90 %", 90, ">=")
                            )
                        ],
                        approach="Concertation mensuelle avec le parquet et la maison de justice",
                    ),
                    indicators=[
                        ind(
                            "Taux de victimes recontactées dans les 72 heures",
                            percent("≥ 80 %", 80, ">="),
                            reference="46 % (2019)",
                        )
                    ],
                    pilot="Chef du service d'assistance policière aux victimes",
                ),
            ),
            module(
                "Fonctionnement orienté vers la communauté",
                so(
                    "Contribuer à la confiance de la population dans la police",
                    oo(
                        "Tenir des permanences de quartier dans chaque commissariat",
                        indicators=[
                            ind("Heures de permanence par commissariat", hours("≥ 4 h/semaine", 4, "week"))
                        ],
                        approach="Permanences sans rendez-vous le samedi matin",
                    ),
                    indicators=[
                        ind(
                            "Part des habitants satisfaits du contact avec la police",
                            percent("≥ 70 %", 70, ">="),
                            reference="61 % (Moniteur de sécurité 2018)",
                        )
                    ],
                    pilot="Commissaire de la division Proximité",
                ),
                kind="theme",
            ),
        ],
    )


def zone_brussel_noord() -> PlanOutline:
    """Politiezone Brussel-Noord (5344: Evere, Sint-Joost-ten-Node, Schaarbeek), 2020-2025, Dutch."""
    return plan(
        "pzs",
        "Zonaal veiligheidsplan 2020-2025",
        "Politiezone Brussel-Noord",
        "nl",
        (2020, 2025),
        [
            module(
                "Drugtrafiek",
                so(
                    "Bijdragen tot het terugdringen van de straathandel in drugs rond het Noordstation",
                    oo(
                        "Gerichte controles uitvoeren op de gekende dealplaatsen",
                        indicators=[ind("Aantal gerichte controleacties", count("≥ 52/jaar", 52, "year"))],
                        approach="Wekelijkse actie van de interventiedienst en de recherche",
                    ),
                    oo(
                        "Informatie uitwisselen met de preventiediensten van de drie gemeenten",
                        indicators=[ind("Informatie-uitwisseling georganiseerd", yes_no("Ja/Nee"))],
                        approach="Maandelijks overleg met de preventieambtenaren",
                    ),
                    indicators=[
                        ind(
                            "Aantal meldingen van drugsoverlast door bewoners",
                            count("≤ 300/jaar", 300, "year", cmp="<="),
                            reference="412 meldingen (2019)",
                        )
                    ],
                    pilot="Diensthoofd Recherche",
                ),
            ),
            module(
                "Verkeersveiligheid",
                so(
                    "Bijdragen tot de daling van het aantal verkeersongevallen met lichamelijk letsel",
                    oo(
                        "Snelheidscontroles uitvoeren in de zones 30 en aan de scholen",
                        indicators=[ind("Aantal uren snelheidscontrole", hours("≥ 20 u/maand", 20, "month"))],
                        approach="Mobiele flitscontroles volgens het jaarlijkse controleplan",
                    ),
                    oo(
                        "Het verkeersveiligheidsplan van de zone afronden",
                        indicators=[
                            ind(
                                "Plan goedgekeurd door de zoneraad",
                                deadline("tegen eind 2022", date(2022, 12, 31)),
                            )
                        ],
                        approach="Werkgroep met de mobiliteitsdiensten van de gemeenten",
                    ),
                    indicators=[
                        ind(
                            "Aantal letselongevallen",
                            count("≤ 420/jaar", 420, "year", cmp="<="),
                            reference="488 ongevallen (2019)",
                        )
                    ],
                    pilot="Diensthoofd Verkeer",
                ),
            ),
        ],
    )
