"""Each reader builds the document model: blocks in order, merges kept, furniture found."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from balise.imports.document.model import Document, Kind
from balise.imports.document.odt_reader import read_odt
from balise.imports.document.pdf_model import read_pdf
from balise.imports.document.sheets import read_ods, read_xlsx
from balise.imports.document.text_reader import read_text
from balise.imports.recognise import recognise

from .conftest import PDF_CSS


def cells(document: Document, table: int = 0) -> list[list[tuple[str, int, bool]]]:
    """(text, column span, merged with the cell above) of every cell of a table."""
    found = [b for b in document.blocks if b.is_table][table]
    return [[(c.text, c.col_span, c.merged_above) for c in row.cells] for row in found.rows]


def test_an_xlsx_sheet_is_one_table_with_its_merged_ranges(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "1. Cambriolage"
    for row in (
        ["Cambriolage", "", ""],
        ["Objectif opérationnel", "Indicateur", "Cible"],
        ["Sensibiliser", "Séances", 0.75],
        ["", "Brochures", 500],
    ):
        sheet.append(row)
    sheet.merge_cells("A1:C1")
    sheet.merge_cells("A3:A4")
    sheet["C3"].number_format = "0%"
    book.save(tmp_path / "plan.xlsx")

    document = read_xlsx((tmp_path / "plan.xlsx").read_bytes(), "plan.xlsx")

    assert cells(document) == [
        [("Cambriolage", 3, False)],
        [("Objectif opérationnel", 1, False), ("Indicateur", 1, False), ("Cible", 1, False)],
        [("Sensibiliser", 1, False), ("Séances", 1, False), ("75 %", 1, False)],
        [("", 1, True), ("Brochures", 1, False), ("500", 1, False)],
    ]
    assert document.blocks[0].position.sheet == "1. Cambriolage"


def test_an_ods_spreadsheet_keeps_spans_and_skips_the_repeated_empty_tail(tmp_path: Path) -> None:
    odfdo = pytest.importorskip("odfdo")
    document = odfdo.Document("spreadsheet")
    body = document.body
    body.clear()
    table = odfdo.Table("Plan")
    table.set_values([["Phénomène", "Indicateur"], ["Cambriolage", "Séances ≥ 10/an"], ["", "Brochures"]])
    table.set_span((0, 1, 0, 2))
    body.append(table)
    document.save(str(tmp_path / "plan.ods"))

    model = read_ods((tmp_path / "plan.ods").read_bytes(), "plan.ods")

    assert cells(model) == [
        [("Phénomène", 1, False), ("Indicateur", 1, False)],
        [("Cambriolage", 1, False), ("Séances ≥ 10/an", 1, False)],
        [("", 1, True), ("Brochures", 1, False)],
    ]


ODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
<office:body><office:text>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>effacé</text:p>
</text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1"><text:number>1.</text:number>Cambriolage</text:h>
<text:h text:outline-level="2"><text:number>1.1.</text:number>Réduire<text:s/>les vols</text:h>
<text:list><text:list-item><text:p>Indicateurs :</text:p>
<text:list><text:list-item><text:p>Séances ≥ 10/an</text:p></text:list-item></text:list>
</text:list-item></text:list>
<table:table><table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Titre</text:p>
</table:table-cell><table:covered-table-cell/></table:table-row>
<table:table-row><table:table-cell><text:p>A</text:p></table:table-cell>
<table:table-cell><text:p>B</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"""


def test_an_odt_gives_headings_with_their_numbers_nested_lists_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "plan.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", ODT)

    document = read_odt(path.read_bytes(), "plan.odt")

    flow = [(b.kind.value, b.number, b.level, b.text) for b in document.blocks if not b.is_table]
    assert flow == [
        ("heading", "1.", 1, "Cambriolage"),
        ("heading", "1.1.", 2, "Réduire les vols"),
        ("list_item", "•", 0, "Indicateurs :"),
        ("list_item", "•", 1, "Séances ≥ 10/an"),
    ]
    assert cells(document) == [[("Titre", 2, False)], [("A", 1, False), ("B", 1, False)]]


@pytest.fixture
def pdf_plan(tmp_path: Path) -> Path:
    weasyprint = pytest.importorskip("weasyprint")
    css = PDF_CSS.replace(
        "@page { size: A4; margin: 2cm }",
        "@page { size: A5; margin: 2cm; @top-center { content: 'PSSP Forest 2020-2025' } "
        "@bottom-center { content: 'Page ' counter(page) ' sur ' counter(pages) } }",
    )
    rows = "".join(
        f"<tr><td>Objectif {n} : mener l'action {n}</td>"
        f"<td>Nombre de séances de l'action {n} ≥ {n}0/an</td></tr>"
        for n in range(1, 41)
    )
    body = (
        "<h1>Cambriolage</h1><p>Objectif stratégique : Réduire les cambriolages</p>"
        f"<table><tr><td>Objectif opérationnel</td><td>Indicateur</td></tr>{rows}</table>"
    )
    path = tmp_path / "plan.pdf"
    weasyprint.HTML(string=f"<html><head>{css}</head><body>{body}</body></html>").write_pdf(str(path))
    return path


def test_a_pdf_reads_its_table_across_pages_and_its_running_header_and_page_numbers_are_furniture(
    pdf_plan: Path,
) -> None:
    document = read_pdf(pdf_plan.read_bytes(), "plan.pdf")

    furniture = {b.text for b in document.blocks if b.furniture}
    assert "PSSP Forest 2020-2025" in furniture and "Page 1 sur 3" in furniture
    tables = [b for b in document.blocks if b.is_table]
    assert len(tables) == 1 and len(tables[0].rows) == 41  # one table, its header row not repeated
    headings = [b.text for b in document.blocks if b.kind is Kind.HEADING]
    assert headings == ["Cambriolage"]
    outline = recognise(document).outline
    oos = outline.modules[0].strategic_objectives[0].operational_objectives
    assert [oo.title for oo in oos][-1] == "Objectif 40 : mener l'action 40"
    assert oos[-1].indicators[0].target is not None


def test_text_with_tabs_is_a_table_and_a_lone_bullet_before_a_tab_is_a_list_item() -> None:
    document = read_text("Objectif\tIndicateur\nPatrouiller\tPatrouilles ≥ 5/an\n\uf0b7\tUne brochure\n")

    assert cells(document) == [
        [("Objectif", 1, False), ("Indicateur", 1, False)],
        [("Patrouiller", 1, False), ("Patrouilles ≥ 5/an", 1, False)],
    ]
    assert [(b.kind, b.number, b.text) for b in document.blocks[1:]] == [
        (Kind.LIST_ITEM, "\uf0b7", "Une brochure")
    ]
