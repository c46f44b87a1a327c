"""The CSS project-plan layout with tables wrapped line by line (seed 002)."""

from __future__ import annotations

import json
import random

import pytest

from balise.domain.interchange import outline_from_dict, outline_to_dict
from balise.imports import css_wrapped
from balise.imports.report import DocumentRefused, LineFate
from tests.seeds import EXPECTED_DIR, seed_text
from tests.unit.imports.levels import LEVELS


def seed_lines(prefix: str) -> list[str]:
    return seed_text(prefix).split("\n")


@pytest.fixture(scope="module")
def plan():
    return css_wrapped.parse(seed_lines("002"))


def document(*table: str, service: str = "GDP", domain: str = "") -> list[str]:
    """A minimal wrapped CSS plan: header, one sector, one strategic objective, one table."""
    return [
        "CONTRAT DE SECURITE ET DE SOCIETE",
        "PLAN DE PROJET 2023",
        "DE LA VILLE/COMMUNE DE Molenbeek-Saint-Jean",
        "ALLOCATION « GENERALE »",
        "Secteur d’activité 2 :",
        "Lutte contre la criminalité",
        "Objectif général – Secteur d’activité 2 :",
        "Lutte contre la criminalité et les nuisances",
        f"1. Objectif stratégique 1 - Domaine : {domain}",
        "Prévention de la criminalité",
        service,
        "Objectifs opérationnels Résultats attendus Indicateurs",
        *table,
    ]


def objectives(result) -> list:
    return result.outline.modules[0].strategic_objectives[0].operational_objectives


# ---------------------------------------------------------------- detection


def test_it_is_confident_about_its_own_seed():
    assert css_wrapped.detect(seed_lines("002")) >= 0.9


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_it_scores_the_other_seeds_low(prefix):
    assert css_wrapped.detect(seed_lines(prefix)) < 0.3


def test_it_exposes_the_layout_interface():
    assert (css_wrapped.NAME, bool(css_wrapped.DESCRIPTION)) == ("css_wrapped", True)
    assert css_wrapped.parse(document("1. Agir", "- Action : Oui/Non")).layout == "css_wrapped"


# ---------------------------------------------------------------- seed 002, level by level


