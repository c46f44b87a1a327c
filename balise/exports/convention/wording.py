"""The fixed texts of the convention, through gettext, with the national template's own wording.

The importer (`balise.imports.pssp_table`) reads these texts back, so their French and Dutch
must be the template's words ("Objectifs opérationnels", "Analyse SPF IBZ"…). Until the catalogues
carry a translation, `tr` falls back to the wording below; `test_convention_wording` checks that a
translation, once present, still says the same.
"""

from __future__ import annotations

from django.utils.translation import get_language, gettext, gettext_noop

# msgid (English) → (French, Dutch), as in the PSSP/SVPP 2023-2024 national template.
TEMPLATE: dict[str, tuple[str, str]] = {
    gettext_noop("Strategic Security and Prevention Plan"): (
        "Plan Stratégique de Sécurité et de Prévention",
        "Strategisch Veiligheids- en Preventieplan",
    ),
    gettext_noop("Security and Society Contract"): (
        "Contrat de sécurité et de société",
        "Veiligheids- en samenlevingscontract",
    ),
    gettext_noop("Global Security and Prevention Plan"): (
        "Plan global de sécurité et de prévention",
        "Globaal veiligheids- en preventieplan",
    ),
    gettext_noop("Local Prevention and Proximity Plan"): (
        "Plan local de prévention et de proximité",
        "Lokaal preventie- en nabijheidsplan",
    ),
    gettext_noop("Zonal Security Plan"): ("Plan zonal de sécurité", "Zonaal veiligheidsplan"),
    gettext_noop("Security and Prevention Plan"): (
        "Plan de sécurité et de prévention",
        "Veiligheids- en preventieplan",
    ),
    gettext_noop("Title: %(title)s"): ("Intitulé : %(title)s", "Titel: %(title)s"),
    gettext_noop("MUNICIPALITY OF %(name)s"): ("COMMUNE DE %(name)s", "GEMEENTE %(name)s"),
    gettext_noop("MUNICIPALITY OF %(name)s [name starting with a vowel]"): (
        "COMMUNE D'%(name)s",
        "GEMEENTE %(name)s",
    ),
    gettext_noop("MUNICIPALITY (name)"): ("COMMUNE (nom)", "GEMEENTE (naam)"),
    gettext_noop("the MUNICIPALITY of %(name)s"): ("la COMMUNE de %(name)s", "de GEMEENTE %(name)s"),
    gettext_noop("the MUNICIPALITY of %(name)s [name starting with a vowel]"): (
        "la COMMUNE d'%(name)s",
        "de GEMEENTE %(name)s",
    ),
    gettext_noop("the Municipality"): ("la Commune", "de Gemeente"),
    gettext_noop("period: %(start)s - %(end)s"): (
        "période : %(start)s - %(end)s",
        "periode : %(start)s - %(end)s",
    ),
    gettext_noop("Evaluation: year %(year)s"): ("Évaluation : année %(year)s", "Evaluatie: jaar %(year)s"),
    gettext_noop("Between on the one hand:"): ("Entre d'une part :", "Tussen enerzijds:"),
    gettext_noop("And on the other hand:"): ("Et d'autre part :", "En anderzijds:"),
    gettext_noop("It is agreed as follows:"): (
        "Est convenu ce qui suit :",
        "Wordt overeengekomen wat volgt:",
    ),
    gettext_noop("General provisions"): ("Dispositions générales", "Algemene bepalingen"),
    gettext_noop(
        "On the basis of this plan and of the royal decree, and subject to the available credits, an "
        "annual amount of %(amount)s is granted to %(beneficiary)s."
    ): (
        "Sur base du présent plan et eu égard aux dispositions de l'Arrêté royal et sous réserve des "
        "crédits disponibles, un montant annuel de %(amount)s est attribué à %(beneficiary)s.",
        "Op basis van dit plan en van het koninklijk besluit, en onder voorbehoud van de beschikbare "
        "kredieten, wordt een jaarlijks bedrag van %(amount)s toegekend aan %(beneficiary)s.",
    ),
    gettext_noop(
        "An additional annual amount of %(amount)s is allocated to the additional contingent %(name)s, "
        "distributed as follows:"
    ): (
        "Un montant supplémentaire annuel de %(amount)s est alloué au contingent complémentaire "
        "%(name)s, suivant la répartition suivante :",
        "Een bijkomend jaarlijks bedrag van %(amount)s wordt toegekend aan het aanvullend contingent "
        "%(name)s, volgens de volgende verdeling:",
    ),
    gettext_noop("Number/Working hours"): ("Nombre/Régime horaire", "Aantal/Uurregeling"),
    gettext_noop("Financial contribution"): ("Intervention financière", "Financiële tussenkomst"),
    gettext_noop("Total"): ("Total", "Totaal"),
    gettext_noop("Personnel costs"): ("Frais de personnel", "Personeelskosten"),
    gettext_noop("Equipment and training costs *"): (
        "Frais d'équipement et de formation *",
        "Uitrustings- en opleidingskosten *",
    ),
    gettext_noop("TOTAL"): ("TOTAL", "TOTAAL"),
    gettext_noop("%(fte)s FTE"): ("%(fte)s ETP", "%(fte)s VTE"),
    gettext_noop("%(rate)s × %(fte)s FTE × %(months)s months"): (
        "%(rate)s × %(fte)s ETP × %(months)s mois",
        "%(rate)s × %(fte)s VTE × %(months)s maanden",
    ),
    gettext_noop("* Maximum %(cap)s per FTE"): ("* Maximum %(cap)s par ETP", "* Maximum %(cap)s per VTE"),
    gettext_noop("This plan comes into force on %(start)s and ends on %(end)s."): (
        "Le présent plan entre en vigueur le %(start)s et se termine le %(end)s.",
        "Dit plan treedt in werking op %(start)s en eindigt op %(end)s.",
    ),
    gettext_noop(
        "The local authorities undertake to use the federal subsidies as effectively and efficiently "
        "as possible, to provide on request any useful information on their use and to allow any "
        "control."
    ): (
        "Les autorités locales s'engagent à utiliser les subsides de l'Etat fédéral de la manière la "
        "plus efficace et la plus efficiente, à fournir à la demande toute information utile sur "
        "l'affectation de ces subsides et à permettre tout contrôle.",
        "De lokale overheden verbinden zich ertoe de federale subsidies zo doeltreffend en doelmatig "
        "mogelijk te gebruiken, op verzoek alle nuttige informatie over de besteding ervan te "
        "verstrekken en elke controle toe te laten.",
    ),
    gettext_noop("COORDINATION"): ("COORDINATION", "COÖRDINATIE"),
    gettext_noop("PHENOMENON %(number)s"): ("PHENOMENE %(number)s", "FENOMEEN %(number)s"),
    gettext_noop("SECTOR OF ACTIVITY %(number)s"): (
        "SECTEUR D'ACTIVITE %(number)s",
        "ACTIVITEITENSECTOR %(number)s",
    ),
    gettext_noop("General objectives"): ("Objectifs généraux", "Algemene doelstellingen"),
    gettext_noop("Strategic objectives"): ("Objectifs stratégiques", "Strategische doelstellingen"),
    gettext_noop("Service: %(name)s"): ("Service : %(name)s", "Dienst: %(name)s"),
    gettext_noop("Domain: %(name)s"): ("Domaine : %(name)s", "Domein: %(name)s"),
    gettext_noop("Operational objectives"): ("Objectifs opérationnels", "Operationele doelstellingen"),
    gettext_noop("Expected results"): ("Résultats attendus", "Verwachte resultaten"),
    gettext_noop("Evaluation"): ("Évaluation", "Evaluatie"),
    gettext_noop("Evaluation %(year)s"): ("Évaluation %(year)s", "Evaluatie %(year)s"),
    gettext_noop("Indicators"): ("Indicateurs", "Indicatoren"),
    gettext_noop("FPS Home Affairs analysis"): ("Analyse SPF IBZ", "Analyse FOD BiZa"),
    gettext_noop("Evaluation colour code"): ("Evaluation Code couleur", "Evaluatie kleurcode"),
    gettext_noop("Evaluation reasoning"): ("Evaluation Motivation", "Evaluatie motivatie"),
    gettext_noop("Operational objective: %(title)s"): (
        "Objectif opérationnel : %(title)s",
        "Operationele doelstelling: %(title)s",
    ),
    gettext_noop("This plan was signed in Brussels in two copies on %(date)s."): (
        "Le présent plan a été signé à Bruxelles en deux exemplaires le %(date)s.",
        "Dit plan werd ondertekend te Brussel in twee exemplaren op %(date)s.",
    ),
    gettext_noop("Each party declares having received a signed copy."): (
        "Chaque partie intéressée déclare avoir reçu un exemplaire signé.",
        "Elke betrokken partij verklaart een ondertekend exemplaar te hebben ontvangen.",
    ),
    gettext_noop("For the federal State,"): ("Pour l'Etat fédéral,", "Voor de federale Staat,"),
    gettext_noop("The Minister of the Interior"): (
        "Le/La Ministre de l'Intérieur",
        "De minister van Binnenlandse Zaken",
    ),
    gettext_noop("For the Municipality,"): ("Pour la Commune,", "Voor de Gemeente,"),
    gettext_noop("The Mayor"): ("Le/La Bourgmestre", "De burgemeester"),
    gettext_noop("The Director-General"): ("Le/La Directeur·rice général·e", "De algemeen directeur"),
    gettext_noop("Page %(page)s / %(pages)s"): ("Page %(page)s / %(pages)s", "Pagina %(page)s / %(pages)s"),
}
# German has no template wording of its own: the German catalogue carries the whole convention.
LANGUAGES = ("fr", "nl", "de")


def tr(msgid: str, **values: object) -> str:
    """``gettext`` in the active language, falling back to the template wording."""
    text = gettext(msgid)
    if text == msgid:
        language = (get_language() or "fr")[:2]
        wording = TEMPLATE.get(msgid)
        if wording is not None and language in LANGUAGES[: len(wording)]:
            text = wording[LANGUAGES.index(language)]
    return text % values if values else text
