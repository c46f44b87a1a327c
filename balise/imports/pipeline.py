"""From a file on disk to an `ImportResult`: read, detect the layout, parse."""

from __future__ import annotations

from pathlib import Path

from balise.domain.interchange import InterchangeError, loads
from balise.imports.document.pdf_model import read_pdf
from balise.imports.readings import GENERIC, best_reading
from balise.imports.recognise.mapping import Mapping
from balise.imports.recognise.vocabulary import starts_block
from balise.imports.registry import THRESHOLD, layouts
from balise.imports.report import DocumentRefused, ImportResult, LineFate, SourceLine
from balise.imports.sources import SourceDocument, read_bytes, read_document


def parse_file(path: Path, layout: str | None = None, mapping: Mapping | None = None) -> ImportResult:
    fast = _pdf_without_known_layout(Path(path), layout, mapping)
    if fast is not None:
        return best_reading(fast, layout=GENERIC, mapping=mapping)
    document = read_document(path)
    if document.format == "json" or layout == "json":
        text = "\n".join(document.lines)
        try:
            outline = loads(text)
        except InterchangeError as exc:
            raise DocumentRefused(f"{path.name}: {exc}") from exc
        placed = [
            SourceLine(n + 1, line.strip(), LineFate.PLACED)
            for n, line in enumerate(document.lines)
            if line.strip()
        ]
        return ImportResult(outline=outline, layout="json", lines=placed)
    return best_reading(document, layout=layout, mapping=mapping)


def _pdf_without_known_layout(
    path: Path, layout: str | None, mapping: Mapping | None
) -> SourceDocument | None:
    """A PDF is read once into the document model (pdfium: milliseconds a page). The seed layouts
    read a PDF through its lines, extracted by the slower pdfminer-based reader: that reading is
    only made when one of them recognises the model's lines. ``None``: take the usual way."""
    if layout not in (None, GENERIC):
        return None
    data = read_bytes(path, path.name)
    if b"%PDF-" not in data[:1024]:
        return None
    model = read_pdf(data, path.name, starts_block)
    lines = model.lines()
    if layout is None and mapping is None and any(m.detect(lines) >= THRESHOLD for m in layouts().values()):
        return None
    return SourceDocument(path, "pdf", lines, model=model)
