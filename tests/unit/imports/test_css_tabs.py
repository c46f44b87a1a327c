"""The CSS project-plan layout with tab-separated tables damaged by extraction (seed 003)."""

from __future__ import annotations

import json
import random

import pytest

from balise.domain.interchange import outline_from_dict, outline_to_dict
from balise.imports import css_tabs
from balise.imports.css_tabs.cells import column_starts, fields
from balise.imports.report import DocumentRefused, LineFate
from tests.seeds import EXPECTED_DIR, seed_text
from tests.unit.imports.levels import LEVELS


def seed_lines(prefix: str) -> list[str]:
    return seed_text(prefix).split("\n")


@pytest.fixture(scope="module")
def plan():
    return css_tabs.parse(seed_lines("003"))


HEADER = "Objectifs opérationnels\tRésultats attendus\tIndicateurs"


def document(*table: str, header: str = HEADER) -> list[str]:
    """A minimal tabbed CSS plan: header, one sector, one strategic objective, one table."""
    return [
        "CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET 2023 DE LA VILLE/COMMUNE DE Schaerbeek",
        "ALLOCATION TERRORISME ET EXTREMISME (art.2)",
        "Secteur d'activité 1 : Projets de sécurité et/ou socio-préventifs communaux",
        "Objectif général - Secteur d'activité 1:",
        "Lutte contre le terrorisme",
        "1. Objectif stratégique 1 - Domaine:",
        "Augmenter le sentiment de sécurité sur le terrain",
        "POLE RADICALISME",
        header,
        *table,
    ]


def objectives(result) -> list:
    return result.outline.modules[0].strategic_objectives[0].operational_objectives


# ---------------------------------------------------------------- detection


def test_it_is_confident_about_its_own_seed():
    assert css_tabs.detect(seed_lines("003")) >= 0.9


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_it_scores_the_other_seeds_low(prefix):
    assert css_tabs.detect(seed_lines(prefix)) < 0.3


def test_it_exposes_the_layout_interface():
    assert (css_tabs.NAME, bool(css_tabs.DESCRIPTION)) == ("css_tabs", True)
    assert css_tabs.parse(document("Agir\tAction\tAction : Oui/Non")).layout == "css_tabs"


# ---------------------------------------------------------------- seed 003, level by level


