"""What the ``pssp_table`` importer learnt to read in Balise's own conventions: the labelled values
("Intitulé :", "Service :", "Domaine :", "Objectif opérationnel :"), module marks of every kind,
parties written on the heading's line, page numbers and the signature date."""

from __future__ import annotations

from datetime import date

from balise.imports import pssp_table
from balise.imports.registry import detect_layout

T = "\t"
OO = f"Objectifs opérationnels{T}Résultats attendus"
IND = f"Indicateurs{T}Analyse SPF IBZ{T}Evaluation Code couleur{T}Evaluation Motivation"

CSS_CONVENTION = f"""Contrat de sécurité et de société
Intitulé : CSS 2023 – allocation générale
COMMUNE DE Molenbeek-Saint-Jean
période : 01-01-2023 - 31-12-2023
Entre d'une part : L'État, représenté par la Ministre, ci-après dénommé l'État
Et d'autre part : La Commune de Molenbeek-Saint-Jean
Est convenu ce qui suit :
Dispositions générales
Page 1 / 2
SECTEUR D'ACTIVITE 1
Lutte contre la criminalité
Objectifs généraux
Réduire les nuisances
Service : GDP
Objectifs stratégiques
Domaine : Prévention
Prévenir la criminalité
{OO}
Patrouiller{T}Patrouilles quotidiennes
Informer{T}Séances d'information
{T}Brochures
Évaluation
{IND}
Indicateur de l'objectif : Oui/Non{T}{T}{T}
Objectif opérationnel : Informer{T}{T}{T}
Nombre de séances : ≥ 6/an{T}Bien{T}Vert{T}Conforme
Page 2 / 2
Objectifs stratégiques
Réagir aux incivilités
{OO}
Constater{T}
Évaluation
{IND}
Objectif opérationnel : Constater
Nombre de constats : ≥ 10/an{T}{T}{T}
Le présent plan a été signé à Bruxelles en deux exemplaires le 16/12/2022.
Pour l'Etat fédéral,"""


def parsed():
    return pssp_table.parse(CSS_CONVENTION.split("\n"))


def test_it_is_detected_as_the_table_template():
    assert detect_layout(CSS_CONVENTION.split("\n")) == "pssp_table"


def test_every_line_is_accounted_for():
    assert [line.text for line in parsed().unplaced] == []


def test_the_heading_gives_the_kind_and_the_label_the_title():
    outline = parsed().outline
    assert (outline.kind, outline.title) == ("css", "CSS 2023 – allocation générale")
    assert outline.finance is None  # no amount, no contingent: no money in the plan


def test_a_party_on_its_heading_line_is_kept_whole():
    assert parsed().outline.parties == [
        "L'État, représenté par la Ministre, ci-après dénommé l'État",
        "La Commune de Molenbeek-Saint-Jean",
    ]


def test_a_sector_mark_opens_a_sector_module():
    (module,) = parsed().outline.modules
    assert (module.kind, module.title, module.general_objectives) == (
        "sector",
        "Lutte contre la criminalité",
        ["Réduire les nuisances"],
    )


def test_service_and_domain_labels_go_to_their_objectives_and_a_bare_heading_ends_the_service():
    first, second = parsed().outline.modules[0].strategic_objectives
    assert (first.title, first.service, first.domain) == ("Prévenir la criminalité", "GDP", "Prévention")
    assert (second.title, second.service, second.domain) == ("Réagir aux incivilités", None, None)


def test_an_operational_objective_label_takes_the_indicators_below_it():
    first, second = parsed().outline.modules[0].strategic_objectives
    assert [i.text for i in first.indicators] == ["Indicateur de l'objectif : Oui/Non"]
    patrol, inform = first.operational_objectives
    assert patrol.indicators == []
    assert [(i.text, i.analysis, i.colour, i.motivation) for i in inform.indicators] == [
        ("Nombre de séances : ≥ 6/an", "Bien", "Vert", "Conforme")
    ]
    assert inform.results == ["Séances d'information", "Brochures"]
    assert [i.text for i in second.operational_objectives[0].indicators] == ["Nombre de constats : ≥ 10/an"]


def test_the_signature_line_gives_the_signing_date():
    assert parsed().outline.signed_on == date(2022, 12, 16)


def test_a_coordination_mark_keeps_the_title_written_below_it():
    text = CSS_CONVENTION.replace(
        "SECTEUR D'ACTIVITE 1\nLutte contre la criminalité", "COORDINATION\nDispositif"
    )
    (module,) = pssp_table.parse(text.split("\n")).outline.modules
    assert (module.kind, module.title) == ("coordination", "Dispositif")


def test_operational_objectives_of_the_same_title_take_their_labels_in_order():
    text = CSS_CONVENTION.replace("Patrouiller", "Informer").replace(
        "Indicateur de l'objectif : Oui/Non", "Objectif opérationnel : Informer"
    )
    first = pssp_table.parse(text.split("\n")).outline.modules[0].strategic_objectives[0]
    one, two = first.operational_objectives
    assert (one.indicators, [i.text for i in two.indicators]) == ([], ["Nombre de séances : ≥ 6/an"])
