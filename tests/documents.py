"""Turn a seed's text into the Word and PDF documents it was extracted from, at test time.

Each line becomes a paragraph; a run of tab-separated lines becomes one table. That is the
shape municipalities' files have, so importing the generated file must give the outline of the
text itself.
"""

from __future__ import annotations

import html
from pathlib import Path


def blocks(text: str) -> list[str | list[list[str]]]:
    """Paragraph strings and tables (lists of rows of cells) in document order."""
    out: list[str | list[list[str]]] = []
    table: list[list[str]] = []
    for line in text.split("\n"):
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        if table:
            out.append(table)
            table = []
        out.append(line)
    if table:
        out.append(table)
    return out


def write_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for block in blocks(text):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = max(len(row) for row in block)
        table = document.add_table(rows=len(block), cols=width)
        for r, row in enumerate(block):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    document.save(path)
    return path


PDF_CSS = """
@page { size: A3 landscape; margin: 1cm }
body { font-family: "DejaVu Sans", sans-serif; font-size: 7pt }
p { margin: 0 0 2pt 0; white-space: pre-wrap }
table { border-collapse: collapse; margin: 4pt 0 }
td { border: 0.5pt solid black; padding: 1pt 2pt; vertical-align: top }
"""


def write_pdf(text: str, path: Path) -> Path:
    import weasyprint

    parts = [f"<html><head><meta charset='utf-8'><style>{PDF_CSS}</style></head><body>"]
    for block in blocks(text):
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block) or '&nbsp;'}</p>")
            continue
        width = max(len(row) for row in block)
        parts.append("<table>")
        for row in block:
            cells = "".join(f"<td>{html.escape(cell)}</td>" for cell in row + [""] * (width - len(row)))
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    weasyprint.HTML(string="".join(parts)).write_pdf(path)
    return path
