"""WordprocessingML that python-docx has no API for, written the way Word itself writes it.

Automatic multilevel numbering linked to the heading styles (numbering.xml), fields (PAGE,
NUMPAGES, TOC), text boxes (with the VML fallback copy Word adds), tracked insertions and
deletions, merged cells and bulleted paragraphs inside cells.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

AUTHOR = 'w:author="Service Prévention" w:date="2024-03-12T10:15:00Z"'
_revision = iter(range(100, 100000))


def curly(text: str) -> str:
    """Word's autocorrect: typewriter apostrophes become right single quotes."""
    return text.replace("'", "\u2019")


# --- numbering ---------------------------------------------------------------------------------


def link_headings_to_multilevel_list(document: Document, levels: int = 3) -> int:
    """Add a decimal multilevel list ("1.", "1.1.", "1.1.1.") and link Heading 1..levels to it,
    as Word does when a heading style is attached to a list: the numbers live in numbering.xml and
    in no paragraph's text. Returns the list's numId."""
    numbering = document.part.numbering_part.element
    abstract_id, num_id = 90, 90
    lvls = []
    for level in range(levels):
        text = ".".join(f"%{n + 1}" for n in range(level + 1)) + "."
        lvls.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:pStyle w:val="Heading{level + 1}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{432 + 144 * level}" w:hanging="{432 + 144 * level}"/></w:pPr></w:lvl>'
        )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{"".join(lvls)}</w:abstractNum>'
    )
    # abstractNum elements must come before num elements.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    for level in range(levels):
        style = document.styles[f"Heading {level + 1}"]
        ppr = style.element.get_or_add_pPr()
        ilvl = "" if level == 0 else f'<w:ilvl w:val="{level}"/>'
        ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}>{ilvl}<w:numId w:val="{num_id}"/></w:numPr>'))
    return num_id


def bullet_list(document: Document) -> int:
    """A bullet list definition ("•", then "o", then "▪") for paragraphs inside table cells."""
    numbering = document.part.numbering_part.element
    abstract_id, num_id = 91, 91
    glyphs = ("\u2022", "o", "\u25aa")
    lvls = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{g}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{360 * (n + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for n, g in enumerate(glyphs)
    )
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'
    )
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return num_id


