"""Reading source documents (text, DOCX, PDF, JSON) into the lines the layout parsers consume."""

from __future__ import annotations

import json
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from balise.imports.report import DocumentRefused
from balise.imports.sources import MAX_BYTES, read_document
from tests.seeds import seed_text


def non_blank(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip()]


def error_of(path: Path, **kwargs: str) -> str:
    with pytest.raises(DocumentRefused) as caught:
        read_document(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message, "error messages must fit on one line"
    return message


# --- text ---------------------------------------------------------------------------------


def test_it_reads_a_utf8_seed_into_exactly_its_lines(tmp_path: Path) -> None:
    text = seed_text("000")
    path = tmp_path / "seed.txt"
    path.write_text(text, encoding="utf-8")

    document = read_document(path)

    assert (document.format, document.encoding) == ("text", "utf-8")
    assert document.lines == text.split("\n")


def test_it_drops_the_utf8_byte_order_mark(tmp_path: Path, french_text: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(french_text.encode("utf-8-sig"))

    document = read_document(path)

    assert document.lines[0] == "Plan stratégique de sécurité et de prévention"
    assert document.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_it_decodes_utf16_with_a_byte_order_mark(tmp_path: Path, french_text: str, codec: str) -> None:
    path = tmp_path / "utf16.txt"
    bom = b"\xff\xfe" if codec == "utf-16-le" else b"\xfe\xff"
    path.write_bytes(bom + french_text.replace("\n", "\r\n").encode(codec))

    document = read_document(path)

    assert document.lines == french_text.split("\n")
    assert document.encoding == codec


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_it_detects_utf16_without_a_byte_order_mark(tmp_path: Path, french_text: str, codec: str) -> None:
    path = tmp_path / "utf16-nobom.md"
    path.write_bytes(french_text.encode(codec))

    document = read_document(path)

    assert document.lines == french_text.split("\n")
    assert document.encoding == codec


def test_it_falls_back_to_cp1252_for_latin1_text(tmp_path: Path, french_text: str) -> None:
    latin1_text = french_text.replace("–", "-").replace("≥", ">=").replace("—", "-").replace("€", "EUR")
    path = tmp_path / "latin1.txt"
    path.write_bytes(latin1_text.encode("latin-1"))

    document = read_document(path)

    assert document.lines == latin1_text.split("\n")
    assert document.encoding == "cp1252"


def test_it_reads_windows_quotes_and_the_euro_sign_from_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("L’allocation est de 592.354,64 € – « annuelle »".encode("cp1252"))

    assert read_document(path).lines == ["L’allocation est de 592.354,64 € – « annuelle »"]


def test_it_normalises_windows_and_old_mac_newlines(tmp_path: Path) -> None:
    path = tmp_path / "newlines.txt"
    path.write_bytes(b"un\r\ndeux\rtrois\nquatre")

    assert read_document(path).lines == ["un", "deux", "trois", "quatre"]


# --- JSON ---------------------------------------------------------------------------------


def test_it_hands_json_over_as_raw_lines(tmp_path: Path) -> None:
    payload = {"format": "balise.plan/1", "title": "Plan stratégique"}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")

    document = read_document(path)

    assert document.format == "json"
    assert json.loads("\n".join(document.lines)) == payload


def test_it_recognises_json_by_content_whatever_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text('{"format": "balise.plan/1"}', encoding="utf-8")

    assert read_document(path).format == "json"


def test_a_text_that_merely_starts_with_a_brace_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("{brouillon} Plan stratégique\nObjectifs", encoding="utf-8")

    assert read_document(path).format == "text"


def test_it_rejects_a_json_file_that_is_not_json_with_the_position(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "balise.plan/1",\n  "title": }', encoding="utf-8")

    message = error_of(path)

    assert message.startswith("broken.json: not valid JSON (line 2, column")


# --- DOCX ---------------------------------------------------------------------------------


def test_it_reads_docx_paragraphs_lists_and_tables_in_document_order(sample_docx: Path) -> None:
    document = read_document(sample_docx)

    assert document.format == "docx"
    assert document.encoding is None
    assert non_blank(document.lines) == [
        "Plan stratégique de sécurité",
        "Premier paragraphe.",
        "- Recruter le personnel",
        "- Former le personnel",
        "1. Étape une",
        "2. Étape deux",
        "\tNombre/Régime horaire\tTotal",
        "Frais de personnel\t2 ETP\t10.080,00 €",
        "Équipement et formation\t733,72 €",
        "Recruter le personnel\tPoste vacant pourvu\tx",
        "\tligne un ligne deux\ty",
        "Après le tableau.",
    ]


def test_it_separates_docx_paragraphs_by_blank_lines_but_keeps_list_items_together(
    sample_docx: Path,
) -> None:
    lines = read_document(sample_docx).lines

    assert lines[:4] == ["Plan stratégique de sécurité", "", "Premier paragraphe.", ""]
    first_item = lines.index("- Recruter le personnel")
    assert lines[first_item + 1] == "- Former le personnel"


def test_it_renders_multilevel_numbering_like_the_2020_plan(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
            '<w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1.%2."/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1.%2.%3."/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in [
        (0, "DISPOSITIF DE COORDINATION"),
        (1, "Objectifs généraux"),
        (2, "Mettre en oeuvre le plan"),
        (2, "Piloter une politique de prévention"),
        (1, "Objectifs stratégiques"),
        (2, "Assurer le bon fonctionnement"),
        (0, "CAMBRIOLAGES"),
        (1, "Objectifs généraux"),
    ]:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    path = tmp_path / "numbered.docx"
    document.save(str(path))

    assert non_blank(read_document(path).lines) == [
        "I. DISPOSITIF DE COORDINATION",
        "I.1. Objectifs généraux",
        "1.1.1. Mettre en oeuvre le plan",
        "1.1.2. Piloter une politique de prévention",
        "I.2. Objectifs stratégiques",
        "1.2.1. Assurer le bon fonctionnement",
        "II. CAMBRIOLAGES",
        "II.1. Objectifs généraux",
    ]


def test_it_ignores_text_hidden_in_a_vertically_merged_continuation_cell(tmp_path: Path) -> None:
    import docx
    from docx.text.paragraph import Paragraph

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 1).text = "Objectif", "R1", "R2"
    table.cell(0, 0).merge(table.cell(1, 0))
    continuation = table._tbl.tr_lst[1].tc_lst[0]  # Word hides what is left in such a cell
    Paragraph(continuation.add_p(), table).add_run("texte caché")
    path = tmp_path / "merged.docx"
    document.save(str(path))

    assert non_blank(read_document(path).lines) == ["Objectif\tR1", "\tR2"]


def test_it_reads_text_inside_content_controls(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    paragraph = document.add_paragraph("COMMUNE de ")
    paragraph._p.append(
        parse_xml(f"<w:sdt {w}><w:sdtContent><w:r><w:t>Molenbeek</w:t></w:r></w:sdtContent></w:sdt>")
    )
    path = tmp_path / "template.docx"
    document.save(str(path))

    assert non_blank(read_document(path).lines) == ["COMMUNE de Molenbeek"]


def test_a_docx_rebuilt_from_the_seeds_reads_back_as_the_seed_lines(
    write_docx: Callable[[str, list], Path],
) -> None:
    plan_2020 = seed_text("000").split("\n")[:80]
    template_2023 = seed_text("001").split("\n")
    start = template_2023.index("Objectifs opérationnels\tRésultats attendus")
    table_rows = template_2023[start : template_2023.index("", start)]
    blocks: list = []
    for line in non_blank(plan_2020):  # tab lines of the seed are table rows, the rest paragraphs
        if "\t" not in line:
            blocks.append(line)
        elif blocks and not isinstance(blocks[-1], str):
            blocks[-1].append(line.split("\t"))
        else:
            blocks.append([line.split("\t")])
    blocks.append([row.split("\t") for row in table_rows])
    path = write_docx("rebuilt.docx", blocks)

    lines = read_document(path).lines

    assert non_blank(lines) == non_blank(plan_2020) + table_rows


def test_it_rejects_a_docx_without_text(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("")
    document.add_table(rows=2, cols=2)
    path = tmp_path / "vide.docx"
    document.save(str(path))

    assert error_of(path) == "vide.docx: the Word document contains no text"


def test_it_rejects_a_truncated_docx(sample_docx: Path, tmp_path: Path) -> None:
    data = sample_docx.read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])

    assert error_of(path).startswith("cut.docx: not a readable .docx (truncated or corrupt")


def test_it_rejects_a_truncated_docx_even_when_renamed(sample_docx: Path, tmp_path: Path) -> None:
    data = sample_docx.read_bytes()
    path = tmp_path / "upload.bin"
    path.write_bytes(data[: len(data) // 2])

    assert "not a readable .docx" in error_of(path)


def test_it_rejects_a_zip_archive_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "classeur.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ppt/presentation.xml", "<presentation/>")

    assert error_of(path).startswith("classeur.docx: ZIP archive that is not a Word (.docx), OpenDocument")


def test_it_rejects_a_docx_whose_document_part_is_broken(sample_docx: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(sample_docx) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)

    assert error_of(path).startswith("broken.docx: not a readable .docx (corrupt:")


def test_it_explains_what_to_do_with_an_old_word_file(tmp_path: Path) -> None:
    path = tmp_path / "ancien.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))

    assert "save it as an unprotected .docx or PDF" in error_of(path)


# --- PDF ----------------------------------------------------------------------------------


def test_it_reads_pdf_text_and_table_rows_without_duplicating_cells(sample_pdf: Path) -> None:
    document = read_document(sample_pdf)

    assert document.format == "pdf"
    assert non_blank(document.lines) == [
        "Plan stratégique de sécurité",
        "Premier paragraphe avant le tableau.",
        "Objectifs opérationnels\tRésultats attendus",
        "Recruter le personnel nécessaire\tPostes vacants pourvus dans les 6 mois",
        "\tProcédure de recrutement effective",
        "Texte après le tableau.",
        "Deuxième page.",
    ]


def test_it_keeps_a_wrapped_pdf_paragraph_together_and_separates_paragraphs(
    write_pdf: Callable[[str, str], Path],
) -> None:
    sentence = "Assurer la communication avec l'autorité subsidiante dans les délais prescrits. "
    path = write_pdf("wrapped.pdf", f"<p>{sentence * 4}</p><p>Second paragraphe.</p>")

    lines = read_document(path).lines

    first_blank = lines.index("")
    # It wraps over several visual lines, which are joined back: the break is the margin's, not the author's.
    assert lines[:first_blank] == [(sentence * 4).strip()]
    assert lines[first_blank + 1 :] == ["Second paragraphe."]


def test_it_reads_a_pdf_protected_only_against_editing(encrypted_pdf: Callable[[str], Path]) -> None:
    document = read_document(encrypted_pdf(""))

    assert "Texte après le tableau." in document.lines


def test_it_rejects_a_password_protected_pdf(encrypted_pdf: Callable[[str], Path]) -> None:
    path = encrypted_pdf("secret")

    assert error_of(path).startswith(f"{path.name}: PDF is password-protected")


def test_it_rejects_a_scanned_pdf_without_a_text_layer(scanned_pdf: Path) -> None:
    assert error_of(scanned_pdf) == "scan.pdf: PDF has no text layer (scanned PDF?); run OCR on it first"


def test_it_rejects_a_truncated_pdf(sample_pdf: Path, tmp_path: Path) -> None:
    data = sample_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])

    assert error_of(path).startswith("cut.pdf: not a readable PDF (truncated or corrupt")