def _expected() -> dict:
    return json.loads((EXPECTED_DIR / "003.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("level", LEVELS)
def test_seed_003_matches_its_expected_outline_at_level(plan, level):
    assert LEVELS[level](outline_to_dict(plan.outline)) == LEVELS[level](_expected())


def test_the_expected_outline_reads_back_to_the_parsed_one(plan):
    assert outline_from_dict(_expected()) == plan.outline


def test_seed_003_has_the_tree_counted_by_hand(plan):
    counts = plan.outline.counts()
    assert [counts[k] for k in ("modules", "general_objectives", "strategic_objectives")] == [2, 2, 8]
    assert (counts["operational_objectives"], counts["results"]) == (10, 10)
    assert counts["indicators"] == counts["targets"] == 13


def test_it_reads_title_municipality_and_allocation_from_one_line(plan):
    outline = plan.outline
    assert outline.title == (
        "CONTRAT DE SECURITE ET DE SOCIETE – PLAN DE PROJET 2023 – ALLOCATION TERRORISME ET EXTREMISME"
    )
    assert (outline.kind, outline.municipality) == ("css", "Molenbeek-Saint-Jean")
    assert (outline.period_start.isoformat(), outline.period_end.isoformat()) == ("2023-01-01", "2023-12-31")


def test_it_accounts_for_every_line_of_seed_003(plan):
    assert plan.unplaced == []
    by_number = {line.number: line for line in plan.lines}
    assert (by_number[26].fate, by_number[26].note) == (LineFate.FURNITURE, "page furniture")  # ".be"
    assert by_number[34].note == "table header"  # "Objectifs opé\trationne\t…"
    assert by_number[48].fate is LineFate.FURNITURE  # "TOLL NADICALISME" under "POLE RADICALISME"
    assert by_number[81].note == "empty numbered row (no operational objective)"


def test_it_rebuilds_the_row_spread_word_by_word_over_six_lines(plan):
    (oo,) = plan.outline.modules[0].strategic_objectives[1].operational_objectives
    assert oo.title == "Sensibiliser autour du phénomène de la radicalisation violente"
    assert oo.results == [
        "Développement de formation/sensibilisation à l'attention des professionnels de terrain"
    ]
    assert [i.target.raw for i in oo.indicators] == [">/= à 2 /an", ">/=à 5/an"]
    assert oo.indicators[1].text.startswith("Nombre de personne formées/")


def test_it_splits_two_indicators_written_in_one_cell(plan):
    oo = plan.outline.modules[0].strategic_objectives[2].operational_objectives[2]
    assert [i.text for i in oo.indicators] == [
        "Existence de constats de terrain : Oui/Non",
        "Formulation effective de recommandations : Oui/Non",
    ]


def test_a_segment_after_a_page_break_continues_the_open_columns(plan):
    last = plan.outline.modules[0].strategic_objectives[3].operational_objectives[-1]
    assert last.title == "Développer des projets collectifs qui favorisent l'estime de soi ou la résilience"
    assert last.results == ["l'estime de soi et la résilience"]  # the page number "9" dropped
    assert [i.text for i in last.indicators] == ["Nombre de projets mis en place >/= 10/an"]


# ---------------------------------------------------------------- damaged cells


def test_column_starts_come_from_lone_bullets_when_words_are_split_by_tabs():
    table = [fields("1\t. Agir\tvite\t-\tRésultat\t-\tNombre"), fields("\tpartout\t\t\tobtenu\t\t: Oui/Non")]
    assert column_starts(table) == [0, 3, 5]


def test_it_glues_a_word_split_by_a_tab_when_the_document_uses_the_word():
    result = css_tabs.parse(
        document(
            "1\t. Former\tles\t-\tProfessionnels de te\trrain\t-\tNombre\tde",
            "\tagents\t\t\tformés\t\tsessions : >/= 2/an",
        )
    )
    (oo,) = objectives(result)
    assert oo.title == "Former les agents"
    assert oo.results == ["Professionnels de terrain formés"]  # "terrain" is used in the objective above
    assert [i.text for i in oo.indicators] == ["Nombre de sessions : >/= 2/an"]


def test_a_digit_standing_where_a_bullet_stands_starts_an_item_and_a_stray_one_is_dropped():
    result = css_tabs.parse(
        document(
            "1\t. Agir\tvite\t-\tRésultat\t-\tNombre de réunions",
            "\tpartout\t9\t\t\t1\tNombre de visites : >/= 2/an",
        )
    )
    (oo,) = objectives(result)
    assert oo.title == "Agir vite partout"  # "9": a page number inside the row
    assert [i.text for i in oo.indicators] == ["Nombre de réunions", "Nombre de visites : >/= 2/an"]


def test_a_complete_indicator_ends_its_cell_and_the_next_line_starts_another():
    result = css_tabs.parse(
        document(
            "Participer aux structures\t- Participation aux groupes\t Nombre de réunions : >/= 3/an",
            "\t- Participation à la CSIL\t Nombre de participations à la CSIL : >/= 3/an",
            "2. Optimaliser les synergies\t\t Nombre de contacts : >/= 3/an",
        )
    )
    first, second = objectives(result)
    assert first.results == ["Participation aux groupes", "Participation à la CSIL"]
    assert len(first.indicators) == 2
    assert (second.title, second.results, len(second.indicators)) == ("Optimaliser les synergies", [], 1)


def test_a_header_split_across_cells_is_still_the_header():
    result = css_tabs.parse(
        document(
            "Agir\tAction\tAction : Oui/Non",
            header="\tObjectifs opé\trationne\tRésultats attendus\t\t\tIndicateurs",
        )
    )
    assert result.lines[8].note == "table header"
    assert [oo.title for oo in objectives(result)] == ["Agir"]


def test_url_tails_and_empty_numbered_rows_are_furniture():
    result = css_tabs.parse(document("1.\t\t", "2.\t\t", "", ".be"))
    assert objectives(result) == []
    assert [line.fate for line in result.lines[-3:]] == [LineFate.FURNITURE] * 3
    assert result.outline.municipality == "Schaerbeek"


def test_a_document_without_sectors_is_refused():
    with pytest.raises(DocumentRefused):
        css_tabs.parse(seed_lines("001"))


def test_it_raises_only_import_errors_on_shuffled_input():
    pool = [line for prefix in ("002", "003") for line in seed_lines(prefix)]
    rng = random.Random(2023)
    for _ in range(300):
        lines = ["Secteur d'activité 1 :", *rng.sample(pool, rng.randint(0, 80))]
        result = css_tabs.parse(lines)
        assert len(result.lines) == sum(1 for line in lines if line.strip())
