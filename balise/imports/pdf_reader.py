"""PDF → lines: ruled tables as tab-joined rows, the text around them as lines.

Text inside a table's bounding box is left to the table, otherwise every cell would appear twice
(once as running text, once as a row). A wider vertical gap than usual between two lines becomes a
blank line, which is how the parsers tell paragraphs apart in the seed extractions.

Three things the page geometry tells and plain text extraction loses are put back, so that a PDF
reads like the text it was made from:

- a line that starts right of the text's left margin keeps that indentation as leading spaces
  (the ``css_wrapped`` parser sends an indented fragment back to a cut objective);
- a line that was broken only because it reached the right margin is joined to the next one: the
  line-based parsers see a wrapped clause as one line, as in a Word extraction, instead of an
  orphan continuation. Lines in narrow columns never reach the margin and stay as they are;
- a table cut by a page break continues on the next page without the page-break blank line.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from balise.imports.report import DocumentRefused, one_line

# A gap above this fraction of the previous line's height starts a new paragraph.
_PARAGRAPH_GAP = 0.6
# Widths in ems of the font size: a space is 0.25 em (Times) to 0.32 em (DejaVu Sans). The narrow
# value makes the wrap test conservative; the indentation is counted in spaces of the wide one.
_SPACE_EM = 0.25
_INDENT_SPACE_EM = 0.3
# Less than this (in ems) right of the margin is rendering jitter, not indentation.
_MIN_INDENT_EM = 0.15
# A gap between two glyphs wider than this (in ems) is a space the PDF did not draw as a glyph.
_WORD_GAP_EM = 0.1
# A line starting like this begins a list item or a numbered row: never the tail of a wrapped line.
_NEW_ITEM = re.compile(r"^\s*(?:[-–•▪●]|\d{1,2}(?:\.\d{1,2})*[.)])\s")
# A line broken right after these continues without a space: "Oui/" + "Non", "socio-" + "préventifs".
# (A break after "et/ " loses the space; bound words are by far the more common case.)
_BOUND_BREAK = re.compile(r"(?:/|(?<=[^\W\d_])-)$")


@dataclass
class Item:
    top: float
    bottom: float
    kind: str  # "text" | "table"
    lines: list[str]
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0  # font size of the line's first glyph
    lead: float = 0.0  # width of the line's first word
    columns: int = 0  # tables only


def read_pdf_lines(data: bytes, label: str) -> list[str]:
    # Late: pdfplumber (and its pdfminer) takes a noticeable time to import; only the seed
    # layouts' reading of a PDF needs it.
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [(float(page.width), _page_items(page)) for page in pdf.pages]
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on a damaged file
        cause = _pdfminer_cause(exc)
        if isinstance(cause, PDFPasswordIncorrect):
            raise DocumentRefused(
                _("%(file)s: PDF is password-protected; remove the password and import again")
                % {"file": label}
            ) from None
        if isinstance(cause, PDFEncryptionError):
            raise DocumentRefused(
                _("%(file)s: PDF is encrypted with an unsupported method (%(reason)s)")
                % {"file": label, "reason": one_line(cause)}
            ) from None
        raise DocumentRefused(
            _("%(file)s: not a readable PDF (truncated or corrupt: %(reason)s)")
            % {"file": label, "reason": one_line(cause)}
        ) from None
    if not any(items for _, items in pages):
        raise DocumentRefused(
            _("%(file)s: PDF has no text layer (scanned PDF?); run OCR on it first") % {"file": label}
        )
    texts = [item for _, items in pages for item in items if item.kind == "text"]
    # The document's left margin; the right one is taken as its mirror image, unless some line
    # runs further right (a narrower right margin).
    margin = min((item.x0 for item in texts), default=0.0)
    widest = max((item.x1 for item in texts), default=0.0)
    lines: list[str] = []
    last: Item | None = None
    for width, items in pages:
        if lines and not _table_continues(last, items):
            lines.append("")  # page break
        lines.extend(_layout(items, margin, max(width - margin, widest)))
        last = items[-1] if items else None
    return lines


def _pdfminer_cause(exc: BaseException) -> BaseException:
    # pdfplumber wraps pdfminer's errors: PdfminerException(PDFPasswordIncorrect()).
    if type(exc).__name__ == "PdfminerException" and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc.__cause__ or exc


def _page_items(page: Any) -> list[Item]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside_tables) if boxes else page
    items: list[Item] = [
        _text_item(line) for line in text_page.extract_text_lines(return_chars=True) if line["text"].strip()
    ]
    for table in tables:
        cells = table.extract()
        rows = [_row_line(row) for row in cells]
        if any(rows):
            columns = max((len(row) for row in cells), default=0)
            items.append(Item(table.bbox[1], table.bbox[3], "table", rows, columns=columns))
    items.sort(key=lambda item: item.top)
    return items


def _text_item(line: dict[str, Any]) -> Item:
    chars = [char for char in line["chars"] if char["text"].strip()]
    size = float(chars[0]["size"]) if chars else float(line["bottom"] - line["top"])
    lead_end = chars[0]["x1"] if chars else line["x1"]
    for previous, char in zip(chars, chars[1:], strict=False):
        if char["x0"] - previous["x1"] > _WORD_GAP_EM * size:
            break
        lead_end = char["x1"]
    return Item(
        line["top"],
        line["bottom"],
        "text",
        [line["text"].strip()],
        x0=float(line["x0"]),
        x1=float(line["x1"]),
        size=size,
        lead=float(lead_end - line["x0"]),
    )


def _row_line(row: list[str | None]) -> str:
    # None marks a grid position covered by a merged cell; it stays an empty cell so that the
    # columns keep lining up. Line breaks inside a cell are joined like wrapped lines.
    line = "\t".join(_cell_text(cell or "") for cell in row)
    return line if line.strip() else ""


def _cell_text(cell: str) -> str:
    text = ""
    for part in (" ".join(piece.split()) for piece in cell.split("\n")):
        if part:
            text = _join(text, part) if text else part
    return text


def _join(head: str, tail: str) -> str:
    return head + tail if _BOUND_BREAK.search(head) else f"{head} {tail}"


def _table_continues(last: Item | None, items: list[Item]) -> bool:
    """A page ending on a table and the next one starting on a table of as many columns: the same
    table cut by the page break."""
    return (
        last is not None
        and bool(items)
        and last.kind == items[0].kind == "table"
        and last.columns == items[0].columns
    )


def _wrapped(previous: Item, item: Item, edge: float) -> bool:
    """``previous`` ended only because ``item``'s first word did not fit before the right edge."""
    if previous.kind != "text" or item.kind != "text" or _NEW_ITEM.match(item.lines[0]):
        return False
    return previous.x1 + _SPACE_EM * previous.size + item.lead > edge


def _indented(item: Item, margin: float) -> str:
    indent = item.x0 - margin
    if item.kind != "text" or indent < _MIN_INDENT_EM * item.size:
        return item.lines[0] if item.lines else ""
    return " " * max(1, round(indent / (_INDENT_SPACE_EM * item.size))) + item.lines[0]


def _layout(items: list[Item], margin: float, edge: float) -> list[str]:
    lines: list[str] = []
    previous: Item | None = None
    for item in items:
        if previous is not None:
            gap = item.top - previous.bottom
            paragraph_gap = _PARAGRAPH_GAP * (previous.bottom - previous.top)
            if "table" in (item.kind, previous.kind) or gap > paragraph_gap:
                lines.append("")
            elif _wrapped(previous, item, edge):
                lines[-1] = _join(lines[-1], item.lines[0])
                # The joined line ends where ``item`` ends: that decides whether it wraps again.
                previous = item
                continue
        lines.extend([_indented(item, margin)] if item.kind == "text" else item.lines)
        previous = item
    return lines
