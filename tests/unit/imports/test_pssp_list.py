"""The PSSP numbered-list layout (seed 000) and its Dutch SVPP counterpart."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balise.domain.interchange import outline_to_dict
from balise.domain.targets import TargetKind
from balise.imports import pssp_list
from balise.imports.pssp_list.finance import parse_amount
from balise.imports.pssp_list.header import match_municipality, normalise_name
from balise.imports.pssp_list.tree import match_phenomenon, module_title
from balise.imports.report import DocumentRefused, LineFate
from tests.seeds import EXPECTED_DIR, seed_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DUTCH_SAMPLE = FIXTURES / "svpp_sample_nl.txt"


def seed_lines(prefix: str) -> list[str]:
    return seed_text(prefix).split("\n")


def dutch_lines() -> list[str]:
    return DUTCH_SAMPLE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def molenbeek():
    return pssp_list.parse(seed_lines("000"))


@pytest.fixture(scope="module")
def zonnedaal():
    return pssp_list.parse(dutch_lines())


def document(*lines: str) -> list[str]:
    """A minimal convention: header, one phenomenon module, then ``lines`` as its tree."""
    return [
        "Plan stratégique de sécurité et de prévention",
        "JETTE : PSSP Jette",
        "periode : 01-01-2020 - 31-12-2022",
        "2. CAMBRIOLAGE",
        "2.1. Objectifs généraux",
        "2.1.1. Prévenir le cambriolage",
        "2.2. Objectifs stratégiques",
        "2.2.1. Dissuader les auteurs potentiels d'infraction",
        *lines,
    ]


# ---------------------------------------------------------------- detection


def test_it_is_confident_about_seed_000():
    assert pssp_list.detect(seed_lines("000")) >= 0.9


def test_it_is_confident_about_the_dutch_svpp():
    assert pssp_list.detect(dutch_lines()) >= 0.9


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_it_scores_the_other_layouts_low(prefix):
    assert pssp_list.detect(seed_lines(prefix)) < 0.3


def test_the_convention_header_alone_is_not_enough_to_claim_a_document():
    header_only = seed_lines("000")[:40]
    assert pssp_list.detect(header_only) < 0.3


# ---------------------------------------------------------------- expected outlines, level by level

LEVELS = {
    "header": lambda d: {
        k: d[k] for k in ("kind", "title", "municipality", "language", "period", "signed_on")
    },
    "parties": lambda d: d["parties"],
    "finance": lambda d: d["finance"],
    "modules": lambda d: [(m["title"], m["kind"]) for m in d["modules"]],
    "descriptions": lambda d: [m["description"] for m in d["modules"]],
    "general_objectives": lambda d: [m["general_objectives"] for m in d["modules"]],
    "strategic_objectives": lambda d: [
        [so["title"] for so in m["strategic_objectives"]] for m in d["modules"]
    ],
    "operational_objectives": lambda d: [
        [oo["title"] for oo in so["operational_objectives"]]
        for m in d["modules"]
        for so in m["strategic_objectives"]
    ],
    "results": lambda d: [oo["results"] for oo in _operational(d)],
    "indicators": lambda d: [[i["text"] for i in oo["indicators"]] for oo in _operational(d)],
    "targets": lambda d: [[i["target"] for i in oo["indicators"]] for oo in _operational(d)],
}


def _operational(data: dict) -> list[dict]:
    return [
        oo for m in data["modules"] for so in m["strategic_objectives"] for oo in so["operational_objectives"]
    ]


def _expected(name: str) -> dict:
    return json.loads((EXPECTED_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("level", LEVELS)
def test_seed_000_matches_its_expected_outline_at_level(molenbeek, level):
    actual = outline_to_dict(molenbeek.outline)
    assert LEVELS[level](actual) == LEVELS[level](_expected("000.json"))


@pytest.mark.parametrize("level", LEVELS)
def test_the_dutch_sample_matches_its_expected_outline_at_level(zonnedaal, level):
    actual = outline_to_dict(zonnedaal.outline)
    assert LEVELS[level](actual) == LEVELS[level](_expected("svpp_sample_nl.json"))


def test_seed_000_has_the_tree_counted_by_hand(molenbeek):
    counts = molenbeek.outline.counts()
    assert (counts["modules"], counts["general_objectives"], counts["strategic_objectives"]) == (9, 10, 25)
    assert (counts["operational_objectives"], counts["results"], counts["indicators"]) == (37, 80, 85)


# ---------------------------------------------------------------- header, money, signature


def test_it_reads_the_convention_header(molenbeek):
    outline = molenbeek.outline
    assert outline.kind == "pssp"
    assert outline.language == "fr"
    assert outline.title == "Plan stratégique de sécurité et de prévention"
    assert outline.municipality == "Molenbeek-Saint-Jean"
    assert (outline.period_start, outline.period_end) == (date(2020, 1, 1), date(2022, 12, 31))
    assert outline.parties == ["L'Etat", "La Commune de Molenbeek-Saint-Jean"]


def test_it_finds_the_signing_date_in_the_closing_block(molenbeek):
    assert molenbeek.outline.signed_on == date(2022, 12, 16)


def test_it_reads_the_annual_amount_and_the_gardiens_de_la_paix_contingent(molenbeek):
    finance = molenbeek.outline.finance
    assert finance.annual_amount_eur == Decimal("592354.64")
    [contingent] = finance.contingents
    assert contingent.name == "Gardiens de la paix 346"
    assert contingent.fte == 2
    assert contingent.monthly_rate_eur == 420
    assert contingent.months == 12
    assert contingent.personnel_eur == Decimal("10080.00")
    assert contingent.equipment_eur == Decimal("733.72")
    assert contingent.equipment_cap_per_fte_eur == Decimal("366.86")
    assert contingent.annual_amount_eur == Decimal("10813.72")


@pytest.mark.parametrize(
    ("written", "amount"),
    [("592.354,64", Decimal("592354.64")), ("10 080,00", Decimal("10080.00")), ("420", Decimal("420"))],
)
def test_it_reads_french_amounts(written, amount):
    assert parse_amount(written) == amount


def test_a_placeholder_amount_is_missing_not_zero():
    assert parse_amount("xxx") is None


def test_it_matches_a_shouted_abbreviated_name_to_the_reference_municipality():
    assert match_municipality("MOLENBEEK ST JEAN") == "Molenbeek-Saint-Jean"
    assert match_municipality("molenbeek-saint -jean", language="nl") == "Sint-Jans-Molenbeek"
    assert match_municipality("Zonnedaal") is None


def test_an_unknown_municipality_keeps_its_name_recased():
    assert normalise_name("ZONNEDAAL") == "Zonnedaal"
    assert normalise_name("KAPELLE - OP-DEN-BOS") == "Kapelle-op-den-Bos"


# ---------------------------------------------------------------- line ledger


def test_it_accounts_for_every_non_empty_line_of_seed_000(molenbeek):
    lines = seed_lines("000")
    assert [line.number for line in molenbeek.lines] == [
        n + 1 for n, text in enumerate(lines) if text.strip()
    ]


def test_seed_000_leaves_at_most_a_handful_of_lines_unplaced_each_with_a_reason(molenbeek):
    assert len(molenbeek.unplaced) <= 5
    assert all(line.note for line in molenbeek.unplaced)


def _fate(result, number: int):
    return next(line for line in result.lines if line.number == number)


def test_legal_clauses_are_boilerplate_furniture(molenbeek):
    clause = _fate(molenbeek, 38)
    assert clause.text.startswith("4. Les autorités locales s'engagent")
    assert (clause.fate, clause.note) == (LineFate.FURNITURE, "boilerplate")


def test_list_titles_are_headings_and_the_description_lands_in_its_module(molenbeek):
    assert _fate(molenbeek, 58).fate is LineFate.HEADING  # "Résultats"
    assert _fate(molenbeek, 211).fate is LineFate.PLACED
    burglary = molenbeek.outline.modules[1]
    assert burglary.description.startswith("Le cambriolage est devenu année après année")


# ---------------------------------------------------------------- the tree


def _indicators(result) -> list:
    return list(result.outline.iter_indicators())


def test_it_joins_a_target_wrapped_onto_the_next_line(molenbeek):
    texts = [i.text for i in _indicators(molenbeek)]
    assert "Remplacement d'un poste vacant dans les 6 mois suivant la vacance d'un poste : Oui/Non" in texts


def test_a_bullet_followed_by_results_starts_the_next_operational_objective(molenbeek):
    [first, second, third] = molenbeek.outline.modules[0].strategic_objectives[0].operational_objectives
    assert second.title == "Recruter le personnel nécessaire et compétent"
    assert len(first.indicators) == 3  # the indented indicator bullets stay indicators
    assert third.title == "Assurer la formation adéquate du personnel"


def test_it_keeps_latex_targets_as_written_and_reads_them(molenbeek):
    indicator = next(i for i in _indicators(molenbeek) if i.text.startswith("Proportion des visites"))
    assert indicator.text.endswith(r"$\geq 10\%$")
    assert (indicator.target.kind, indicator.target.value) == (TargetKind.PERCENT, 10)


def _has_a_target(text: str) -> bool:
    """A target is written: a comparator, a percentage, a rate, a yes/no or a deadline."""
    return bool(re.search(r"≥|>|\\geq|%|\d\s*x?\s*/|oui/non|ja/nee|d'ici|tegen eind", text, re.IGNORECASE))


@pytest.mark.parametrize("source", ["000", "nl"])
def test_targets_parse_for_at_least_98_percent_of_indicators_that_have_one(source, molenbeek, zonnedaal):
    result = molenbeek if source == "000" else zonnedaal
    written = [i for i in _indicators(result) if _has_a_target(i.text)]
    parsed = [i for i in written if i.target is not None]
    assert len(written) >= 10
    assert len(parsed) / len(written) >= 0.98


def test_module_kinds_and_titles_follow_the_document(molenbeek):
    modules = molenbeek.outline.modules
    assert [m.kind for m in modules] == ["coordination"] + ["phenomenon"] * 8
    assert modules[2].title == "Vol de et dans véhicules"
    # The document's wording, not the reference's "… de drogues".
    assert modules[8].title == "Nuisances publiques liées à l'usage de drogue"


def test_every_phenomenon_module_of_seed_000_names_a_reference_phenomenon(molenbeek):
    codes = [match_phenomenon(m.title) for m in molenbeek.outline.modules if m.kind == "phenomenon"]
    assert codes == [
        "burglary",
        "vehicle-theft",
        "domestic-violence",
        "social-nuisance",
        "administrative-incivilities",
        "violent-radicalisation",
        "violence-school",
        "drug-nuisance",
    ]


def test_an_unknown_module_title_is_de_shouted_but_not_matched():
    assert (
        module_title("PROPRETÉ PUBLIQUE ET DÉPÔTS CLANDESTINS") == "Propreté publique et dépôts clandestins"
    )
    assert match_phenomenon("Propreté publique et dépôts clandestins") is None


def test_a_signature_mentioned_inside_an_indicator_does_not_end_the_tree():
    result = pssp_list.parse(
        document(
            "Objectifs opérationnels",
            "- Signer une convention avec la zone de police",
            "Résultats",
            "- Convention signée",
            "Indicateurs",
            "- La convention a été signée : Oui/Non",
            "- Nombre de réunions : ≥ 2 /an",
        )
    )
    [oo] = result.outline.modules[0].strategic_objectives[0].operational_objectives
    assert [i.text for i in oo.indicators] == [
        "La convention a été signée : Oui/Non",
        "Nombre de réunions : ≥ 2 /an",
    ]
    assert result.unplaced == []


def test_text_outside_any_list_is_left_unplaced_with_a_reason():
    result = pssp_list.parse(document("Objectifs opérationnels", "Texte égaré entre deux listes"))
    [line] = result.unplaced
    assert line.text == "Texte égaré entre deux listes"
    assert "outside any list" in line.note


# ---------------------------------------------------------------- Dutch


def test_the_same_parser_reads_a_dutch_svpp(zonnedaal):
    outline = zonnedaal.outline
    assert (outline.kind, outline.language, outline.municipality) == ("pssp", "nl", "Zonnedaal")
    assert outline.parties == ["De Staat", "De gemeente Zonnedaal"]
    assert (outline.period_start, outline.period_end) == (date(2020, 1, 1), date(2025, 12, 31))
    assert outline.signed_on == date(2021, 1, 15)
    assert [(m.title, m.kind) for m in outline.modules] == [
        ("Coördinatie", "coordination"),
        ("Inbraak", "phenomenon"),
        ("Sociale overlast", "phenomenon"),
    ]
    assert zonnedaal.unplaced == []


def test_it_reads_dutch_money(zonnedaal):
    finance = zonnedaal.outline.finance
    assert finance.annual_amount_eur == Decimal("123456.78")
    [contingent] = finance.contingents
    assert (contingent.name, contingent.fte, contingent.personnel_eur) == (
        "Gemeenschapswachten 346",
        1,
        Decimal("5040.00"),
    )


def test_it_reads_dutch_targets(zonnedaal):
    targets = {i.target.raw: i.target for i in _indicators(zonnedaal)}
    assert targets["≥ 20/jaar"].kind is TargetKind.COUNT
    assert targets["Ja/Nee"].kind is TargetKind.BOOLEAN
    assert targets["≥ 4 u/dag"].kind is TargetKind.HOURS
    assert targets["2x/jaar"].value == 2
    assert targets["tegen eind 2021"].deadline == date(2021, 12, 31)


# ---------------------------------------------------------------- robustness


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_it_refuses_other_layouts_with_an_import_error(prefix):
    with pytest.raises(DocumentRefused):
        pssp_list.parse(seed_lines(prefix))


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        ([], "no numbered module heading"),
        ([""], "no numbered module heading"),
        (["2. CAMBRIOLAGE"], "no numbered strategic objective"),
        (
            ["I. COORDINATION", "- orphan", "Résultats", "Indicateurs", "- x"],
            "no numbered strategic objective",
        ),
        ([None], "expected the document as a list of text lines"),
    ],
)
def test_input_without_a_plan_structure_is_refused_saying_what_is_missing(lines, reason):
    with pytest.raises(DocumentRefused, match=reason):
        pssp_list.parse(lines)


FRAGMENTS = [
    "",
    "I. COORDINATION",
    "2. CAMBRIOLAGE",
    "2.1. Objectifs généraux",
    "2.1.1. Prévenir",
    "2.2. Objectifs stratégiques",
    "2.2.1. Dissuader",
    "Objectifs opérationnels",
    "Résultats",
    "Indicateurs",
    "- Nombre : ≥ 2 /an",
    " - Existence : Oui/Non",
    "Oui/Non",
    "texte libre",
    "periode : 31-02-2020 - 01-01-2020",
    "Frais de personnel\t2 ETP\t420 x 2 x 12 mois\t10.080,00 €",
    "TOTAL\t\txxx €",
    "un montant annuel de xxx EUR",
    "a été signé le 99/99/2022",
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_parser_itself_never_trips_on_shuffled_fragments(lines):
    # _parse, not parse: the public wrapper would turn a crash into an DocumentRefused and hide it.
    try:
        result = pssp_list._parse(lines)
    except DocumentRefused:
        return
    assert len(result.lines) == sum(1 for line in lines if line.strip())
