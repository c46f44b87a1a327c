"""Dutch SVPPs, written by hand for the corpus."""

from __future__ import annotations

from datetime import date

from balise.domain.outline import PlanOutline
from tests.corpus.spec import count, deadline, hours, ind, module, oo, percent, plan, so, yes_no


def vilvoorde() -> PlanOutline:
    """Vilvoorde, 2020-2025: coordination, burglary, social nuisance, bicycle theft."""
    return plan(
        "pssp",
        "Strategisch veiligheids- en preventieplan 2020-2025",
        "Vilvoorde",
        "nl",
        (2020, 2025),
        [
            module(
                "Coördinatie",
                so(
                    "Een permanent evaluatieproces van het plan verzekeren",
                    oo(
                        "De lokale veiligheidsdiagnose jaarlijks actualiseren met de politiezone",
                        ["De diagnose wordt voorgesteld aan het college van burgemeester en schepenen"],
                        [ind("Geactualiseerde veiligheidsdiagnose", yes_no("Ja/Nee"))],
                    ),
                ),
                kind="coordination",
            ),
            module(
                "Inbraak",
                so(
                    "Inwerken op criminogene omstandigheden en omgeving",
                    oo(
                        "Gratis diefstalpreventieadvies aanbieden aan bewoners en handelaars",
                        [
                            "Bewoners vragen een adviesbezoek aan via het loket of de website",
                            "Slachtoffers van een inbraak krijgen binnen twee weken een bezoek",
                        ],
                        [
                            ind("Aantal diefstalpreventieadviezen", count("≥ 60/jaar", 60, "year")),
                            ind("Aandeel slachtoffers bezocht binnen twee weken", percent("75 %", 75)),
                        ],
                    ),
                    oo(
                        "Buurtinformatienetwerken uitbreiden naar de wijken Koningslo en Far West",
                        [
                            "Elk nieuw netwerk heeft een coördinator en een vaste contactpersoon bij "
                            "de politie"
                        ],
                        [ind("Aantal actieve buurtinformatienetwerken", count("≥ 8", 8))],
                    ),
                ),
            ),
            module(
                "Sociale overlast",
                so(
                    "De sociale controle bevorderen",
                    oo(
                        "Gemeenschapswachten inzetten in het stadscentrum en aan de stations",
                        [
                            "De gemeenschapswachten zijn zichtbaar aanwezig tijdens de drukke uren",
                            "Meldingen van overlast worden doorgegeven aan de bevoegde diensten",
                        ],
                        [
                            ind("Aantal uren aanwezigheid op straat", hours("≥ 6 u/dag", 6, "day")),
                            ind("Aantal doorgegeven meldingen", count("≥ 250/jaar", 250, "year")),
                        ],
                    ),
                    oo(
                        "Een buurtbemiddelingsdienst aanbieden voor conflicten tussen buren",
                        ["Conflicten worden opgelost zonder tussenkomst van de politie"],
                        [ind("Aandeel bemiddelingen met een akkoord", percent("≥ 55 %", 55, ">="))],
                    ),
                ),
            ),
            module(
                "Fietsdiefstal",
                so(
                    "Risicogedrag verminderen",
                    oo(
                        "Fietsen graveren en registreren tijdens wijkactiviteiten",
                        ["Inwoners laten hun fiets registreren in de nationale databank"],
                        [ind("Aantal gegraveerde fietsen", count("≥ 20/jaar", 20, "year"))],
                    ),
                    oo(
                        "Beveiligde fietsenstallingen plaatsen aan het station",
                        ["De stalling is in gebruik genomen"],
                        [ind("Fietsenstalling in gebruik", deadline("tegen eind 2025", date(2025, 12, 31)))],
                    ),
                ),
            ),
        ],
    )


