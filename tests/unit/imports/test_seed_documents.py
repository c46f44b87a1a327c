"""The seeds as the Word and PDF files municipalities send: generated at test time from the seed
text (`tests.documents`), imported back, they must give the outline checked by hand for the text."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from balise.domain.interchange import loads
from balise.domain.outline import PlanOutline
from balise.imports.pipeline import parse_file
from balise.imports.report import ImportResult
from balise.imports.scoring import score
from balise.imports.sources import read_document
from tests.documents import write_docx, write_pdf
from tests.seeds import EXPECTED_DIR, seed_path, seed_text

SEED_LAYOUTS = {"000": "pssp_list", "001": "pssp_table", "002": "css_wrapped", "003": "css_tabs"}
WRITERS: dict[str, Callable[[str, Path], Path]] = {"docx": write_docx, "pdf": write_pdf}


@cache
def text_import(prefix: str) -> ImportResult:
    return parse_file(seed_path(prefix))


def expected_outline(prefix: str) -> PlanOutline:
    return loads((EXPECTED_DIR / f"{prefix}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", sorted(WRITERS))
@pytest.mark.parametrize("prefix", sorted(SEED_LAYOUTS))
def test_a_seed_written_as_a_document_imports_to_the_outline_of_its_text(
    prefix: str, kind: str, tmp_path: Path
) -> None:
    path = WRITERS[kind](seed_text(prefix), tmp_path / f"{prefix}.{kind}")

    result = parse_file(path)

    assert result.layout == SEED_LAYOUTS[prefix]
    scores = score(result.outline, expected_outline(prefix))
    imperfect = {level: s for level, s in scores.items() if (s.precision, s.recall) != (1.0, 1.0)}
    assert not imperfect, f"{prefix}.{kind}: {imperfect}"
    assert scores["indicators"].expected > 0
    unplaced = [(line.number, line.text) for line in result.unplaced]
    assert len(unplaced) <= len(text_import(prefix).unplaced), unplaced


# --- what the readers keep of a document's layout ----------------------------------------------


@pytest.fixture
def pdf_of(tmp_path: Path) -> Callable[[str], list[str]]:
    """The lines read back from an HTML body rendered like `tests.documents` renders a seed."""
    weasyprint = pytest.importorskip("weasyprint")
    from tests.documents import PDF_CSS

    def read(body: str) -> list[str]:
        path = tmp_path / "page.pdf"
        html = f"<html><head><meta charset='utf-8'><style>{PDF_CSS}</style></head><body>{body}</body></html>"
        weasyprint.HTML(string=html).write_pdf(path)
        return read_document(path).lines

    return read


def test_a_pdf_line_starting_right_of_the_margin_keeps_its_indentation(
    pdf_of: Callable[[str], list[str]],
) -> None:
    lines = pdf_of("<p>1. Améliorer l’expertise en</p><p> problématique de la</p><p>radicalisation</p>")

    assert lines == ["1. Améliorer l’expertise en", " problématique de la", "radicalisation"]


def test_short_pdf_lines_without_a_gap_are_not_joined(pdf_of: Callable[[str], list[str]]) -> None:
    # Only a line that ran into the right margin was wrapped; these ended where the author did.
    lines = pdf_of("<p style='margin: 0'>Objectifs opérationnels</p><p style='margin: 0'>- Recruter</p>")

    assert lines == ["Objectifs opérationnels", "- Recruter"]


def test_a_pdf_table_cell_broken_after_a_slash_reads_as_one_word(pdf_of: Callable[[str], list[str]]) -> None:
    lines = pdf_of("<table><tr><td>Objectif</td><td style='width: 0.45cm'>Oui/Non</td></tr></table>")

    assert lines == ["Objectif\tOui/Non"]


def test_a_pdf_table_cut_by_a_page_break_reads_as_one_table(pdf_of: Callable[[str], list[str]]) -> None:
    rows = "".join(f"<tr><td>Objectif {n}</td><td>Résultat {n}</td></tr>" for n in range(1, 4))
    # A3 landscape is 27.7 cm high inside the margins: only the first row fits on the first page.
    lines = pdf_of(f"<div style='height: 26.8cm'></div><table>{rows}</table><p>Après</p>")

    assert lines == [f"Objectif {n}\tRésultat {n}" for n in range(1, 4)] + ["", "Après"]


def test_a_page_break_between_paragraphs_is_a_blank_line(pdf_of: Callable[[str], list[str]]) -> None:
    lines = pdf_of("<p>Page un</p><p style='page-break-before: always'>Page deux</p>")

    assert lines == ["Page un", "", "Page deux"]


def test_a_docx_spaced_with_empty_paragraphs_keeps_them_as_the_only_blank_lines(tmp_path: Path) -> None:
    text = "Titre\n\n1. Assurer  la  présence\ndissuasive  des  Gardiens\n\n- Présence\nquotidienne"

    lines = read_document(write_docx(text, tmp_path / "wrapped.docx")).lines

    assert lines == text.split("\n")


def test_a_docx_spaced_by_paragraph_format_gets_a_blank_line_between_paragraphs(tmp_path: Path) -> None:
    lines = read_document(
        write_docx("Titre\nPremier paragraphe.\nSecond paragraphe.", tmp_path / "a.docx")
    ).lines

    assert lines == ["Titre", "", "Premier paragraphe.", "", "Second paragraphe."]
