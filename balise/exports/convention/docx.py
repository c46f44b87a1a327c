"""The convention as a Word document: A4, one paragraph per text, ruled tables.

python-docx gives the package, the styles and the page; the body is written as WordprocessingML
text and parsed once, because python-docx's element-by-element API takes about a second for the
largest plan (its ordered-child insertion dominates) against a tenth of that here.

No empty paragraphs anywhere (spacing is in the paragraph format): Balise's DOCX reader takes a
document spaced by empty paragraphs for a pasted extraction and reads it differently.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from balise.exports.convention.model import Convention, Module, Objective, Table

FONT = "Arial"
MARGIN_MM = 18
TEXT_WIDTH = round((210 - 2 * MARGIN_MM) * 56.7)  # twentieths of a point (dxa)
HEADER_FILL = "D9E2F3"
LABEL_FILL = "EDEDED"
GREY = "555555"


def render_docx(convention: Convention) -> bytes:
    document = Document()
    _page_and_styles(document)
    body = document.element.body
    section = body.find(qn("w:sectPr"))
    for element in parse_xml(f"<w:body {nsdecls('w')}>{_Body().convention(convention)}</w:body>"):
        section.addprevious(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_and_styles(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9)
    # East-Asian and complex-script fonts too, or Word substitutes its default for some glyphs.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.space_before = Pt(0)


def _run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: str | None = None,
) -> str:
    props = "".join(
        (
            "<w:b/>" if bold else "",
            "<w:i/>" if italic else "",
            f'<w:color w:val="{color}"/>' if color else "",
            f'<w:sz w:val="{round(size * 2)}"/>' if size else "",
        )
    )
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _p(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: str | None = None,
    center: bool = False,
    before: float | None = None,
    after: float | None = None,
    keep: bool = False,
    label: str | None = None,
) -> str:
    spacing = ""
    if before is not None or after is not None:
        attributes = (f' w:before="{round(before * 20)}"' if before is not None else "") + (
            f' w:after="{round(after * 20)}"' if after is not None else ""
        )
        spacing = f"<w:spacing{attributes}/>"
    props = ("<w:keepNext/>" if keep else "") + spacing + ('<w:jc w:val="center"/>' if center else "")
    runs = (_run(label + " ", bold=True) if label else "") + _run(
        text, bold=bold, italic=italic, size=size, color=color
    )
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def _cell(
    text: str,
    width: int,
    *,
    bold: bool = False,
    shade: str | None = None,
    ink: str | None = None,
    span: int = 1,
) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    props += f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    props += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
    content = _run(text, bold=bold, size=8.5, color=ink) if text else ""
    return f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>{content}</w:p></w:tc>'


def _table(table: Table) -> str:
    widths = [round(TEXT_WIDTH * w / 100) for w in table.widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    # The header row repeats on every page the table runs over; no row is split by a page break.
    header = "".join(
        _cell(t, w, bold=True, shade=HEADER_FILL) for t, w in zip(table.header, widths, strict=True)
    )
    rows = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"]
    for row in table.rows:
        if row.label:
            cells = _cell(row.cells[0].text, sum(widths), bold=True, shade=LABEL_FILL, span=len(widths))
        else:
            cells = "".join(
                _cell(
                    c.text,
                    w,
                    shade=c.shade.lstrip("#").upper() if c.shade else None,
                    ink=c.ink.lstrip("#").upper() if c.ink else None,
                )
                for c, w in zip(row.cells, widths, strict=True)
            )
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    props = (
        '<w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/>'
    )
    return f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _signatories(groups: tuple[tuple[str, ...], ...]) -> str:
    width = TEXT_WIDTH // len(groups)
    cells = []
    for lines in groups:
        paragraphs = _p(lines[0], bold=True) + "".join(_p(line, before=28) for line in lines[1:])
        cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>')
    grid = f'<w:gridCol w:w="{width}"/>' * len(groups)
    props = '<w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>'
    return (
        f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid><w:tr>{''.join(cells)}</w:tr></w:tbl>"
    )


class _Body:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, xml: str) -> None:
        self.parts.append(xml)

    def convention(self, c: Convention) -> str:
        add = self.add
        add(_p(c.heading, bold=True, size=16, center=True))
        if c.title_line:
            add(_p(c.title_line, italic=True, center=True))
        add(_p(c.municipality_line, bold=True, size=12, center=True))
        for line in (c.period_line, c.evaluation_line):
            if line:
                add(_p(line, center=True))
        for party in c.parties:
            add(_p(party.text, label=party.label, before=4))
        add(_p(c.agreed, before=4))
        add(_p(c.provisions_heading, bold=True, size=12, before=6, keep=True))
        if c.annual_clause:
            add(_p(c.annual_clause))
        for contingent in c.contingents:
            add(_p(contingent.paragraph, keep=True))
            add(_table(contingent.table))
            if contingent.note:
                add(_p(contingent.note, size=8, before=3))
        for clause in c.clauses:
            add(_p(clause))
        for module in c.modules:
            self.module(module)
        add(_p(c.signature[0], before=18))
        for line in c.signature[1:]:
            add(_p(line))
        add(_signatories(c.signatories))
        return "".join(self.parts)

    def module(self, m: Module) -> None:
        add = self.add
        add(_p(m.mark, bold=True, color=GREY, before=16, keep=True))
        add(_p(m.title, bold=True, size=14, keep=True))
        if m.description:
            add(_p(m.description, italic=True))
        add(_p(m.general_heading, bold=True, size=10.5, before=4, keep=True))
        for text in m.general_objectives:
            add(_p(text))
        for group in m.groups:
            if group.service:
                add(_p(group.service, bold=True, before=6, keep=True))
            add(_p(group.heading, bold=True, size=10.5, before=4, keep=True))
            for objective in group.objectives:
                self.objective(objective)

    def objective(self, o: Objective) -> None:
        add = self.add
        if o.domain:
            add(_p(o.domain, italic=True, before=6, keep=True))
        add(_p(o.title, bold=True, size=10, before=0 if o.domain else 8, keep=True))
        add(_table(o.objectives))
        add(_p(o.caption, italic=True, size=7.5, color=GREY, before=6, after=2, keep=True))
        add(_table(o.indicators))
