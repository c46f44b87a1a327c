"""Every corpus document is what it claims to be: it opens with its own library, a PDF has the pages
its writer rendered, a pasted text carries the artefacts of a PDF viewer's copy. And the importer
never crashes on any of them: it returns an outline or its own one-line refusal."""

from __future__ import annotations

import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from tests.corpus import CorpusDocument
from tests.corpus.conftest import by_trait
from tests.corpus.scoring import run_import

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_xml(document: CorpusDocument, part: str) -> bytes:
    with zipfile.ZipFile(document.path) as archive:
        return archive.read(part)


def test_the_corpus_holds_at_least_thirty_documents_that_all_exist(corpus: list[CorpusDocument]) -> None:
    assert len(corpus) >= 30
    assert all(document.path.is_file() and document.path.stat().st_size > 0 for document in corpus)
    assert len([d for d in corpus if d.is_plan and d.language == "nl"]) >= 8


def test_word_files_open_with_python_docx(corpus: list[CorpusDocument]) -> None:
    import docx

    for document in [d for d in corpus if d.format == "docx"]:
        assert docx.Document(str(document.path)).paragraphs, document.name


def test_automatic_numbering_lives_in_numbering_xml_not_in_the_heading_text(corpus) -> None:
    import docx

    for document in by_trait(corpus, "word-auto-numbering"):
        if document.format != "docx":
            continue
        numbering = _docx_xml(document, "word/numbering.xml").decode()
        assert '<w:pStyle w:val="Heading1"/>' in numbering and 'w:lvlText w:val="%1.%2."' in numbering
        headings = [
            p.text for p in docx.Document(str(document.path)).paragraphs if p.style.name == "Heading 1"
        ]
        titles = [m.title for m in document.expected.modules]
        assert [h.replace("\u2019", "'") for h in headings] == titles, document.name


@pytest.mark.parametrize(
    ("trait", "marker"),
    [
        ("tracked-changes", f"{W}ins"),
        ("tracked-changes", f"{W}delText"),
        ("text-box", f"{W}txbxContent"),
        ("toc", f"{W}instrText"),
        ("vertical-merge", f"{W}vMerge"),
        ("merged-header", f"{W}gridSpan"),
    ],
)
def test_word_features_are_really_in_the_xml(corpus, trait: str, marker: str) -> None:
    documents = [d for d in by_trait(corpus, trait) if d.format == "docx"]
    assert documents
    for document in documents:
        body = etree.fromstring(_docx_xml(document, "word/document.xml"))
        assert body.iter(marker).__next__() is not None, (document.name, marker)


def test_word_footers_number_their_pages_with_fields(corpus) -> None:
    for document in [d for d in by_trait(corpus, "header-footer") if d.format == "docx"]:
        with zipfile.ZipFile(document.path) as archive:
            footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
        assert any("PAGE" in f and "NUMPAGES" in f for f in footers), document.name


def _pdf_pages(document: CorpusDocument) -> list[str]:
    return _pdf_text(document.path)