def oostende() -> PlanOutline:
    """Oostende, 2020-2025: drug nuisance, partner violence, road safety."""
    return plan(
        "pssp",
        "Strategisch veiligheids- en preventieplan",
        "Oostende",
        "nl",
        (2020, 2025),
        [
            module(
                "Druggerelateerde maatschappelijke overlast",
                so(
                    "De resocialisatie van druggebruikers bevorderen",
                    oo(
                        "Straathoekwerk organiseren rond het Mijnplein en de Kapellestraat",
                        [
                            "Druggebruikers worden toegeleid naar de drughulpverlening",
                            "Achtergelaten spuiten worden dagelijks opgeruimd",
                        ],
                        [
                            ind("Aantal uren straathoekwerk", hours("≥ 15 u/week", 15, "week")),
                            ind("Aantal toeleidingen naar de hulpverlening", count("≥ 40/jaar", 40, "year")),
                        ],
                    ),
                ),
            ),
            module(
                "Partnergeweld",
                so(
                    "De negatieve gevolgen van slachtofferschap verminderen",
                    oo(
                        "Een ketenaanpak partnergeweld opzetten met justitie, politie en hulpverlening",
                        [
                            "Het casusoverleg komt maandelijks samen",
                            "Hoog-risicodossiers worden binnen een week besproken",
                        ],
                        [
                            ind("Aantal casusoverleggen", count("minstens 10 per jaar", 10, "year")),
                            ind("Samenwerkingsprotocol ondertekend", yes_no("Ja/Nee")),
                        ],
                    ),
                ),
            ),
            module(
                "Verkeersveiligheid",
                so(
                    "Potentiële daders ontraden",
                    oo(
                        "Sensibiliseringsacties voeren aan de schoolpoorten",
                        ["Ouders en leerlingen kennen de schoolstraten en de snelheidsbeperking"],
                        [ind("Aantal acties aan de schoolpoorten", count("≥ 12/jaar", 12, "year"))],
                    ),
                    oo(
                        "Snelheidsinformatieborden plaatsen op de invalswegen",
                        ["De borden worden om de drie maanden verplaatst"],
                        [ind("Aandeel bestuurders dat de snelheid respecteert", percent("≥ 85 %", 85, ">="))],
                    ),
                ),
            ),
        ],
    )


def mechelen() -> PlanOutline:
    """Mechelen, 2020-2025: general objectives per module, objectives as lettered lists."""
    return plan(
        "pssp",
        "Strategisch veiligheids- en preventieplan Mechelen",
        "Mechelen",
        "nl",
        (2020, 2025),
        [
            module(
                "Winkeldiefstal",
                so(
                    "Lokale preventiepartnerschappen ontwikkelen",
                    oo(
                        "Een samenwerkingsakkoord sluiten met de handelaarsverenigingen van de binnenstad",
                        ["De handelaars melden diefstallen via één meldpunt"],
                        [
                            ind("Samenwerkingsakkoord ondertekend", yes_no("Ja/Nee")),
                            ind("Aantal aangesloten handelaars", count("≥ 75", 75)),
                        ],
                    ),
                    oo(
                        "Winkelpersoneel opleiden in het herkennen van diefstalgedrag",
                        [
                            "Elke deelnemende winkel heeft minstens één opgeleide medewerker",
                            "De opleiding wordt twee keer per jaar herhaald",
                        ],
                        [ind("Aantal opgeleide medewerkers", count("≥ 40 per jaar", 40, "year"))],
                    ),
                ),
                general=["Het aantal winkeldiefstallen in de binnenstad verminderen"],
            ),
            module(
                "Jongerengeweld",
                so(
                    "De resocialisatie van jongeren in moeilijkheden bevorderen",
                    oo(
                        "Jongerenwerkers inzetten in de wijken Nekkerspoel en Tinel",
                        [
                            "Jongeren worden toegeleid naar vrijetijdsaanbod en hulpverlening",
                            "Conflicten in de publieke ruimte worden vroegtijdig gesignaleerd",
                        ],
                        [
                            ind("Aantal uren jongerenwerk in de wijken", hours("≥ 20 u/week", 20, "week")),
                            ind("Aandeel toegeleide jongeren dat het aanbod volgt", percent("60 %", 60)),
                        ],
                    ),
                ),
                general=["Geweld door en tegen jongeren in de publieke ruimte terugdringen"],
            ),
        ],
    )
