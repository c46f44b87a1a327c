"""French PSSPs, written by hand for the corpus (not taken from the seeds).

Texts use straight apostrophes: writers that imitate Word's autocorrect print them curly, and
the importer is expected to bring them back.
"""

from __future__ import annotations

from datetime import date

from balise.domain.outline import PlanOutline
from tests.corpus.spec import count, deadline, hours, ind, module, oo, percent, plan, so, yes_no


def forest() -> PlanOutline:
    """Forest, 2020-2025: coordination and three phenomena, every target notation of the genre."""
    return plan(
        "pssp",
        "Plan stratégique de sécurité et de prévention 2020-2025",
        "Forest",
        "fr",
        (2020, 2025),
        [
            module(
                "Coordination",
                so(
                    "Assurer la coordination stratégique du plan",
                    oo(
                        "Organiser le conseil consultatif de prévention avec les partenaires locaux",
                        ["Les partenaires de la zone de police Midi et du CPAS participent aux réunions"],
                        [ind("Nombre de réunions du conseil consultatif tenues", count("≥ 4/an", 4, "year"))],
                    ),
                    oo(
                        "Transmettre les rapports d'activités et financiers dans les délais",
                        ["Les rapports sont introduits auprès du SPF Intérieur avant l'échéance"],
                        [ind("Rapports transmis dans les délais", yes_no("Oui/Non"))],
                    ),
                ),
                kind="coordination",
            ),
            module(
                "Cambriolage",
                so(
                    "Agir sur les circonstances et l'environnement criminogènes",
                    oo(
                        "Proposer des visites de technoprévention aux habitants des quartiers Saint-Denis "
                        "et Bempt",
                        [
                            "Les habitants connaissent le service de conseil en technoprévention",
                            "Les victimes reçoivent une visite dans les quinze jours suivant leur demande",
                        ],
                        [
                            ind(
                                "Nombre de visites de technoprévention réalisées",
                                count("≥ 50/an", 50, "year"),
                            ),
                            ind(
                                "Part des victimes ayant reçu une visite dans les quinze jours",
                                percent("80 %", 80),
                            ),
                        ],
                    ),
                    oo(
                        "Sensibiliser les commerçants de la chaussée de Neerstalle à la sécurisation de "
                        "leurs locaux",
                        ["Une campagne d'affichage est menée avant les congés d'été"],
                        [
                            ind(
                                "Nombre de commerces visités par les gardiens de la paix",
                                count("≥ 120/an", 120, "year"),
                            )
                        ],
                    ),
                ),
            ),
            module(
                "Nuisances sociales",
                so(
                    "Favoriser le contrôle social",
                    oo(
                        "Assurer une présence préventive des gardiens de la paix aux abords des écoles et "
                        "dans les parcs",
                        [
                            "Les gardiens de la paix sont présents aux heures d'entrée et de sortie "
                            "des écoles",
                            "Les usagers du parc de Forest signalent moins de nuisances",
                        ],
                        [
                            ind(
                                "Heures de présence des gardiens de la paix en rue",
                                hours("≥ 7 h/jour", 7, "day"),
                            ),
                            ind(
                                "Nombre de signalements transmis au service propreté",
                                count("≥ 200/an", 200, "year"),
                            ),
                        ],
                    ),
                ),
                so(
                    "Diminuer les comportements à risque",
                    oo(
                        "Développer la médiation de voisinage pour les conflits entre habitants",
                        ["Les conflits de voisinage sont traités sans recours à la police"],
                        [ind("Taux de médiations clôturées par un accord", percent("≥ 60 %", 60, ">="))],
                    ),
                ),
            ),
            module(
                "Violence intrafamiliale",
                so(
                    "Diminuer les effets négatifs liés à la victimisation",
                    oo(
                        "Accompagner les victimes de violences intrafamiliales orientées par la police",
                        [
                            "Chaque victime orientée est contactée par le service d'aide aux victimes",
                            "Un protocole de collaboration est signé avec le CPAS",
                        ],
                        [
                            ind(
                                "Protocole de collaboration signé",
                                deadline("d'ici fin 2021", date(2021, 12, 31)),
                            ),
                            ind("Nombre de victimes accompagnées", count(">/= 30/an", 30, "year")),
                        ],
                    ),
                ),
            ),
        ],
    )


