"""What a reader sees: the Word tables and their colours, and the PDF pages rendered to images.

The PDF pages are written to ``artifacts/documents/`` as PNG (poppler's ``pdftoppm``) so that a
person can look at them after the run.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

from balise.monitoring.models import Assessment, ColourCode
from tests.integration.exports.convention_support import ARTIFACTS, demo_plan, export, seed_plan

pytestmark = pytest.mark.django_db
THIN = "\u202f"


@pytest.fixture
def plan(demo_database, reference):
    return demo_plan()


def word(path) -> docx.document.Document:
    return docx.Document(io.BytesIO(path.read_bytes()))


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def fill(cell) -> str | None:
    shading = cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    return None if shading is None else shading.get(qn("w:fill"))


def indicator_rows(document) -> list:
    """Rows of the indicator tables below their headers, without the merged label rows."""
    return [
        row
        for table in indicator_tables(document)
        for row in table.rows[1:]
        if len({id(cell._tc) for cell in row.cells}) > 1
    ]


def indicator_tables(document) -> list:
    return [t for t in document.tables if t.rows[0].cells[0].text in ("Indicateurs", "Indicatoren")]


def test_the_word_convention_opens_like_the_national_template(plan, tmp_path):
    document = word(export(plan, tmp_path, "docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[:4] == [
        "Plan Stratégique de Sécurité et de Prévention",
        f"Intitulé : {plan.title}",
        "COMMUNE DE Valmont-sur-Senne",
        "période : 01-01-2023 - 31-12-2025",
    ]
    assert texts[4].startswith("Entre d'une part : L'État, représenté par")
    assert "Dispositions générales" in texts
    assert texts[-2].endswith("le 15/03/2023.")


def test_the_contingent_table_computes_personnel_equipment_and_total(plan, tmp_path):
    document = word(export(plan, tmp_path, "docx"))
    assert rows(document.tables[0]) == [
        ["", "Nombre/Régime horaire", "Intervention financière", "Total"],
        ["Frais de personnel", "3 ETP", "420,00 € × 3 ETP × 12 mois", f"15{THIN}120,00 €"],
        ["Frais d'équipement et de formation *", "3 ETP", "", f"1{THIN}100,58 €"],
        ["TOTAL", "", "", f"16{THIN}220,58 €"],
    ]


def test_each_strategic_objective_has_its_two_tables(plan, tmp_path):
    document = word(export(plan, tmp_path, "docx"))
    objectives = [t for t in document.tables if t.rows[0].cells[0].text == "Objectifs opérationnels"]
    indicators = indicator_tables(document)
    assert len(objectives) == len(indicators) == 11  # the demo plan's strategic objectives
    assert rows(indicators[0])[0] == [
        "Indicateurs",
        "Analyse SPF IBZ",
        "Evaluation Code couleur",
        "Evaluation Motivation",
    ]
    first = rows(objectives[0])
    assert first[1][0] == "Assurer une communication régulière avec l'autorité subsidiante"
    assert first[2][0] == ""  # a second result of the same operational objective
    assert rows(indicators[0])[1][0].startswith("Objectif opérationnel : Assurer une communication")


def test_without_a_year_the_evaluation_columns_are_empty(plan, tmp_path):
    document = word(export(plan, tmp_path, "docx"))
    cells = [cell.text for row in indicator_rows(document) for cell in row.cells[1:]]
    assert cells and all(text == "" for text in cells)


def test_with_a_year_the_colour_cells_are_shaded_with_their_colour(plan, tmp_path):
    document = word(export(plan, tmp_path, "docx", year=2023))
    assessed = Assessment.objects.filter(evaluation__year=2023, colour__isnull=False).select_related("colour")
    expected = {(a.colour.label_fr, a.colour.hex.lstrip("#").upper()) for a in assessed}
    shaded = {
        (row.cells[2].text, fill(row.cells[2])) for row in indicator_rows(document) if fill(row.cells[2])
    }
    assert shaded == expected
    assert len(shaded) >= 2
    analyses = {row[1] for table in indicator_tables(document) for row in rows(table)[1:]}
    assert "Résultat conforme à la cible." in analyses


def test_the_dutch_convention_uses_the_dutch_template(plan, tmp_path):
    document = word(export(plan, tmp_path, "docx", language="nl", year=2023))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Strategisch Veiligheids- en Preventieplan"
    assert "Algemene bepalingen" in texts
    assert rows(indicator_tables(document)[0])[0] == [
        "Indicatoren",
        "Analyse FOD BiZa",
        "Evaluatie kleurcode",
        "Evaluatie motivatie",
    ]
    colours = {row.cells[2].text for row in indicator_rows(document) if fill(row.cells[2])}
    assert colours <= set(ColourCode.objects.values_list("label_nl", flat=True))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
@pytest.mark.parametrize("source", ["demo", "000"])
def test_the_pdf_pages_render_to_images_with_ink_on_them(reference, tmp_path, source):
    plan = demo_plan() if source == "demo" else seed_plan(source)
    pdf = export(plan, tmp_path, "pdf", year=2023 if source == "demo" else None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = ARTIFACTS / f"convention-{source}"
    for old in ARTIFACTS.glob(f"convention-{source}-*.png"):
        old.unlink()
    shutil.copyfile(pdf, stem.with_suffix(".pdf"))
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(stem)], check=True, timeout=120)
    pages = sorted(ARTIFACTS.glob(f"convention-{source}-*.png"))
    assert 1 < len(pages) <= 14  # A4, compact: the largest seed plan takes 13 pages
    for page in pages:
        image = Image.open(page).convert("L")
        assert abs(image.size[0] - 496) <= 1 and abs(image.size[1] - 702) <= 1  # A4 at 60 dpi
        dark = sum(image.histogram()[:128])
        # a signature page carries little ink, a blank page none
        assert dark > 0.001 * image.size[0] * image.size[1], f"{page.name} is blank"