# --- format sniffing ----------------------------------------------------------------------


def test_it_sniffs_the_format_from_the_content_not_the_extension(
    sample_docx: Path, sample_pdf: Path, tmp_path: Path
) -> None:
    renamed_pdf = tmp_path / "rapport.txt"
    renamed_pdf.write_bytes(sample_pdf.read_bytes())
    renamed_docx = tmp_path / "plan.pdf"
    renamed_docx.write_bytes(sample_docx.read_bytes())
    text_named_docx = tmp_path / "notes.docx"
    text_named_docx.write_text("Objectifs opérationnels", encoding="utf-8")

    assert read_document(renamed_pdf).format == "pdf"
    assert read_document(renamed_docx).format == "docx"
    assert read_document(text_named_docx).format == "text"


# --- bad input ----------------------------------------------------------------------------


def test_it_rejects_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "vide.txt"
    path.write_bytes(b"")

    assert error_of(path) == "vide.txt: the file is empty"


def test_it_rejects_a_file_of_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "blanc.txt"
    path.write_bytes(b"\r\n  \n\t\n")

    assert error_of(path) == "blanc.txt: the file contains no text"


def test_it_rejects_random_bytes_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(random.Random(7).randbytes(20_000))

    assert error_of(path) == "junk.txt: not a text, Word (.docx), PDF or JSON document (binary content)"


