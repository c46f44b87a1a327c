"""Word documents written by the tests with Word's real machinery: multilevel automatic
numbering in numbering.xml linked to the Heading styles, bullet lists, merged cells (gridSpan,
vMerge), paragraphs in cells, headers and footers, a table of contents, tracked changes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

W = nsdecls("w")


def _abstract(abstract_id: int, formats: list[tuple[str, str]]) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for n, (fmt, text) in enumerate(formats)
    )
    return f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'


class Word:
    """A python-docx document with a multilevel heading list (numId 90) and a bullet list (91)."""

    def __init__(self) -> None:
        self.document = docx.Document()
        numbering = self.document.part.numbering_part.element
        numbering.insert(
            0, parse_xml(_abstract(90, [("decimal", "%1."), ("decimal", "%1.%2."), ("decimal", "%1.%2.%3.")]))
        )
        numbering.insert(1, parse_xml(_abstract(91, [("bullet", "\uf0b7"), ("bullet", "o")])))
        numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        numbering.append(parse_xml(f'<w:num {W} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
        styles = self.document.styles
        for level in (1, 2, 3):
            style = styles[f"Heading {level}"].element
            ppr = style.get_or_add_pPr()
            ppr.append(
                parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level - 1}"/><w:numId w:val="90"/></w:numPr>')
            )

    def heading(self, text: str, level: int) -> None:
        self.document.add_heading(text, level=level)

    def para(self, text: str) -> None:
        self.document.add_paragraph(text)

    def bullet(self, text: str, level: int = 0, container=None) -> None:
        target = container or self.document
        paragraph = target.add_paragraph(text)
        _number(paragraph, 91, level)

    def toc(self, entries: list[tuple[str, int]]) -> None:
        self.document.add_paragraph("Table des matières")
        for text, page in entries:
            self.document.add_paragraph(f"{text}\t{page}")

    def header(self, text: str, footer: str = "") -> None:
        section = self.document.sections[0]
        section.header.paragraphs[0].text = text
        if footer:
            section.footer.paragraphs[0].text = footer

    def table(self, rows: list[list[str | list[str]]], merges: list[tuple[int, int, int, int]] = ()):
        """Cells are texts or lists of bullet texts; ``merges`` are (row, col, row, col) spans."""
        width = max(len(r) for r in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                if isinstance(value, list):
                    cell.paragraphs[0].text = value[0]
                    for text in value[1:]:
                        if text.endswith(":"):
                            cell.add_paragraph(text)
                        else:
                            self.bullet(text, container=cell)
                    if not value[0].endswith(":"):
                        _number(cell.paragraphs[0], 91, 0)
                else:
                    cell.text = value
        for r0, c0, r1, c1 in merges:
            keep = table.cell(r0, c0).text
            merged = table.cell(r0, c0).merge(table.cell(r1, c1))
            for p in merged.paragraphs[1:]:
                p._element.getparent().remove(p._element)
            merged.paragraphs[0].text = keep
        return table

    def tracked(self, kept: str, inserted: str, deleted: str) -> None:
        paragraph = self.document.add_paragraph(kept)
        ins = parse_xml(
            f'<w:ins {W} w:id="1" w:author="a"><w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'
        )
        dele = parse_xml(
            f'<w:del {W} w:id="2" w:author="a"><w:r><w:delText>{deleted}</w:delText></w:r></w:del>'
        )
        paragraph._element.append(dele)
        paragraph._element.append(ins)

    def save(self, path: Path) -> Path:
        self.document.save(str(path))
        return path


def _number(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
