"""`produce`: the annual report of a plan read once (`data.build_report`), its charts drawn through
`balise.charts`, and the document written in memory (PDF or DOCX)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

from balise.exports.report import CONTENT_TYPES, FORMATS, LANGUAGES, data, docx, figures, pdf
from balise.heap import long_lived_objects_frozen
from balise.plans.models import Plan


@dataclass(frozen=True)
class Document:
    content: bytes
    filename: str
    content_type: str


def produce(plan: Plan, year: int, fmt: str = "pdf", lang: str | None = None) -> Document:
    """The report of ``plan`` for ``year`` (in the plan's language unless ``lang`` says otherwise);
    raises `data.ReportError` when that year has no evaluation."""

    lang = lang or (plan.language if plan.language in LANGUAGES else "fr")
    if fmt not in FORMATS or lang not in LANGUAGES:
        raise ValueError(f"format {fmt!r} / language {lang!r}")
    # The old heap frozen: the cycle collector walked it again and again while the charts were
    # drawn and WeasyPrint laid the PDF out (see `balise.heap`).
    with translation.override(lang), long_lived_objects_frozen():
        report = data.build_report(plan, year)
        drawn = figures.draw(report)
        if fmt == "pdf":
            content = pdf.render(report, drawn)
        else:
            content = docx.render(report, drawn)
    return Document(content, f"plan-{plan.pk}-report-{year}-{lang}.{fmt}", CONTENT_TYPES[fmt])