def _expected() -> dict:
    return json.loads((EXPECTED_DIR / "002.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("level", LEVELS)
def test_seed_002_matches_its_expected_outline_at_level(plan, level):
    assert LEVELS[level](outline_to_dict(plan.outline)) == LEVELS[level](_expected())


def test_the_expected_outline_reads_back_to_the_parsed_one(plan):
    assert outline_from_dict(_expected()) == plan.outline


def test_seed_002_has_the_tree_counted_by_hand(plan):
    counts = plan.outline.counts()
    assert {k: counts[k] for k in ("modules", "general_objectives", "strategic_objectives")} == {
        "modules": 4,  # the police-zone sector twice, as the document has it
        "general_objectives": 5,
        "strategic_objectives": 16,  # 7 without any operational objective
    }
    assert (counts["operational_objectives"], counts["results"]) == (29, 29)
    assert counts["indicators"] == counts["targets"] == 31


def test_it_reads_the_plan_header(plan):
    outline = plan.outline
    assert (
        outline.title == "CONTRAT DE SECURITE ET DE SOCIETE – PLAN DE PROJET 2023 – ALLOCATION « GENERALE »"
    )
    assert (outline.kind, outline.municipality) == ("css", "Molenbeek-Saint-Jean")
    assert (outline.period_start.isoformat(), outline.period_end.isoformat()) == ("2023-01-01", "2023-12-31")


def test_it_keeps_the_duplicated_sector_and_its_empty_objectives(plan):
    first, second = plan.outline.modules[:2]
    assert first.title == second.title == "Contribution au fonctionnement des zones de police"
    assert second.general_objectives == [
        "Contribution au fonctionnement des zones de police (Question traitée au niveau de la Zone de Police)"
    ]
    assert [
        len(so.operational_objectives) for so in first.strategic_objectives + second.strategic_objectives
    ] == [
        0,
        0,
        0,
        0,
    ]


def test_a_second_service_label_repeats_the_strategic_objective(plan):
    scapi, medloc = plan.outline.modules[2].strategic_objectives[2:4]
    assert (scapi.service, medloc.service) == ("SCAPI", "MEDLOC-SCAV-HOTEL SOCIAL")
    assert scapi.title == medloc.title
    assert medloc.title.startswith("Suivi des auteurs et des victimes")


def test_it_accounts_for_every_line_of_seed_002(plan):
    assert plan.unplaced == []
    fates = plan.fate_counts()
    assert fates["furniture"] == 15  # the bare "1." / "2." rows of the empty tables
    by_number = {line.number: line for line in plan.lines}
    assert by_number[26].note == "empty numbered row (no operational objective)"
    assert by_number[10].fate is LineFate.HEADING  # the royal decree
    assert by_number[319].fate is LineFate.PLACED  # "… : Oui/Non2. Assurer des permanences"


def test_it_splits_the_line_holding_the_end_of_one_row_and_the_start_of_the_next(plan):
    medloc = plan.outline.modules[2].strategic_objectives[3]
    first, second = medloc.operational_objectives[:2]
    assert first.indicators[-1].text.endswith("victimation/victimisation : Oui/Non")
    assert second.title == "Assurer des permanences hebdomadaires pour les victimes de délits pénaux."


def test_it_returns_the_end_of_an_objective_printed_after_the_indicator(plan):
    expertise = plan.outline.modules[3].strategic_objectives[2].operational_objectives[0]
    assert (
        expertise.title == "Améliorer l’expertise en lien avec la problématique de la radicalisation violente"
    )
    assert [i.text for i in expertise.indicators] == [
        "Renforcement effectif de l’expertise en lien avec la matière : Oui/Non"
    ]


def test_it_tells_results_from_indicators_by_their_target_even_when_interleaved(plan):
    structures = plan.outline.modules[3].strategic_objectives[3].operational_objectives[0]
    assert structures.results == [
        "Participation aux sous-groupes de travail mis en place par les autorités supérieures "
        "(SPF Intérieur, Région de Bruxelles-Capitale)",
        "Participation à la Cellule de Sécurité locale intégrale (CSIL)",
    ]
    assert [i.target.raw for i in structures.indicators] == [">/= 3/an", ">/= 3/an"]


# ---------------------------------------------------------------- wrapped cells


def test_it_joins_a_cell_interrupted_by_a_blank_line_and_a_target_wrapped_over_lines():
    result = css_wrapped.parse(
        document(
            "1. Assurer  la  présence",
            "",
            "dissuasive  des  Gardiens",
            "- Présence  dissuasive",
            "quotidienne.",
            "- Nombre  d'heures  de",
            "présence : >/=  3",
            "heures/jour",
        )
    )
    (oo,) = objectives(result)
    assert oo.title == "Assurer la présence dissuasive des Gardiens"
    assert oo.results == ["Présence dissuasive quotidienne."]
    assert oo.indicators[0].text == "Nombre d'heures de présence : >/= 3 heures/jour"
    assert oo.indicators[0].target.raw == ">/= 3 heures/jour"


def test_after_a_blank_line_text_continues_the_incomplete_indicator():
    result = css_wrapped.parse(
        document(
            "1. Agir vite",
            "- Renforcement de l'expertise",
            "- Renforcement effectif de",
            "",
            "la matière :",
            "Oui/Non",
        )
    )
    (oo,) = objectives(result)
    assert oo.title == "Agir vite"
    assert [i.text for i in oo.indicators] == ["Renforcement effectif de la matière : Oui/Non"]


def test_it_keeps_the_hyphen_of_a_compound_word_cut_at_a_line_end():
    result = css_wrapped.parse(document("1. Proposer  un suivi  socio-", "préventif", "- Suivi : Oui/Non"))
    assert objectives(result)[0].title == "Proposer un suivi socio-préventif"


def test_it_rejoins_a_slash_word_cut_by_extraction_only_when_the_document_uses_the_word():
    lines = document(
        "1. Agir",
        "- Existence de recommandation/observat",
        "ions : Oui/Non",
        "2. Réagir",
        "- Nombre de projets de sécurité et/ou",
        "socio-préventifs : >/= 2/an",
        "- Des observations notées",
    )
    first, second = objectives(css_wrapped.parse(lines))
    assert first.indicators[0].text == "Existence de recommandation/observations : Oui/Non"
    assert second.indicators[0].text == "Nombre de projets de sécurité et/ou socio-préventifs : >/= 2/an"
    unknown = objectives(css_wrapped.parse(lines[:-1]))[0]  # "observations" used nowhere else
    assert unknown.indicators[0].text == "Existence de recommandation/observat ions : Oui/Non"


def test_bare_numbered_rows_are_furniture_not_objectives():
    result = css_wrapped.parse(document("1.", "", "2."))
    assert objectives(result) == []
    assert [line.fate for line in result.lines[-2:]] == [LineFate.FURNITURE, LineFate.FURNITURE]
    assert result.unplaced == []


def test_it_reads_the_domain_written_after_its_label():
    result = css_wrapped.parse(document("1. Agir", "- Action : Oui/Non", domain="Prévention"))
    so = result.outline.modules[0].strategic_objectives[0]
    assert (so.title, so.domain, so.service) == ("Prévention de la criminalité", "Prévention", "GDP")


def test_a_placeholder_municipality_is_missing():
    lines = document("1. Agir", "- Action : Oui/Non")
    lines[2] = "DE LA VILLE/COMMUNE DE (nom)"
    result = css_wrapped.parse(lines)
    assert result.outline.municipality is None
    assert result.lines[2].fate is LineFate.PLACEHOLDER


def test_a_document_without_sectors_is_refused():
    with pytest.raises(DocumentRefused, match="Secteur"):
        css_wrapped.parse(seed_lines("000"))


def test_it_raises_only_import_errors_on_shuffled_input():
    pool = [line for prefix in ("002", "003") for line in seed_lines(prefix)]
    rng = random.Random(2023)
    for _ in range(300):
        lines = ["Secteur d'activité 1 :", *rng.sample(pool, rng.randint(0, 80))]
        result = css_wrapped.parse(lines)
        assert len(result.lines) == sum(1 for line in lines if line.strip())
