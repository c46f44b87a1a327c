"""French typography in the documents Balise writes, as on its pages (balise.typography)."""

from __future__ import annotations

import docx

from balise.typography import typeset_docx, typeset_html

NBSP = "\u00a0"


def a_document() -> docx.document.Document:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("État").bold = True
    paragraph.add_run(": brouillon «v2»")
    document.add_paragraph("Pilote: le chef de corps. Heure : 14:05 ; ratio 1:2")
    document.add_table(rows=1, cols=1).rows[0].cells[0].text = "Cible: 50 par an!"
    document.sections[0].footer.paragraphs[0].text = "Page 3 sur 8 ? Voir: annexe"
    return document


def texts(document: docx.document.Document) -> list[str]:
    return [
        *(p.text for p in document.paragraphs),
        document.tables[0].rows[0].cells[0].text,
        document.sections[0].footer.paragraphs[0].text,
    ]


def test_a_french_document_gets_a_no_break_space_before_high_marks_even_across_runs() -> None:
    document = a_document()

    typeset_docx(document, "fr")

    assert texts(document) == [
        f"État{NBSP}: brouillon «{NBSP}v2{NBSP}»",
        f"Pilote{NBSP}: le chef de corps. Heure : 14:05 ; ratio 1:2",
        f"Cible{NBSP}: 50 par an{NBSP}!",
        f"Page 3 sur 8 ? Voir{NBSP}: annexe",
    ]


def test_setting_a_french_document_twice_changes_nothing_more() -> None:
    once = a_document()
    typeset_docx(once, "fr")
    twice = a_document()
    typeset_docx(twice, "fr")
    typeset_docx(twice, "fr-be")

    assert texts(twice) == texts(once)


def test_a_dutch_or_german_document_is_left_as_written() -> None:
    for language in ("nl", "de", None):
        document = a_document()
        typeset_docx(document, language)
        assert texts(document) == texts(a_document())


def test_a_document_without_its_own_header_gets_none_added() -> None:
    document = docx.Document()
    document.add_paragraph("Titre: rapport")

    typeset_docx(document, "fr")

    assert document.sections[0].header.is_linked_to_previous


def test_the_html_of_a_french_pdf_is_set_between_its_tags_only() -> None:
    html = '<p title="a: b">Statut: signé</p><style>p:hover{x:1}</style>'

    assert typeset_html(html, "fr") == f'<p title="a: b">Statut{NBSP}: signé</p><style>p:hover{{x:1}}</style>'
    assert typeset_html(html, "nl") == html
