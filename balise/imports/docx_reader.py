"""DOCX → lines, shaped like the seed text extractions.

One line per paragraph with a blank line between blocks (list items stay tight, as in the seeds);
a document that spaces its paragraphs with empty ones gets exactly those as blank lines instead. List
paragraphs prefixed with their rendered number or "- ", table rows as tab-joined cells.
The XML is walked directly rather than through ``Paragraph.text`` because python-docx skips text
in content controls, tracked insertions and fields, which national templates use a lot.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from balise.imports.report import DocumentRefused

_W_P, _W_TBL, _W_TR, _W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_W_T, _W_TAB, _W_BR, _W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_W_NB_HYPHEN, _W_TXBX = qn("w:noBreakHyphen"), qn("w:txbxContent")
# Wrappers whose content belongs to the parent: content controls, custom XML, smart tags.
_W_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")}
# Never text: properties (w:pPr holds tab *stops*), deleted revisions, the fallback copy of drawings.
_W_SKIP = {
    *(qn(f"w:{tag}") for tag in ("pPr", "rPr", "sdtPr", "tcPr", "trPr", "tblPr", "instrText")),
    *(qn(f"w:{tag}") for tag in ("del", "moveFrom")),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}

Block = tuple[str, list[str]]  # kind ("para" | "item" | "table" | "empty"), lines
# Empty paragraphs for at least this share of the other blocks are the document's blank lines.
_EMPTY_SHARE = 0.2


def read_docx_lines(data: bytes, label: str) -> list[str]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = Numbering.of(document)
        blocks = list(_blocks(document.element.body, numbering))
    except DocumentRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise anything on a damaged package
        from balise.imports.sources import one_line

        raise DocumentRefused(f"{label}: not a readable .docx (corrupt: {one_line(exc)})") from None
    lines = _tight_lines(blocks) if _spaced_by_empty_paragraphs(blocks) else _spaced_lines(blocks)
    if not any(line.strip() for line in lines):
        raise DocumentRefused(f"{label}: the Word document contains no text")
    return lines


def _blocks(container: etree._Element, numbering: Numbering) -> Iterator[Block]:
    for child in _content(container):
        if child.tag == _W_P:
            boxes: list[etree._Element] = []
            text = _paragraph_text(child, boxes)
            prefix = numbering.label(child)
            if text.strip():
                yield ("item" if prefix else "para", (prefix + text).split("\n"))
            elif not boxes:
                yield ("empty", [])
            for box in boxes:  # text boxes anchored in the paragraph, after it
                yield from _blocks(box, numbering)
        elif child.tag == _W_TBL:
            rows = [_row_line(tr, numbering) for tr in _content(child, _W_TR)]
            if any(rows):
                yield ("table", rows)


def _spaced_lines(blocks: list[Block]) -> list[str]:
    """The spacing is in the paragraph format: one blank line between blocks, none inside a list."""
    lines: list[str] = []
    previous = ""
    for kind, block_lines in blocks:
        if kind == "empty":
            continue
        if lines and not (kind == "item" and previous == "item"):
            lines.append("")
        lines.extend(block_lines)
        previous = kind
    return lines


def _tight_lines(blocks: list[Block]) -> list[str]:
    """The author's empty paragraphs are the blank lines; paragraphs without one between them stay
    together (a PDF extraction pasted into Word keeps its wrapped lines as consecutive paragraphs)."""
    return [line for _, block_lines in blocks for line in (block_lines or [""])]


def _spaced_by_empty_paragraphs(blocks: list[Block]) -> bool:
    """Whether the document separates its paragraphs with empty ones rather than with paragraph
    spacing: a few stray empty paragraphs do not count, one for every few paragraphs does."""
    empty = sum(1 for kind, _ in blocks if kind == "empty")
    return empty > 0 and empty >= _EMPTY_SHARE * (len(blocks) - empty)


def _content(element: etree._Element, tag: str | None = None) -> Iterator[etree._Element]:
    """Children of ``element``, looking through content-control and custom-XML wrappers."""
    for child in element:
        if child.tag in _W_WRAPPERS:
            yield from _content(child, tag)
        elif tag is None or child.tag == tag:
            yield child


def _paragraph_text(paragraph: etree._Element, boxes: list[etree._Element]) -> str:
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if tag == _W_T:
                parts.append(child.text or "")
            elif tag == _W_TAB:
                parts.append("\t")
            elif tag in (_W_BR, _W_CR):
                parts.append("\n")
            elif tag == _W_NB_HYPHEN:
                parts.append("-")
            elif tag == _W_TXBX:
                boxes.append(child)
            elif tag not in _W_SKIP and isinstance(tag, str):  # comments/PIs have non-str tags
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _row_line(tr: etree._Element, numbering: Numbering) -> str:
    # Leading grid columns the row skips stay as empty cells so columns keep lining up.
    cells = [""] * _grid_before(tr)
    for tc in _content(tr, _W_TC):
        # python-docx repeats a merged cell's text in every grid column / row it covers; here a
        # horizontally merged cell counts once and a vertical continuation is empty, as in the seeds.
        cells.append("" if _is_vmerge_continuation(tc) else _cell_text(tc, numbering))
    line = "\t".join(cells)
    return line if line.strip() else ""


def _cell_text(tc: etree._Element, numbering: Numbering) -> str:
    parts = [" ".join(block_lines) for _, block_lines in _blocks(tc, numbering)]
    return " ".join(" ".join(parts).split())  # line breaks and tabs inside a cell become spaces


def _grid_before(tr: etree._Element) -> int:
    value = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    try:
        return int(value.get(qn("w:val"), "0")) if value is not None else 0
    except ValueError:
        return 0


def _is_vmerge_continuation(tc: etree._Element) -> bool:
    v_merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    # <w:vMerge/> without a value means "continue"; "restart" opens the merged cell.
    return v_merge is not None and v_merge.get(qn("w:val"), "continue") == "continue"


# Number formats rendered; any other (ordinal, Asian counting…) falls back to decimal.
_ROMAN = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        "m cm d cd c xc l xl x ix v iv i".split(),
        strict=True,
    )
)


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _letters(number: int) -> str:
    # Word repeats the letter past z: 27 → "aa", 28 → "bb".
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else ""


def _format_number(number: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


@dataclass(frozen=True)
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False  # w:isLgl: parent levels shown as decimals ("1.2" under "I.")


@dataclass
class Numbering:
    """Renders the automatic numbers of list paragraphs ("1.2.1. ", "a) ") or "- " for bullets.

    The seed extractions show these numbers ("1.2.1. Assurer…"), and the layout parsers rely on
    them. Counters are kept per abstract list, as Word does: two list instances sharing a
    definition continue each other unless one carries a start override."""

    abstract_of: dict[str, str] = field(default_factory=dict)
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[tuple[str, int]] = field(default_factory=set)

    @classmethod
    def of(cls, document: object) -> Numbering:
        numbering = cls()
        part = document.part  # type: ignore[attr-defined]
        try:
            root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            # python-docx raises NotImplementedError for a document without a numbering part
            # (no list in it): there is simply no numbering to read.
            root = None
        if root is not None:
            numbering._load(root)
        numbering._load_styles(part.styles.element)
        return numbering

    def _load(self, root: etree._Element) -> None:
        for abstract in root.iterfind(qn("w:abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterfind(qn("w:lvl")):
                levels[_int(lvl.get(qn("w:ilvl")))] = _Level(
                    fmt=_val(lvl, "w:numFmt") or "decimal",
                    text=_val(lvl, "w:lvlText") or "",
                    start=_int(_val(lvl, "w:start"), 1),
                    legal=lvl.find(qn("w:isLgl")) is not None,
                )
            self.levels[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.iterfind(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            self.abstract_of[num_id] = _val(num, "w:abstractNumId") or ""
            self.overrides[num_id] = {
                _int(override.get(qn("w:ilvl"))): _int(_val(override, "w:startOverride"), 1)
                for override in num.iterfind(qn("w:lvlOverride"))
                if override.find(qn("w:startOverride")) is not None
            }

    def _load_styles(self, styles: etree._Element) -> None:
        # A style (e.g. "List Bullet", a numbered "Heading 2") may carry the numbering itself,
        # possibly through its base style.
        own: dict[str, tuple[str | None, int | None]] = {}
        based_on: dict[str, str] = {}
        for style in styles.iterfind(qn("w:style")):
            style_id = style.get(qn("w:styleId"), "")
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                ilvl = _val(num_pr, "w:ilvl")
                own[style_id] = (_val(num_pr, "w:numId"), None if ilvl is None else _int(ilvl))
            parent = _val(style, "w:basedOn")
            if parent:
                based_on[style_id] = parent
        for style_id in set(own) | set(based_on):
            num_id, ilvl, current, seen = None, None, style_id, set()
            while current and current not in seen and (num_id is None or ilvl is None):
                seen.add(current)
                found_id, found_lvl = own.get(current, (None, None))
                num_id = num_id if num_id is not None else found_id
                ilvl = ilvl if ilvl is not None else found_lvl
                current = based_on.get(current, "")
            if num_id is not None:
                self.style_numbering[style_id] = (num_id, ilvl or 0)

    def label(self, paragraph: etree._Element) -> str:
        """The prefix to put before the paragraph text: "" when it is not a list item."""
        ppr = paragraph.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        style_id = _val(ppr, "w:pStyle") if ppr is not None else None
        num_id, ilvl = self.style_numbering.get(style_id or "", (None, 0))
        if num_pr is not None:
            num_id = _val(num_pr, "w:numId") or num_id
            ilvl = _int(_val(num_pr, "w:ilvl"), ilvl)
        if num_id is None or num_id == "0":  # numId 0 explicitly removes the numbering
            return ""
        abstract = self.abstract_of.get(num_id)
        level = self.levels.get(abstract or "", {}).get(ilvl)
        if abstract is None or level is None:
            return "- "  # numbering we cannot resolve: keep at least the bullet
        if level.fmt == "bullet":
            return "- "
        counters = self.counters.setdefault(abstract, {})
        override = self.overrides.get(num_id, {}).get(ilvl)
        if override is not None and (num_id, ilvl) not in self.started:
            counters[ilvl] = override - 1
        self.started.add((num_id, ilvl))
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > ilvl]:
            del counters[deeper]  # a higher level restarts the levels below it
        if level.fmt == "none" or not level.text:
            return ""
        text = level.text
        for index in range(9):
            if f"%{index + 1}" not in text:
                continue
            other = self.levels[abstract].get(index, _Level())
            value = counters.get(index, other.start)
            fmt = "decimal" if level.legal and index < ilvl else other.fmt
            text = text.replace(f"%{index + 1}", _format_number(value, fmt))
        return text.strip() + " "


def _val(element: etree._Element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