def lettered_list(document: Document) -> int:
    """A three-level list: "a)", then "i.", then "–" bullets (objectives, results, indicators)."""
    numbering = document.part.numbering_part.element
    abstract_id, num_id = 92, 92
    formats = (("lowerLetter", "%1)"), ("lowerRoman", "%2."), ("bullet", "\u2013"))
    lvls = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{360 * (n + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for n, (fmt, text) in enumerate(formats)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{lvls}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return num_id


def number_paragraph(paragraph: Paragraph, num_id: int, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


# --- fields ------------------------------------------------------------------------------------


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field with its last computed result, as Word saves it."""
    p = paragraph._p
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {nsdecls('w')}><w:t>{shown}</w:t></w:r>",
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p.append(parse_xml(xml))


def page_footer(document: Document, left: str, page_word: str, of_word: str, pages: int) -> None:
    """Footer "<left>    Page 1 sur 8" with PAGE and NUMPAGES fields."""
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.add_run(f"{left}\t{page_word} ")
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(f" {of_word} ")
    add_field(paragraph, "NUMPAGES", str(pages))


def running_header(document: Document, text: str) -> None:
    document.sections[0].header.paragraphs[0].text = text


def table_of_contents(document: Document, heading: str, entries: Sequence[tuple[int, str, int]]) -> None:
    """A TOC field inside its content control, with the entries Word last computed (level, text,
    page); the heading numbers are typed in the entries, as Word renders them."""
    for level in (1, 2):
        name = f"TOC {level}"
        if name not in [s.name for s in document.styles]:
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.paragraph_format.left_indent = 228600 * (level - 1)
    document.add_paragraph(heading, style="TOC Heading")
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>"
    )
    content = sdt.find(qn("w:sdtContent"))
    for n, (level, text, page) in enumerate(entries):
        paragraph = document.add_paragraph(style=f"TOC {level}")
        p = paragraph._p
        if n == 0:
            for xml in (
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve">'
                ' TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
            ):
                p.append(parse_xml(xml))
        paragraph.add_run(text)
        paragraph.add_run().add_tab()
        paragraph.add_run(str(page))
        if n == len(entries) - 1:
            p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
        content.append(p)  # moves the paragraph from the body into the content control
    document.element.body.insert(len(document.element.body) - 1, sdt)  # before sectPr
    document.add_page_break()


# --- text boxes, revisions ----------------------------------------------------------------------


def text_box(paragraph: Paragraph, text: str) -> None:
    """A floating text box anchored in ``paragraph``: the DrawingML shape and the VML fallback
    copy, both holding the same text (a reader must take it once)."""
    inner = f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    xml = (
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="2" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2286000" cy="685800"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="1" name="Zone de texte 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        '<a:xfrm><a:off x="0" y="0"/><a:ext cx="2286000" cy="685800"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape id="Zone de texte 1" style="width:180pt;height:54pt">'
        f"<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    paragraph._p.append(parse_xml(xml))


def tracked_text(paragraph: Paragraph, pieces: Sequence[tuple[str, str]]) -> None:
    """Runs with tracked changes: ("", text) kept, ("ins", text) inserted, ("del", text) deleted.
    Accepting the changes gives the concatenation of the kept and inserted pieces."""
    for kind, text in pieces:
        t = text.replace("&", "&amp;").replace("<", "&lt;")
        if kind == "":
            paragraph.add_run(text)
        elif kind == "ins":
            paragraph._p.append(
                parse_xml(
                    f'<w:ins {nsdecls("w")} w:id="{next(_revision)}" {AUTHOR}>'
                    f'<w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:ins>'
                )
            )
        else:
            paragraph._p.append(
                parse_xml(
                    f'<w:del {nsdecls("w")} w:id="{next(_revision)}" {AUTHOR}>'
                    f'<w:r><w:delText xml:space="preserve">{t}</w:delText></w:r></w:del>'
                )
            )


def deleted_paragraph(paragraph: Paragraph, text: str) -> None:
    """A whole paragraph removed with track changes on: its text and its mark are deleted."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = parse_xml(f'<w:rPr {nsdecls("w")}><w:del w:id="{next(_revision)}" {AUTHOR}/></w:rPr>')
    ppr.append(rpr)
    tracked_text(paragraph, [("del", text)])


# --- tables ------------------------------------------------------------------------------------


def cell_paragraphs(
    cell: _Cell, texts: Sequence[str], bullets: int | None = None, style: str | None = None
) -> None:
    """Fill a cell with one paragraph per text, bulleted with the list ``bullets`` when given."""
    first = cell.paragraphs[0]
    for n, text in enumerate(texts):
        paragraph = first if n == 0 else cell.add_paragraph()
        paragraph.add_run(text)
        if style:
            paragraph.style = style
        if bullets is not None:
            number_paragraph(paragraph, bullets)


def shade(cell: _Cell, colour: str = "D9E2F3") -> None:
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{colour}"/>')
    )


def repeat_header(row) -> None:
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def accepted_copy(source: Path, target: Path) -> None:
    """The final version an author exports to PDF: tracked changes accepted (insertions kept,
    deletions and deleted paragraphs dropped). LibreOffice would otherwise print the markup."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in archive.infolist():
            data = archive.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                for p in list(root.iter(qn("w:p"))):
                    if p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None:
                        p.getparent().remove(p)
                for deleted in list(root.iter(qn("w:del"))):
                    deleted.getparent().remove(deleted)
                for inserted in list(root.iter(qn("w:ins"))):
                    parent, at = inserted.getparent(), inserted.getparent().index(inserted)
                    for n, child in enumerate(list(inserted)):
                        parent.insert(at + n, child)
                    parent.remove(inserted)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.writestr(item, data)
