"""Every reading of a document, and the choice of the one that places the most of it.

A document is read by the specialised layout parsers (the seed layouts, on the document's
lines) and by the generic recogniser (on its document model). The reading that places the
largest share of the document's non-empty lines wins; a specialised layout wins a tie, so the
first specialised reading that places every line ends the search. A
document that no reading finds an objective or an indicator in is not a plan: one sentence
says what was found. A well-formed plan in an unknown layout is never refused: it comes back
as the generic best guess, marked low confidence, for the review step.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from balise.imports.document.docx_model import read_docx
from balise.imports.document.model import Document
from balise.imports.document.pdf_model import read_pdf
from balise.imports.document.text_reader import read_text
from balise.imports.recognise import Reading, recognise
from balise.imports.recognise.mapping import Mapping
from balise.imports.recognise.vocabulary import starts_block
from balise.imports.registry import GENERIC, THRESHOLD, layouts
from balise.imports.report import DocumentRefused, ImportResult, LineFate, SourceLine
from balise.imports.sources import SourceDocument, read_document


def read_model(source: SourceDocument, data: bytes | None = None) -> Document:
    """The document model of a source already sniffed and read by ``read_document``."""
    if source.model is not None:
        return source.model
    if source.format == "pdf":
        return read_pdf(
            data if data is not None else source.path.read_bytes(), source.path.name, starts_block
        )
    if source.format == "docx":
        return read_docx(data if data is not None else source.path.read_bytes(), source.path.name)
    return read_text(source.text, source.path.name, starts_block=starts_block)


def generic_result(reading: Reading) -> ImportResult:
    lines = [
        SourceLine(
            fate.position.line or n + 1,
            fate.text,
            fate.fate,
            "; ".join(x for x in (fate.position.describe(), fate.note) if x),
        )
        for n, fate in enumerate(reading.ledger)
        if fate.text.strip()
    ]
    return ImportResult(outline=reading.outline, layout=GENERIC, lines=lines, reading=reading)


def placed_share(result: ImportResult) -> float:
    counted = [line for line in result.lines if line.fate in (LineFate.PLACED, LineFate.UNPLACED)]
    if not counted:
        return 0.0
    return sum(1 for line in counted if line.fate is LineFate.PLACED) / len(counted)


def best_reading(
    source: SourceDocument, layout: str | None = None, mapping: Mapping | None = None
) -> ImportResult:
    label = source.path.name
    available = layouts()
    if layout is not None and layout != GENERIC and layout not in available:
        choices = ", ".join([*available, GENERIC])
        raise DocumentRefused(
            _("%(file)s: unknown layout %(layout)r; choose one of %(choices)s")
            % {"file": label, "layout": layout, "choices": choices}
        )
    if layout in available:
        return available[layout].parse(source.lines)
    if layout == GENERIC:
        reading = recognise(read_model(source), mapping)
        if not reading.is_plan():
            raise DocumentRefused(reading.why_not_a_plan())
        return generic_result(reading)
    candidates: list[ImportResult] = []
    scores: dict[str, float] = {}
    if layout is None and mapping is None and source.lines:
        for name, module in available.items():
            scores[name] = module.detect(source.lines)
            if scores[name] >= THRESHOLD:
                try:
                    candidates.append(module.parse(source.lines))
                except DocumentRefused:
                    continue
                if placed_share(candidates[-1]) == 1.0:
                    # Every line placed: no later layout nor the generic reading can do better, and
                    # a specialised layout wins a tie; the first one in order is the one kept.
                    return candidates[-1]
    reading = recognise(read_model(source), mapping)
    generic = generic_result(reading)
    specialised = max(candidates, key=placed_share, default=None)
    if specialised is not None and placed_share(specialised) >= placed_share(generic):
        return specialised
    if not reading.is_plan():
        tried = ", ".join(f"{name} ({score:.2f})" for name, score in scores.items())
        why = reading.why_not_a_plan()
        if tried:
            why = _("%(why)s; layouts tried: %(tried)s") % {"why": why, "tried": tried}
        raise DocumentRefused(why)
    return generic


def read_path(path: Path) -> SourceDocument:
    return read_document(path)
