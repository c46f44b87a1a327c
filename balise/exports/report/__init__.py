"""The annual evaluation report of a plan (PDF or DOCX, French, Dutch or German).

`document.produce(plan, year, fmt, lang)` reads the report once (`data.build_report`), draws its charts
through `balise.charts` and writes the document in memory: nothing is written to disk
by this package, so a failure leaves nothing behind.
"""

from __future__ import annotations

FORMATS = ("pdf", "docx")
LANGUAGES = ("fr", "nl", "de")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
