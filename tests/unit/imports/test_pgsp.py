"""The PGSP implementation-report layout (seed 004) and its "Tableau 1" coverage table."""

from __future__ import annotations

import json

import pytest

from balise.domain.interchange import outline_from_dict, outline_to_dict
from balise.imports import pgsp
from balise.imports.pgsp.coverage import Coverage, parse_coverage_table
from balise.imports.report import DocumentRefused, LineFate
from balise.reference.data import PGSP_THEMATICS, pgsp_measure_codes
from tests.seeds import EXPECTED_DIR, seed_text


def seed_lines(prefix: str) -> list[str]:
    return seed_text(prefix).split("\n")


@pytest.fixture(scope="module")
def report():
    return pgsp.parse(seed_lines("004"))


def annex(*rows: str) -> list[str]:
    """A minimal report: cover, table of contents, then an annex with the given rows."""
    return [
        "PLAN GLOBAL DE SÉCURITÉ ET DE PRÉVENTION",
        "",
        "## IV - ANNEXE : 77 MESURES DU PGSP 74",
        "Le PGSP 2021-2024 se compose de 77 mesures.",
        "## ANNEXE : 77 MESURES DU PGSP",
        "Mesure PGSP\tDescription mesure",
        *rows,
    ]


# ---------------------------------------------------------------- detection


def test_it_is_confident_about_its_own_report():
    assert pgsp.detect(seed_lines("004")) >= 0.9


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_it_is_not_fooled_by_local_plans(prefix):
    assert pgsp.detect(seed_lines(prefix)) < 0.3


def test_it_exposes_the_layout_interface():
    assert pgsp.NAME == "pgsp"
    assert pgsp.DESCRIPTION
    assert pgsp.parse(seed_lines("004")).layout == "pgsp"


# ---------------------------------------------------------------- seed 004


def test_it_matches_the_expected_outline_of_seed_004(report):
    expected = json.loads((EXPECTED_DIR / "004.json").read_text(encoding="utf-8"))
    assert outline_to_dict(report.outline) == expected
    assert outline_from_dict(expected) == report.outline


def test_it_reads_each_of_the_77_measure_codes_once_in_order(report):
    codes = [m.code for t in report.outline.thematics for m in t.measures]
    assert codes == pgsp_measure_codes()


def test_it_keeps_measures_8_6_and_8_7_although_the_report_gives_them_the_same_text(report):
    texts = {m.code: m.text for t in report.outline.thematics for m in t.measures}
    assert texts["8.6"] == texts["8.7"]
    assert texts["8.6"].startswith("Renforcer les capacités de recherche et de poursuites efficaces")


def test_it_cleans_measure_texts_of_html_and_keeps_them_whole(report):
    texts = {m.code: m.text for t in report.outline.thematics for m in t.measures}
    assert texts["4.7"] == (
        "Harmoniser et développer les approches en matière de prostitution "
        "et sur l'espace public et sur internet."
    )
    assert texts["2.3"].endswith("entre services de sécurité et (organisations de) citoyens")
    assert texts["9.9"].endswith("leurs liens avec le sentiment de sécurité des citoyens.")
    assert not [t for t in texts.values() if "<" in t or ">" in t or "&" in t or "  " in t]


def test_it_names_the_nine_thematics_as_the_plan_does(report):
    found = [(t.number, t.title, len(t.measures)) for t in report.outline.thematics]
    assert found == [(number, fr, count) for number, fr, _nl, count in PGSP_THEMATICS]


def test_it_describes_the_regional_plan_and_its_period(report):
    outline = report.outline
    assert (outline.kind, outline.municipality) == ("pgsp", None)
    assert outline.title == "Plan global de sécurité et de prévention 2021-2024"
    assert (outline.period_start.isoformat(), outline.period_end.isoformat()) == ("2021-01-01", "2024-12-31")


def test_it_accounts_for_every_line_of_the_report(report):
    fates = report.fate_counts()
    assert report.unplaced == []
    assert fates["placed"] == 77 + 9 + 1  # measures, thematic titles, cover title
    assert fates["furniture"] > 600  # the narrative
    by_number = {line.number: line for line in report.lines}
    assert by_number[1745].fate is LineFate.HEADING  # "## ANNEXE : 77 MESURES DU PGSP"
    assert by_number[178].note == "narrative"  # the header of "Tableau 1"


# ---------------------------------------------------------------- annex details


def test_it_skips_the_table_of_contents_entry_of_the_annex():
    result = pgsp.parse(annex(" 1.1\t<p>Assurer la sensibilisation.</p>"))
    notes = {line.number: line.note for line in result.lines}
    assert (notes[3], notes[5]) == ("narrative heading", "measure annex")
    assert [m.code for m in result.outline.thematics[0].measures] == ["1.1"]


def test_it_decodes_entities_and_strips_tags_from_cells():
    result = pgsp.parse(
        annex(" <p><b>4.10</b></p>\t<p>Faciliter l&#39;enregistrement &amp; le <i>contrôle</i></p>")
    )
    measure = result.outline.thematics[0].measures[0]
    assert (measure.code, measure.text) == ("4.10", "Faciliter l'enregistrement & le contrôle")


