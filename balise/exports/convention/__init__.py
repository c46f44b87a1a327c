"""The convention of a plan as DOCX or PDF, laid out like the national PSSP template (seed 001),
which ``balise import`` reads back into the same plan tree.

``build_convention(plan_id, year=…, language=…)`` gives the frozen document model; ``render`` writes
it in one of `FORMATS`.
"""

from __future__ import annotations

from balise.exports.convention.builder import ConventionError, build_convention
from balise.exports.convention.docx import render_docx
from balise.exports.convention.model import Convention
from balise.exports.convention.pdf import render_pdf

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render(convention: Convention, format: str) -> bytes:
    if format == "docx":
        return render_docx(convention)
    if format == "pdf":
        return render_pdf(convention)
    raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "Convention", "ConventionError", "build_convention", "render"]
