"""From a file on disk to an `ImportResult`: read, detect the layout, parse."""

from __future__ import annotations

from pathlib import Path

from balise.domain.interchange import InterchangeError, loads
from balise.imports.readings import best_reading
from balise.imports.recognise.mapping import Mapping
from balise.imports.report import ImportError_, ImportResult, LineFate, SourceLine
from balise.imports.sources import read_document


def parse_file(path: Path, layout: str | None = None, mapping: Mapping | None = None) -> ImportResult:
    document = read_document(path)
    if document.format == "json" or layout == "json":
        text = "\n".join(document.lines)
        try:
            outline = loads(text)
        except InterchangeError as exc:
            raise ImportError_(f"{path.name}: {exc}") from exc
        placed = [
            SourceLine(n + 1, line.strip(), LineFate.PLACED)
            for n, line in enumerate(document.lines)
            if line.strip()
        ]
        return ImportResult(outline=outline, layout="json", lines=placed)
    return best_reading(document, layout=layout, mapping=mapping)
