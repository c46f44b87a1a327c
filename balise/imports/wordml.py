"""WordprocessingML read straight from the XML, shared by the DOCX readers (lines for the
seed layouts, ``document.docx_model`` for the document model).

The XML is walked directly rather than through python-docx's ``Paragraph.text``, which skips text
in content controls, tracked insertions and fields, which national templates use a lot.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docx
from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from lxml import etree

from balise.imports.report import DocumentRefused, one_line

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
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


def open_docx(data: bytes, label: str) -> Any:
    """The python-docx document of ``data``, opened once for every reader of it."""
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise anything on a damaged package
        raise DocumentRefused(
            _("%(file)s: not a readable .docx (corrupt: %(reason)s)")
            % {"file": label, "reason": one_line(exc)}
        ) from None


def content(element: etree._Element, tag: str | None = None) -> Iterator[etree._Element]:
    """Children of ``element``, looking through content-control and custom-XML wrappers."""
    for child in element:
        if child.tag in _W_WRAPPERS:
            yield from content(child, tag)
        elif tag is None or child.tag == tag:
            yield child


def paragraph_text(paragraph: etree._Element, boxes: list[etree._Element]) -> str:
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


def grid_before(tr: etree._Element) -> int:
    value = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    try:
        return int(value.get(qn("w:val"), "0")) if value is not None else 0
    except ValueError:
        return 0


def is_vmerge_continuation(tc: etree._Element) -> bool:
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
    def of(cls, document: Any) -> Numbering:
        numbering = cls()
        part = document.part
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
                    fmt=val(lvl, "w:numFmt") or "decimal",
                    text=val(lvl, "w:lvlText") or "",
                    start=_int(val(lvl, "w:start"), 1),
                    legal=lvl.find(qn("w:isLgl")) is not None,
                )
            self.levels[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.iterfind(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            self.abstract_of[num_id] = val(num, "w:abstractNumId") or ""
            self.overrides[num_id] = {
                _int(override.get(qn("w:ilvl"))): _int(val(override, "w:startOverride"), 1)
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
                written = val(num_pr, "w:ilvl")
                own[style_id] = (val(num_pr, "w:numId"), None if written is None else _int(written))
            parent = val(style, "w:basedOn")
            if parent:
                based_on[style_id] = parent
        for style_id in set(own) | set(based_on):
            num_id: str | None = None
            ilvl: int | None = None
            current, seen = style_id, set()
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
        style_id = val(ppr, "w:pStyle") if ppr is not None else None
        num_id, ilvl = self.style_numbering.get(style_id or "", (None, 0))
        if num_pr is not None:
            num_id = val(num_pr, "w:numId") or num_id
            ilvl = _int(val(num_pr, "w:ilvl"), ilvl)
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


def val(element: etree._Element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