@cache
def _pdf_text(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_pdfs_have_the_pages_their_writer_rendered_and_printed(corpus) -> None:
    for document in [d for d in corpus if d.format == "pdf"]:
        pages = _pdf_pages(document)
        if "pages" in document.facts:
            assert len(pages) == document.facts["pages"], document.name
        if "image-only" in document.traits:
            assert not "".join(pages).strip(), f"{document.name} must have no text layer"
            continue
        assert all(text.strip() for text in pages), document.name
        if "page-numbers" in document.traits:
            printed = re.search(r"(?:Page|Pagina) 1 (?:sur|van) (\d+)", pages[0])
            assert printed and int(printed.group(1)) == len(pages), document.name


def _page_of(pages: list[str], text: str) -> int | None:
    words = " ".join(text.split()[:3])
    for n, page in enumerate(pages):
        if words in " ".join(re.sub(r"[\u2010-]\n", "", page).split()):
            return n
    return None


def test_weasyprint_pdfs_hyphenate_at_line_ends(corpus) -> None:
    for document in by_trait(corpus, "weasyprint"):
        lines = [line for text in _pdf_pages(document) for line in text.splitlines()]
        assert any(re.search(r"\w[\u2010-]$", line) for line in lines), document.name


def test_weasyprint_pdfs_split_a_table_row_across_two_pages(corpus) -> None:
    """A row's objective on one page, its last indicator on the next."""
    split = []
    for document in by_trait(corpus, "weasyprint"):
        pages = _pdf_pages(document)
        for oo in (oo for m in document.expected.modules for so in m.strategic_objectives
                   for oo in so.operational_objectives):  # fmt: skip
            first, last = _page_of(pages, oo.title), _page_of(pages, oo.indicators[-1].text)
            if first is not None and last is not None and last > first:
                split.append((document.name, oo.title))
    assert {name for name, _ in split} == {d.name for d in by_trait(corpus, "weasyprint")}, split


def test_pasted_texts_carry_every_artefact_of_a_viewer_copy(corpus) -> None:
    for document in by_trait(corpus, "pasted-from-viewer"):
        data = document.path.read_bytes()
        text = data.decode("utf-8")
        lines = text.split("\r\n")
        assert data.count(b"\n") == data.count(b"\r\n") > 20, document.name
        assert all(line.strip() for line in lines[:-1]), "no blank lines"
        assert document.facts["ligatures"] >= 1 or not re.search("f[fil]", text), document.name
        assert sum(text.count(ch) for ch in "\ufb00\ufb01\ufb02\ufb03") == document.facts["ligatures"]
        hyphen_ends = [line for line in lines if re.search(r"[a-zà-ÿ]-$", line)]
        assert len(hyphen_ends) == document.facts["hyphenated"], document.name
        footers = [line for line in lines if re.fullmatch(r"(Page \d+ sur|Pagina \d+ van) \d+", line)]
        assert len(footers) == document.facts["pages"] >= 2
        bullets = {line[:2] for line in lines} & {"\u2022 ", "\uf0b7 ", "\uf0b7\t", "o ", "- "}
        assert len(bullets) >= 3, (document.name, bullets)


def test_pasted_texts_hyphenate_at_line_ends_in_both_corpus_languages(corpus) -> None:
    hyphenated = sum(d.facts["hyphenated"] for d in by_trait(corpus, "pasted-from-viewer"))
    assert hyphenated >= 8


def test_spreadsheets_open_with_their_library_and_hold_their_sheets(corpus) -> None:
    import openpyxl
    from odfdo import Document

    for document in [d for d in corpus if d.format == "xlsx"]:
        workbook = openpyxl.load_workbook(document.path)
        if "sheets" in document.facts:
            assert len(workbook.worksheets) == document.facts["sheets"]
        if "merged-cells" in document.traits:
            assert any(sheet.merged_cells.ranges for sheet in workbook.worksheets), document.name
    for document in [d for d in corpus if d.format == "ods"]:
        tables = Document(str(document.path)).body.tables
        assert len(tables) == document.facts["sheets"], document.name
        if "merged-cells" in document.traits:
            content = _docx_xml(document, "content.xml").decode()
            assert "table:number-rows-spanned" in content or "table:number-columns-spanned" in content


def test_opendocument_texts_hold_the_plan_text(corpus) -> None:
    for document in [d for d in corpus if d.format == "odt"]:
        content = etree.fromstring(_docx_xml(document, "content.xml"))
        text = " ".join(content.itertext()).replace("\u2019", "'")
        assert document.expected.modules[-1].title in text, document.name


def test_the_importer_never_crashes_on_a_corpus_document(corpus) -> None:
    for document in corpus:
        run = run_import(document.path)  # anything but the importer's own refusal propagates
        assert (run.outline is None) != (run.error is None), document.name
        if run.error is not None:
            assert "\n" not in run.error and document.name in run.error, run.error


def test_documents_that_are_not_plans_are_refused(corpus) -> None:
    for document in [d for d in corpus if not d.is_plan]:
        run = run_import(document.path)
        assert run.outline is None, f"{document.name} was imported as a plan"


def _expected_texts(document: CorpusDocument) -> list[str]:
    outline = document.expected
    texts = [m.title for m in outline.modules]
    for module in outline.modules:
        texts += module.general_objectives
        for so in module.strategic_objectives:
            texts += [so.title, *(i.text for i in so.indicators)]
            texts += [t for t in (so.pilot, *(i.reference_value for i in so.indicators)) if t]
            for oo in so.operational_objectives:
                texts += [oo.title, *oo.results, *(i.text for i in oo.indicators)]
                texts += [t for t in (oo.approach, oo.pilot) if t]
    return texts


def _written_text(document: CorpusDocument) -> str:
    if document.format == "docx":
        body = etree.fromstring(_docx_xml(document, "word/document.xml"))
        # w:t only: the text of deleted revisions (w:delText) is not part of the plan.
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]
    elif document.format == "xlsx":
        import openpyxl

        workbook = openpyxl.load_workbook(document.path)
        paragraphs = [
            str(c.value) for s in workbook.worksheets for row in s.iter_rows() for c in row if c.value
        ]
    else:
        raise AssertionError(document.format)
    return "\n".join(paragraphs).replace("\u2019", "'")


def test_every_expected_text_is_written_in_the_word_and_excel_documents(corpus) -> None:
    """The expectation describes the document: each node's text is in it, tracked changes
    accepted."""
    for document in [d for d in corpus if d.is_plan and d.format in ("docx", "xlsx")]:
        written = _written_text(document)
        missing = [text for text in _expected_texts(document) if text not in written]
        assert not missing, (document.name, missing)


def test_pdfs_are_exported_from_the_final_version_without_the_deleted_revisions(corpus) -> None:
    for document in [d for d in corpus if d.format == "pdf" and "libreoffice" in d.traits]:
        text = " ".join(_pdf_pages(document))
        assert "provisoires" not in text and "rapport intermédiaire" not in text, document.name