def schaerbeek() -> PlanOutline:
    """Schaerbeek, 2023-2025: modules named by the phenomenon only, a service per objective."""
    return plan(
        "pssp",
        "Plan stratégique de sécurité et de prévention 2023-2025",
        "Schaerbeek",
        "fr",
        (2023, 2025),
        [
            module(
                "Nuisances publiques liées à l'usage de drogues",
                so(
                    "Favoriser la resocialisation des usagers de drogues",
                    oo(
                        "Organiser un travail de rue auprès des usagers de drogues autour de la gare du Nord",
                        [
                            "Les usagers rencontrés sont orientés vers les services d'accueil à bas seuil",
                            "Le matériel de consommation usagé est ramassé chaque semaine",
                        ],
                        [
                            ind("Nombre d'heures de travail de rue", hours("≥ 12 h/semaine", 12, "week")),
                            ind("Nombre d'orientations vers le réseau d'aide", count("≥ 80/an", 80, "year")),
                        ],
                    ),
                    oo(
                        "Réunir les riverains et les acteurs de terrain autour de la place Liedts",
                        ["Un comité de suivi se réunit chaque trimestre"],
                        [ind("Comité de suivi installé", yes_no("Oui/Non"))],
                    ),
                    service="Travail de rue",
                ),
            ),
            module(
                "Vol de vélo",
                so(
                    "Agir sur les circonstances et l'environnement criminogènes",
                    oo(
                        "Installer des box vélos sécurisés dans les quartiers denses",
                        ["Les box sont installés en concertation avec les habitants"],
                        [ind("Nombre de box vélos installés", count("≥ 15/an", 15, "year"))],
                    ),
                    oo(
                        "Organiser des séances de gravage de vélos",
                        ["Les cyclistes font graver leur vélo lors des événements de quartier"],
                        [
                            ind("Nombre de vélos gravés", count(">= 300 / an", 300, "year")),
                            ind("Séances de gravage organisées", count("6x/an", 6, "year", cmp=None)),
                        ],
                    ),
                    service="Gardiens de la Paix",
                ),
            ),
            module(
                "Violence juvénile",
                so(
                    "Favoriser la resocialisation des jeunes en difficultés",
                    oo(
                        "Accompagner les jeunes exclus de l'école vers une solution de formation",
                        [
                            "Les jeunes suivis reprennent une scolarité ou une formation",
                            "Les familles sont associées au projet individuel",
                        ],
                        [
                            ind("Part des jeunes suivis inscrits en formation", percent("50 %", 50)),
                            ind("Nombre de jeunes suivis", count("≥ 40/an", 40, "year")),
                        ],
                    ),
                    service="Service d'accrochage scolaire",
                ),
            ),
        ],
    )


def seraing() -> PlanOutline:
    """Seraing, 2020-2025: a Walloon city, vehicle theft and violence at school, long wording."""
    return plan(
        "pssp",
        "Plan stratégique de sécurité et de prévention",
        "Seraing",
        "fr",
        (2020, 2025),
        [
            module(
                "Coordination",
                so(
                    "Assurer un processus d'évaluation permanente du plan",
                    oo(
                        "Tenir à jour les tableaux de bord de chaque projet et les présenter au comité "
                        "d'accompagnement",
                        [
                            "Les tableaux de bord sont complétés chaque trimestre par les "
                            "responsables de projet"
                        ],
                        [
                            ind(
                                "Nombre de comités d'accompagnement réunis",
                                count("2x/an", 2, "year", cmp=None),
                            )
                        ],
                    ),
                ),
                kind="coordination",
            ),
            module(
                "Vol de et dans véhicules",
                so(
                    "Dissuader les auteurs potentiels d'infraction",
                    oo(
                        "Déployer des caméras de vidéo-surveillance mobiles sur les parkings du centre et "
                        "de la gare de Jemeppe",
                        [
                            "Les caméras sont déplacées selon l'analyse mensuelle des faits enregistrés",
                            "Les images utiles sont transmises à la zone de police Seraing-Neupré",
                        ],
                        [
                            ind("Nombre de déplacements de caméras", count(">/= à 24 par an", 24, "year")),
                            ind(
                                "Diminution des vols dans véhicules sur les parkings surveillés",
                                percent("≥ 15 %", 15, ">="),
                            ),
                        ],
                    ),
                    oo(
                        "Informer les automobilistes par des actions de sensibilisation sur les parkings",
                        ["Des dépliants sont déposés sur les véhicules laissant des objets visibles"],
                        [ind("Nombre d'actions de sensibilisation", count("au moins 10 par an", 10, "year"))],
                    ),
                ),
            ),
            module(
                "Violence en milieu scolaire",
                so(
                    "Diminuer les comportements à risque",
                    oo(
                        "Animer des ateliers de gestion des conflits dans les écoles secondaires de l'entité",
                        [
                            "Les élèves de première et deuxième secondaire participent à au moins un atelier",
                            "Les enseignants relais sont formés à la médiation par les pairs",
                        ],
                        [
                            ind("Nombre d'ateliers animés", count("≥ 60/an", 60, "year")),
                            ind("Part des écoles secondaires participantes", percent("100 %", 100)),
                        ],
                    ),
                ),
            ),
        ],
    )


def anderlecht() -> PlanOutline:
    """Anderlecht, 2020-2025 (zone Midi): the French label/value template, general objectives."""
    return plan(
        "pssp",
        "Plan stratégique de sécurité et de prévention 2020-2025",
        "Anderlecht",
        "fr",
        (2020, 2025),
        [
            module(
                "Cambriolage",
                so(
                    "Agir sur les circonstances et l'environnement criminogènes",
                    oo(
                        "Sécuriser les logements sociaux du quartier de la Roue par des conseils ciblés",
                        ["Les locataires sont informés des gestes de prévention à l'arrivée"],
                        [ind("Nombre de logements visités", count("≥ 80/an", 80, "year"))],
                    ),
                ),
                general=["Réduire le nombre de cambriolages dans les habitations"],
            ),
            module(
                "Vol à la tire",
                so(
                    "Diminuer les comportements à risque",
                    oo(
                        "Sensibiliser les usagers du marché des Abattoirs aux vols à la tire",
                        [
                            "Des stands d'information sont tenus les jours de marché",
                            "Les commerçants relaient les consignes de vigilance",
                        ],
                        [
                            ind("Nombre de matinées de sensibilisation", count("≥ 24/an", 24, "year")),
                            ind("Dépliants distribués en quatre langues", yes_no("Oui/Non")),
                        ],
                    ),
                ),
                general=["Prévenir les vols à la tire dans les lieux de grande affluence"],
            ),
        ],
    )