def test_it_rejects_control_characters_even_without_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes(range(1, 32)) * 50 + b"Plan")

    assert "binary content" in error_of(path)


def test_it_rejects_a_file_over_the_size_limit_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no 50 MB written to disk
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))

    assert error_of(path) == (
        f"huge.pdf: file is too large ({MAX_BYTES + 1:,} bytes; the limit is 50 MB)".replace(",", "\u202f")
    )


def test_a_file_exactly_at_the_size_limit_is_not_too_large(tmp_path: Path) -> None:
    path = tmp_path / "limit.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES)

    assert "too large" not in error_of(path)  # it is read, then refused for its NUL bytes


def test_it_reports_a_missing_file(tmp_path: Path) -> None:
    assert error_of(tmp_path / "absent.docx") == "absent.docx: file not found"


def test_it_reports_a_folder(tmp_path: Path) -> None:
    assert error_of(tmp_path) == f"{tmp_path.name}: is a folder, not a document"


def test_it_reports_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("texte", encoding="utf-8")

    def refuse(self: Path) -> bytes:  # chmod is no use: the tests may run as root
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)

    assert error_of(path) == "secret.txt: cannot be read (Permission denied)"


def test_errors_name_the_upload_rather_than_its_temporary_path(tmp_path: Path) -> None:
    path = tmp_path / "tmpa8f3k2"
    path.write_bytes(b"")

    assert error_of(path, name="PSSP Molenbeek.docx") == "PSSP Molenbeek.docx: the file is empty"
