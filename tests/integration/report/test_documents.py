"""The PDF and DOCX of the demo plan's 2023 report, looked at as a reader would.

The PDF is rasterised with pdftoppm into artifacts/report/ (kept for people to look at): every
page must exist and carry ink. The DOCX is opened again with python-docx.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
from datetime import date

import pytest
from django.utils import translation
from docx import Document as OpenDocx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from PIL import Image

from balise.accounts.actors import SYSTEM
from balise.domain.outline import ModuleOutline, PlanOutline
from balise.exports.report import data, figures, pdf
from balise.exports.report.document import produce
from balise.exports.report.pdf import offline_fetcher
from balise.monitoring import workflow
from balise.plans.actions import import_plan
from balise.plans.models import Indicator

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")), reason="poppler-utils not installed"
)


def ink(path) -> float:
    """Share of pixels that are not (almost) white."""
    image = Image.open(path).convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[245:]) / (image.width * image.height)


@needs_poppler
def test_the_pdf_has_pages_that_are_not_blank(demo_plan, artifacts, tmp_path):
    started = time.perf_counter()
    document = produce(demo_plan, 2023, "pdf", "fr")
    elapsed = time.perf_counter() - started
    assert document.content.startswith(b"%PDF")
    written = tmp_path / document.filename
    written.write_bytes(document.content)
    # Checked in a private folder (other runs of the suite may share artifacts/), then copied there.
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(written), str(tmp_path / "page-fr")], check=True, timeout=120
    )
    pages = sorted(tmp_path.glob("page-fr-*.png"))
    assert len(pages) >= 8  # cover, summary, objective colours, then the modules in landscape
    assert all(ink(page) > 0.01 for page in pages), [(p.name, ink(p)) for p in pages]
    sizes = [Image.open(page).size for page in pages]
    assert sizes[0][0] < sizes[0][1]  # the cover is portrait
    assert sizes[-1][0] > sizes[-1][1]  # the tables are landscape
    for old in artifacts.glob("page-fr-*.png"):
        old.unlink(missing_ok=True)
    for made in (written, *pages):
        shutil.copy(made, artifacts / made.name)
    (artifacts / "timing.txt").write_text(f"pdf fr {elapsed:.2f} s\n", encoding="utf-8")


@needs_poppler
def test_the_pdf_says_what_the_evaluation_says(demo_plan, artifacts):
    document = produce(demo_plan, 2023, "pdf", "fr")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=document.content, capture_output=True, check=True
    ).stdout.decode("utf-8")
    flat = " ".join(text.split())
    assert "Plan stratégique de sécurité et de prévention 2023-2025" in flat
    assert "Valmont-sur-Senne" in flat and "01/01/2023 – 31/12/2025" in flat
    assert "analysé" in flat  # the state, in French
    assert "Résultat conforme à la cible." in flat  # a federal analysis
    assert "Objectif atteint grâce à la stabilité de l'équipe." in flat  # a self-evaluation
    assert "partiellement atteint" in flat.lower()


def test_the_pdf_is_in_dutch_when_asked(demo_plan):
    with translation.override("nl"):
        report = data.build_report(demo_plan, 2023)
        html = pdf.html(report, figures.draw(report))
    assert '<html lang="nl">' in html
    assert "geanalyseerd" in html and "gedeeltelijk behaald" in html


def test_the_pdf_never_reaches_the_network():
    fetcher = offline_fetcher()
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher.fetch("https://example.org/logo.png")
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher.fetch("file:///etc/passwd")


def test_the_docx_has_headings_tables_shaded_cells_and_charts(demo_plan, artifacts):
    document = produce(demo_plan, 2023, "docx", "fr")
    (artifacts / document.filename).write_bytes(document.content)
    docx = OpenDocx(io.BytesIO(document.content))
    headings = [
        (p.style.name, p.text) for p in docx.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert ("Title", demo_plan.title) in headings
    modules = [text for style, text in headings if style == "Heading 1"]
    assert modules[1:] == [
        "Coordination",
        "Cambriolage",
        "Nuisances sociales",
        "Sécurité routière",
        "Violence intrafamiliale",
        "Contexte\xa0: chiffres publiés (pas des indicateurs du plan)",  # the demo's crime figures
    ]
    assert sum(1 for style, _text in headings if style == "Heading 2") >= 11 + 2
    figures_label = "Faits enregistrés"  # the context figures' tables are not indicator tables
    indicator_tables = [
        t for t in docx.tables if len(t.columns) == 8 and t.rows[-1].cells[0].text != figures_label
    ]
    assert len(indicator_tables) == 11
    rows = sum(len(t.rows) - 1 for t in indicator_tables)
    assert rows == Indicator.objects.filter(strategic_objective__module__plan=demo_plan).count() == 39
    fills = {
        shading.get(qn("w:fill")) for table in indicator_tables for shading in table._tbl.iter(qn("w:shd"))
    }
    assert {"2e7d32", "ef6c00"} <= fills  # green and orange cells (status and analyst's colour)
    assert len(docx.inline_shapes) >= 2 + 10  # status shares, objective colours, trends
    described = [shape._inline.docPr.get("descr") for shape in docx.inline_shapes]
    assert all(described)
    assert docx.sections[-1].orientation == WD_ORIENT.LANDSCAPE
    assert docx.core_properties.language == "fr"
    text = "\n".join(cell.text for t in indicator_tables for row in t.rows for cell in row.cells)
    assert "Résultat conforme à la cible." in text and "Objectif atteint grâce" in text


def test_a_plan_without_indicators_still_gets_both_documents(reference):
    plan = import_plan(
        PlanOutline(
            kind="pssp",
            title="Plan sans indicateurs",
            municipality="Ixelles",
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
            modules=[ModuleOutline("Coordination", kind="coordination")],
        ),
        user=SYSTEM,
    ).plan
    workflow.evaluation_for(plan, 2024)
    assert produce(plan, 2024, "pdf", "fr").content.startswith(b"%PDF")
    docx = OpenDocx(io.BytesIO(produce(plan, 2024, "docx", "nl").content))
    assert [t for t in docx.tables if len(t.columns) == 8] == []


def test_the_report_carries_the_crime_figures_up_to_its_year_as_context(demo_plan):
    with translation.override("de"):
        report = data.build_report(demo_plan, 2023)
        html = pdf.html(report, figures.draw(report))
    burglary = dict(report.context)["Cambriolage"]
    dwelling = next(s for s in burglary if s.category == "Wohnungseinbruch")
    assert [year for year, _value in dwelling.points] == list(range(2017, 2024))  # not 2024: after the year
    assert "Kontext: veröffentlichte Zahlen" in html and "Wohnungseinbruch" in html and "<td>181</td>" in html
    document = produce(demo_plan, 2023, "docx", "de")
    cells = [c.text for t in OpenDocx(io.BytesIO(document.content)).tables for r in t.rows for c in r.cells]
    assert "Erfasste Taten" in cells and "181" in cells


def test_the_french_report_is_set_in_french_typography_and_the_dutch_one_is_not(demo_plan):
    def paragraphs(language: str) -> list[str]:
        document = OpenDocx(io.BytesIO(produce(demo_plan, 2023, "docx", language).content))
        cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
        return [p.text for p in document.paragraphs] + list(cells)

    french, dutch = paragraphs("fr"), paragraphs("nl")

    assert any("Statut calculé\xa0: atteint" in text for text in french)
    assert not [text for text in french if re.search(r"[^\W\d]: ", text)]  # "Pilote: …" would fail
    assert not [text for text in dutch if "\xa0:" in text]
    assert any(re.search(r"[^\W\d]: ", text) for text in dutch)