def test_it_joins_a_description_whose_paragraph_runs_onto_the_next_line():
    result = pgsp.parse(
        annex(" 5.5\t<p>Renforcer une approche", "coordonnée contre le vol de vélos.</p>", " 5.6\tÉtendre.")
    )
    texts = [m.text for m in result.outline.thematics[0].measures]
    assert texts == ["Renforcer une approche coordonnée contre le vol de vélos.", "Étendre."]
    assert result.unplaced == []


def test_it_leaves_a_repeated_measure_code_unplaced():
    result = pgsp.parse(annex(" 3.1\tRenforcer.", " 3.1\tRenforcer encore."))
    assert [m.text for m in result.outline.thematics[0].measures] == ["Renforcer."]
    assert [(u.number, u.note) for u in result.unplaced] == [(8, "measure code repeated in the annex")]


def test_it_leaves_a_stray_line_between_measures_unplaced_but_a_colophon_after_them_as_furniture():
    result = pgsp.parse(annex(" 9.1\tPromouvoir.", "Une phrase égarée", " 9.2\tOrganiser.", "**Contact :**"))
    assert [u.number for u in result.unplaced] == [8]
    assert {line.number: line.note for line in result.lines}[10] == "colophon"


def test_it_takes_the_thematic_title_that_most_mentions_agree_on():
    lines = [
        " <b>Thématique 8 :</b> Trafic e fraudes\t1\t0",
        " <b>Thématique 8 :</b> Trafic et fraude\t2\t2",
        "- **Thématique 8 : trafic et fraude**",
        *annex(" 8.1\tAssurer le contrôle."),
    ]
    thematic = pgsp.parse(lines).outline.thematics[0]
    assert (thematic.number, thematic.title) == (8, "Trafic et fraude")


def test_it_falls_back_to_the_reference_title_when_the_report_never_names_a_thematic():
    thematic = pgsp.parse(annex(" 6.1\tPrioriser.")).outline.thematics[0]
    assert thematic.title == "Mobilité et sécurité routière"


def test_it_leaves_the_period_unknown_when_the_report_does_not_state_it():
    lines = [line.replace("PGSP 2021-2024", "PGSP") for line in annex(" 1.1\tAssurer.")]
    outline = pgsp.parse(lines).outline
    assert (outline.period_start, outline.period_end) == (None, None)
    assert outline.title == "Plan global de sécurité et de prévention"


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [""],
        ["## ANNEXE : 77 MESURES DU PGSP"],
        ["Mesure PGSP\tDescription mesure", " 1.1\tAssurer."],  # rows but no annex heading
        ["## ANNEXE : MESURES", "\t\t", "<p>\t</p>", "99.99.9\tx"],
    ],
)
def test_it_rejects_a_document_without_a_measure_annex_with_an_import_error(lines):
    with pytest.raises(DocumentRefused):
        pgsp.parse(lines)


def test_it_rejects_a_local_plan():
    with pytest.raises(DocumentRefused):
        pgsp.parse(seed_lines("000"))


# ---------------------------------------------------------------- Tableau 1


@pytest.fixture(scope="module")
def coverage():
    return parse_coverage_table(seed_lines("004"))


def test_it_reads_the_actor_categories_of_tableau_1(coverage):
    assert coverage.caption.startswith("Tableau 1. Nombre de mesures par thématique")
    assert coverage.categories == (
        "Zones de police",
        "Communes (PbPP et Antennes LISA)",
        "Acteurs régionaux",
        "Secteur associatif : Appel à projets 2021 & 2022",
        "Secteur associatif : hors appel à projets 2021 et 2022",
    )


def test_it_reads_every_thematic_row_across_the_repeated_header(coverage):
    assert [row.thematic for row in coverage.rows] == list(range(1, 10))
    assert [str(c) for c in coverage.rows[0].cells] == ["5/9", "6/9", "0/9", "4/9", "3/9"]
    assert [str(c) for c in coverage.rows[8].cells] == ["0/9", "5/9", "0/9", "1/9", "0/9"]
    assert coverage.rows[6].label == "Environnement et incivilités"


def test_it_looks_up_a_cell_by_thematic_and_category(coverage):
    assert coverage.cell(6, "Acteurs régionaux") == Coverage(9, 9)
    assert coverage.cell(3, "secteur associatif : hors appel a projets 2021 et 2022") == Coverage(9, 9)
    assert coverage.cell(5, "Zones de police") == Coverage(7, 7)
    with pytest.raises(KeyError):
        coverage.cell(10, "Zones de police")


def test_its_totals_match_the_report_and_add_up(coverage):
    assert [str(c) for c in coverage.total.cells] == ["37/77", "48/77", "10/77", "17/77", "15/77"]
    assert coverage.discrepancies() == []


def test_it_flags_a_total_that_disagrees_with_its_rows():
    lines = [
        "Tableau 1. Nombre de mesures",
        "Thématiques\tZones de police",
        " <b>Thématique 1 :</b> Intégrité\t5/9",
        " <b>Thématique 2 :</b> Polarisation\t5/8",
        "<b>TOTAL</b>\t<b>11/17</b>",
        "# NEXT",
    ]
    table = parse_coverage_table(lines)
    assert table.discrepancies() == ["Zones de police: rows add up to 10/17, TOTAL says 11/17"]


def test_it_finds_no_coverage_table_in_a_local_plan():
    assert parse_coverage_table(seed_lines("000")) is None
