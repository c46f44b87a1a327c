"""Source documents generated at test time: DOCX with python-docx, PDF with WeasyPrint."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

FRENCH = (
    "Plan stratégique de sécurité et de prévention\n"
    "Période : 01-01-2023 – 31-12-2024\n"
    "Objectif opérationnel : réduire les nuisances liées à la mobilité ; être présent « là où ça compte »\n"
    "Indicateur : nombre de prises en charge ≥ 10/an — coût 1.250,00 €\n"
)

# A DOCX block: a paragraph's text, or a table as rows of cells.
DocxBlock = str | Sequence[Sequence[str]]

PDF_CSS = """
<style>
  @page { size: A4; margin: 2cm }
  body { font-family: DejaVu Sans, sans-serif; font-size: 11pt }
  table { border-collapse: collapse; margin: 1em 0 }
  td, th { border: 1px solid black; padding: 3px; vertical-align: top }
</style>
"""


@pytest.fixture
def french_text() -> str:
    return FRENCH


@pytest.fixture
def write_docx(tmp_path: Path) -> Callable[[str, Sequence[DocxBlock]], Path]:
    """Write a DOCX of paragraphs and tables; an empty first cell under a filled one is merged
    vertically with it, the way the 2023 template shows an objective spanning several results."""
    import docx

    def write(name: str, blocks: Sequence[DocxBlock]) -> Path:
        document = docx.Document()
        for block in blocks:
            if isinstance(block, str):
                document.add_paragraph(block)
                continue
            width = max(len(row) for row in block)
            table = document.add_table(rows=len(block), cols=width)
            for r, row in enumerate(block):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
            for r in range(1, len(block)):
                if block[r][0] == "" and block[r - 1][0] != "":
                    end = r
                    while end + 1 < len(block) and block[end + 1][0] == "":
                        end += 1
                    table.cell(r - 1, 0).merge(table.cell(end, 0))
        path = tmp_path / name
        document.save(str(path))
        return path

    return write


@pytest.fixture
def sample_docx(tmp_path: Path) -> Path:
    """Heading, paragraphs, a bulleted and a numbered list, and a table with an empty first cell,
    a horizontally merged header, a vertically merged cell and a line break inside a cell."""
    import docx

    document = docx.Document()
    document.add_heading("Plan stratégique de sécurité", level=1)
    document.add_paragraph("Premier paragraphe.")
    document.add_paragraph("Recruter le personnel", style="List Bullet")
    document.add_paragraph("Former le personnel", style="List Bullet")
    document.add_paragraph("Étape une", style="List Number")
    document.add_paragraph("Étape deux", style="List Number")
    table = document.add_table(rows=5, cols=3)
    for r, row in enumerate(
        [
            ["", "Nombre/Régime horaire", "Total"],
            ["Frais de personnel", "2 ETP", "10.080,00 €"],
            ["", "", "733,72 €"],
            ["Recruter le personnel", "Poste vacant pourvu", "x"],
            ["", "", "y"],
        ]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(2, 0).merge(table.cell(2, 1)).text = "Équipement et formation"
    table.cell(3, 0).merge(table.cell(4, 0))
    cell = table.cell(4, 1)
    cell.text = "ligne un"
    cell.paragraphs[0].add_run().add_break()
    cell.paragraphs[0].add_run("ligne deux")
    document.add_paragraph("Après le tableau.")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    return path


@pytest.fixture
def write_pdf(tmp_path: Path) -> Callable[[str, str], Path]:
    """Render an HTML body to PDF with WeasyPrint (real text layer, ruled tables)."""
    weasyprint = pytest.importorskip("weasyprint")

    def write(name: str, body: str) -> Path:
        path = tmp_path / name
        weasyprint.HTML(string=f"<html><head>{PDF_CSS}</head><body>{body}</body></html>").write_pdf(str(path))
        return path

    return write


@pytest.fixture
def sample_pdf(write_pdf: Callable[[str, str], Path]) -> Path:
    return write_pdf(
        "plan.pdf",
        "<h1>Plan stratégique de sécurité</h1>"
        "<p>Premier paragraphe avant le tableau.</p>"
        "<table>"
        "<tr><td>Objectifs opérationnels</td><td>Résultats attendus</td></tr>"
        "<tr><td>Recruter le personnel nécessaire</td><td>Postes vacants pourvus dans les 6 mois</td></tr>"
        "<tr><td></td><td>Procédure de recrutement<br>effective</td></tr>"
        "</table>"
        "<p>Texte après le tableau.</p>"
        '<p style="page-break-before: always">Deuxième page.</p>',
    )


@pytest.fixture
def encrypted_pdf(sample_pdf: Path, tmp_path: Path) -> Callable[[str], Path]:
    """The sample PDF encrypted by pypdf with the given user password ("" = owner password only)."""
    pypdf = pytest.importorskip("pypdf")

    def encrypt(user_password: str) -> Path:
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(sample_pdf)))
        writer.encrypt(user_password=user_password, owner_password="owner-secret")
        path = tmp_path / f"protected-{len(user_password)}.pdf"
        with path.open("wb") as handle:
            writer.write(handle)
        return path

    return encrypt


@pytest.fixture
def scanned_pdf(write_pdf: Callable[[str, str], Path]) -> Path:
    """A PDF whose only content is a picture of text, as a scanner produces."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 2))
    figure.text(0.1, 0.5, "Plan stratégique scanné", fontsize=14)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return write_pdf("scan.pdf", f'<img src="data:image/png;base64,{data}" style="width: 12cm">')
