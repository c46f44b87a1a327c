"""Layout ``pssp_table``: the PSSP/SVPP 2023-2024 template (seed 001 and a Dutch sample)."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

import pytest

from balise.domain.interchange import outline_to_dict
from balise.domain.targets import Period, TargetKind
from balise.imports import pssp_table
from balise.imports.report import DocumentRefused, ImportResult, LineFate
from tests.seeds import EXPECTED_DIR, seed_text

DUTCH_SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "svpp_table_sample_nl.txt"
T = "\t"


def lines_of(prefix: str) -> list[str]:
    return seed_text(prefix).split("\n")


@pytest.fixture(scope="module")
def seed() -> ImportResult:
    return pssp_table.parse(lines_of("001"))


@pytest.fixture(scope="module")
def parsed(seed: ImportResult) -> dict:
    return outline_to_dict(seed.outline)


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((EXPECTED_DIR / "001.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dutch() -> ImportResult:
    return pssp_table.parse(DUTCH_SAMPLE.read_text(encoding="utf-8").split("\n"))


def fates(result: ImportResult, fate: LineFate) -> list[str]:
    return [line.text for line in result.lines if line.fate is fate]


def objectives(data: dict) -> list[dict]:
    return [so for module in data["modules"] for so in module["strategic_objectives"]]


# -- detection -------------------------------------------------------------------------------------


def test_it_recognises_its_own_template():
    assert pssp_table.detect(lines_of("001")) >= 0.9


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_it_scores_the_other_layouts_low(prefix: str):
    assert pssp_table.detect(lines_of(prefix)) < 0.3


def test_it_recognises_the_dutch_template():
    assert pssp_table.detect(DUTCH_SAMPLE.read_text(encoding="utf-8").split("\n")) >= 0.9


def test_a_three_column_css_table_is_not_its_signature():
    lines = [f"Objectifs opérationnels{T}Résultats attendus{T}Indicateurs", f"a{T}b{T}c"] * 5
    assert pssp_table.detect(lines) < 0.3


# -- the expected outline of seed 001, level by level ----------------------------------------------


def test_the_plan_header_matches_the_expectation(parsed: dict, expected: dict):
    keys = ("format", "kind", "title", "municipality", "language", "period", "signed_on", "parties")
    assert {k: parsed[k] for k in keys} == {k: expected[k] for k in keys}


def test_the_finance_matches_the_expectation(parsed: dict, expected: dict):
    assert parsed["finance"] == expected["finance"]


def test_the_modules_match_the_expectation(parsed: dict, expected: dict):
    def project(data: dict) -> list:
        return [(m["title"], m["kind"], m["description"], m["general_objectives"]) for m in data["modules"]]

    assert project(parsed) == project(expected)


def test_the_strategic_objectives_match_the_expectation(parsed: dict, expected: dict):
    def project(data: dict) -> list:
        return [(so["title"], so["service"], so["domain"]) for so in objectives(data)]

    assert project(parsed) == project(expected)


def test_the_operational_objectives_match_the_expectation(parsed: dict, expected: dict):
    def project(data: dict) -> list:
        return [[oo["title"] for oo in so["operational_objectives"]] for so in objectives(data)]

    assert project(parsed) == project(expected)


def test_the_results_match_the_expectation(parsed: dict, expected: dict):
    def project(data: dict) -> list:
        return [oo["results"] for so in objectives(data) for oo in so["operational_objectives"]]

    assert project(parsed) == project(expected)


def test_the_indicators_match_the_expectation(parsed: dict, expected: dict):
    def project(data: dict) -> list:
        return [
            (so["indicators"], [oo["indicators"] for oo in so["operational_objectives"]])
            for so in objectives(data)
        ]

    assert project(parsed) == project(expected)


def test_the_whole_outline_matches_the_expectation(parsed: dict, expected: dict):
    assert parsed == expected


def test_the_seed_yields_the_counts_checked_by_hand(seed: ImportResult):
    counts = seed.outline.counts()
    assert (counts["modules"], counts["strategic_objectives"]) == (9, 28)
    assert (counts["operational_objectives"], counts["results"]) == (40, 81)
    # The 75 rows of the "Indicateurs | Analyse SPF IBZ" tables; targets stated in results stay in
    # the result's text (a result is not an indicator).
    assert (counts["indicators"], counts["targets"]) == (75, 3)


# -- behaviours on seed 001 ------------------------------------------------------------------------


def test_it_leaves_template_placeholders_as_missing_values(seed: ImportResult):
    outline = seed.outline
    assert outline.municipality is None
    assert outline.finance is not None and outline.finance.annual_amount_eur is None
    placeholders = fates(seed, LineFate.PLACEHOLDER)
    assert "COMMUNE (nom)" in placeholders
    assert sum("xxx EUR" in text for text in placeholders) == 3
    assert not any("(nom)" in party or "xx" in party for party in outline.parties)


def test_it_captures_both_contingents_with_their_equipment_cap(seed: ImportResult):
    assert seed.outline.finance is not None
    contingents = seed.outline.finance.contingents
    assert [c.name for c in contingents] == ["Gardiens de la paix 346", "Gardiens de la paix 90"]
    assert all(c.annual_amount_eur is None and c.personnel_eur is None for c in contingents)
    assert all(c.equipment_cap_per_fte_eur == Decimal("366.86") for c in contingents)


def test_it_reads_the_period_and_the_parties(seed: ImportResult):
    outline = seed.outline
    assert (outline.period_start.isoformat(), outline.period_end.isoformat()) == ("2023-01-01", "2024-12-31")
    assert outline.parties == ["L'Etat", "la Commune"]


def test_it_names_the_modules_after_the_national_phenomena(seed: ImportResult):
    modules = seed.outline.modules
    assert [(m.title, m.kind) for m in modules[:2]] == [
        ("Coordination", "coordination"),
        ("Cambriolage", "phenomenon"),
    ]
    assert modules[-1].title == "Nuisances publiques liées à l'usage de drogues"


def test_it_rejoins_a_title_split_across_tables(seed: ImportResult):
    titles = [so.title for so in seed.outline.modules[0].strategic_objectives]
    assert titles[0] == (
        "Assurer le bon fonctionnement administratif, logistique et financier du plan et le suivi "
        "avec les autorités subsidiantes"
    )
    assert titles[3] == (
        "Assurer une synergie entre les différentes actions de prévention communales et une "
        "articulation avec la prévention policière zonale"
    )


def test_the_end_of_a_cut_title_is_not_left_as_an_indicator(seed: ImportResult):
    coordination = seed.outline.modules[0].strategic_objectives
    texts = [i.text for so in coordination for i in so.indicators]
    assert "Prévention policière zonale" not in texts
    assert [len(so.indicators) for so in coordination] == [8, 5, 4, 5]


def test_the_nth_indicator_table_belongs_to_the_nth_strategic_objective(seed: ImportResult):
    burglary = seed.outline.modules[1]
    assert [len(so.indicators) for so in burglary.strategic_objectives] == [7, 1]
    assert burglary.strategic_objectives[1].indicators[0].text == (
        "Organiser l'Opération Rosace en collaboration avec le SPF Intérieur"
    )
    drugs = seed.outline.modules[-1]
    # The fourth table of the drugs module is empty: its objective gets no indicator, the next does.
    assert [len(so.indicators) for so in drugs.strategic_objectives] == [5, 1, 3, 0, 1, 2, 1]


def test_rows_with_an_empty_first_cell_continue_the_operational_objective(seed: ImportResult):
    first = seed.outline.modules[0].strategic_objectives[0].operational_objectives[0]
    assert first.title == "Assurer la communication avec l'autorité subsidiaire"
    assert len(first.results) == 3
    assert first.results[2].startswith("Transmission effective de toute information")


def test_it_gives_sub_services_to_the_strategic_objectives_under_them(seed: ImportResult):
    by_module = {m.title: [so.service for so in m.strategic_objectives] for m in seed.outline.modules}
    assert (
        by_module["Violence intrafamiliale"]
        == ["Médiation Locale"] * 2 + ["Service Communal d'Aide aux Victimes"] * 2
    )
    assert by_module["Nuisances publiques liées à l'usage de drogues"] == [
        "Service Le PONT",
        "Service Le PONT",
        "Service Communal d'Accompagnement pour les Personnes -Incarcérés (SCAPI)",
        "Service Communal d'Accompagnement pour les Personnes -Incarcérés (SCAPI)",
        "Gardiens de la Paix",
        "Gardiens de la Paix",
        "Médibus",
    ]
    assert by_module["Cambriolage"] == [None, None]


def test_it_parses_targets_of_results_and_indicators(seed: ImportResult):
    synergy = seed.outline.modules[0].strategic_objectives[3]
    assert synergy.operational_objectives[0].results[0] == (
        "Nombre de réunion du comité de Pilotage restreint >/= à 1x/an"
    )
    assert synergy.operational_objectives[0].indicators == []
    presence = seed.outline.modules[2].strategic_objectives[0].indicators[0]
    assert presence.target is not None and presence.target.kind is TargetKind.HOURS


def test_placeholder_counts_state_no_target(seed: ImportResult):
    victims = seed.outline.modules[3].strategic_objectives[0].operational_objectives[0]
    assert "X Nombre de situations accompagnées" in victims.results
    assert victims.indicators == []


def test_it_marks_the_closing_lists_as_reference(seed: ImportResult):
    reference = fates(seed, LineFate.REFERENCE)
    for text in ("Vol par ruse", "Inbraak", "Objectifs stratégiques coordination", "Evaluation Code couleur"):
        assert text in reference
    assert any(
        text.startswith("Ce plan stratégique de sécurité et de prévention a été signé") for text in reference
    )
    assert len(seed.outline.modules) == 9


def test_it_marks_separators_as_furniture(seed: ImportResult):
    furniture = fates(seed, LineFate.FURNITURE)
    assert {"---\t--", "--", "--\t--\t--", "---\t--\t--\t--"} <= set(furniture)


def test_few_lines_are_unplaced_and_each_has_a_reason(seed: ImportResult):
    non_empty = [text for text in lines_of("001") if text.strip()]
    assert len(seed.lines) == len(non_empty)
    assert len(seed.unplaced) <= 3
    assert all(line.note and line.note != "unplaced" for line in seed.unplaced)


# -- smaller documents -----------------------------------------------------------------------------


def small_plan(title: str, *extra: str) -> list[str]:
    return [
        "Plan Stratégique de Sécurité et de Prévention",
        "COORDINATION",
        "Objectifs stratégiques",
        title,
        f"Objectifs opérationnels{T}Résultats attendus",
        f"Tenir les comptes{T}Rapports remis : >/= 2/an",
        *extra,
        f"Indicateurs{T}Analyse SPF IBZ{T}Evaluation Code couleur",
        f"Rapports remis{T}{T}",
    ]


def test_it_keeps_a_cut_title_as_written_when_no_continuation_is_found():
    result = pssp_table.parse(small_plan("Assurer une articulation avec la p"))
    assert result.outline.modules[0].strategic_objectives[0].title == "Assurer une articulation avec la p"


def test_a_capitalised_loose_line_does_not_continue_a_dangling_title():
    result = pssp_table.parse(small_plan("Assurer le suivi avec les autorités :", "", "Autre chose", ""))
    assert result.outline.modules[0].strategic_objectives[0].title == "Assurer le suivi avec les autorités :"
    assert [(line.text, line.note) for line in result.unplaced] == [
        ("Autre chose", "loose text between tables, continuing no cut title")
    ]


def test_it_refuses_a_document_without_modules():
    with pytest.raises(DocumentRefused):
        pssp_table.parse(lines_of("003"))


def test_it_raises_nothing_but_import_error_on_mangled_input():
    source = lines_of("001")
    rng = random.Random(7)
    for _ in range(200):
        sample = [line[: rng.randint(0, len(line))] for line in rng.sample(source, rng.randint(0, 60))]
        try:
            pssp_table.parse(sample)
        except DocumentRefused as error:
            assert "cannot read" not in str(error)


# -- the Dutch template ----------------------------------------------------------------------------


def test_it_reads_the_dutch_template(dutch: ImportResult):
    outline = dutch.outline
    assert (outline.kind, outline.language, outline.municipality) == ("pssp", "nl", "Sint-Jans-Molenbeek")
    assert outline.parties == ["de Staat", "de Gemeente"]
    assert [(m.title, m.kind) for m in outline.modules] == [
        ("Coördinatie", "coordination"),
        ("Inbraak", "phenomenon"),
    ]
    burglary = outline.modules[1]
    assert [(so.title, so.service) for so in burglary.strategic_objectives] == [
        ("Potentiële daders ontraden", "Gemeenschapswachten"),
        ("Inwerken op criminogene omstandigheden en omgeving", "Gemeenschapswachten"),
    ]
    assert dutch.unplaced == []


def test_it_reads_filled_in_contingent_tables(dutch: ImportResult):
    assert dutch.outline.finance is not None
    assert dutch.outline.finance.annual_amount_eur == Decimal("592354.64")
    (guards,) = dutch.outline.finance.contingents
    assert guards.name == "Gemeenschapswachten 346"
    assert (guards.fte, guards.monthly_rate_eur, guards.months) == (Decimal("2"), Decimal("420"), 12)
    assert (guards.personnel_eur, guards.equipment_eur) == (Decimal("10080.00"), Decimal("733.72"))
    assert guards.annual_amount_eur == Decimal("10813.72")


def test_it_fills_the_evaluation_columns_of_indicators(dutch: ImportResult):
    evaluation = dutch.outline.modules[0].strategic_objectives[0].indicators
    assert [(i.analysis, i.colour, i.motivation) for i in evaluation] == [
        ("Diagnose tijdig ontvangen", "groen", "Doelstelling bereikt"),
        (None, None, None),
    ]
    visits = dutch.outline.modules[1].strategic_objectives[1].indicators[0]
    assert (visits.analysis, visits.colour, visits.motivation) == ("Onvoldoende gegevens", "oranje", None)


def test_it_parses_dutch_targets(dutch: ImportResult):
    module = dutch.outline.modules[1]
    targets = [
        (i.target.raw, i.target.kind, i.target.value, i.target.per)
        for so in module.strategic_objectives
        for i in so.indicators
        if i.target
    ]
    assert targets == [
        ("≥ 4 u/dag", TargetKind.HOURS, Decimal("4"), Period.DAY),
        ("2x/jaar", TargetKind.COUNT, Decimal("2"), Period.YEAR),
    ]
    operational = module.strategic_objectives[1].operational_objectives[0]
    assert "X aantal bewoners geïnformeerd" in operational.results
