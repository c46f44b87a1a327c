"""PDF → lines: ruled tables as tab-joined rows, the text around them as visual lines.

Text inside a table's bounding box is left to the table, otherwise every cell would appear twice
(once as running text, once as a row). A wider vertical gap than usual between two lines becomes a
blank line, which is how the parsers tell paragraphs apart in the seed extractions.
"""

from __future__ import annotations

import io
from typing import Any

from balise.imports.report import ImportError_

# A gap above this fraction of the previous line's height starts a new paragraph.
_PARAGRAPH_GAP = 0.6

Item = tuple[float, float, str, list[str]]  # top, bottom, kind ("text" | "table"), lines


def read_pdf_lines(data: bytes, label: str) -> list[str]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_items(page) for page in pdf.pages]
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on a damaged file
        from balise.imports.sources import one_line

        cause = _pdfminer_cause(exc)
        if isinstance(cause, PDFPasswordIncorrect):
            raise ImportError_(
                f"{label}: PDF is password-protected; remove the password and import again"
            ) from None
        if isinstance(cause, PDFEncryptionError):
            raise ImportError_(
                f"{label}: PDF is encrypted with an unsupported method ({one_line(cause)})"
            ) from None
        raise ImportError_(f"{label}: not a readable PDF (truncated or corrupt: {one_line(cause)})") from None
    if not any(items for items in pages):
        raise ImportError_(f"{label}: PDF has no text layer (scanned PDF?); run OCR on it first")
    lines: list[str] = []
    for items in pages:
        if lines:
            lines.append("")  # page break
        lines.extend(_layout(items))
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
        (line["top"], line["bottom"], "text", [line["text"]])
        for line in text_page.extract_text_lines(return_chars=False)
        if line["text"].strip()
    ]
    for table in tables:
        rows = [_row_line(row) for row in table.extract()]
        if any(rows):
            items.append((table.bbox[1], table.bbox[3], "table", rows))
    items.sort(key=lambda item: item[0])
    return items


def _row_line(row: list[str | None]) -> str:
    # None marks a grid position covered by a merged cell; it stays an empty cell so that the
    # columns keep lining up. Line breaks inside a cell become spaces.
    line = "\t".join(" ".join((cell or "").split()) for cell in row)
    return line if line.strip() else ""


def _layout(items: list[Item]) -> list[str]:
    lines: list[str] = []
    previous: Item | None = None
    for item in items:
        top, _, kind, item_lines = item
        if previous is not None:
            prev_top, prev_bottom, prev_kind, _ = previous
            gap = top - prev_bottom
            if kind == "table" or prev_kind == "table" or gap > _PARAGRAPH_GAP * (prev_bottom - prev_top):
                lines.append("")
        lines.extend(item_lines)
        previous = item
    return lines
