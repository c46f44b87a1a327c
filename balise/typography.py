"""French typography in the documents Balise writes (PDF through HTML, DOCX), as on its pages.

A document is set in French when its own language is French, whatever the interface speaks.
The convention is not: it quotes the plan word for word, in the national template's own spacing,
and must read back as the very plan it was written from (``balise import`` recognises it).
"""

from __future__ import annotations

import re
from typing import Any

from balise.domain.typography import NBSP, french_html, french_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A mark that starts a run of text and that a space (or the run's end) follows: ": suite", "!".
_MARK_FIRST = re.compile(r"^(?:[:;!?](?=\s|$)|»)")
_GLUED = re.compile(r"[^\s\d\u00a0\u202f(«/]$")


def is_french(language: str | None) -> bool:
    return (language or "").startswith("fr")


def typeset_html(html: str, language: str | None) -> str:
    """``html`` with French typography when ``language`` is French; unchanged otherwise."""
    return french_html(html) if is_french(language) else html


def typeset_docx(document: Any, language: str | None) -> None:
    """Sets the text of every paragraph of a python-docx ``document`` (body, tables, headers and
    footers) in French typography when ``language`` is French.

    A paragraph's text is split into runs wherever its formatting changes ("**État**: brouillon"):
    a mark at the start of a run gets its no-break space when the run before ends on a letter.
    The rules are idempotent, so a text box's paragraph, met twice, is set once.
    """
    if not is_french(language):
        return
    parts = [document.element.body]
    for section in document.sections:
        # A header linked to the previous one has no part of its own (asking for it would add one).
        parts += [hf._element for hf in (section.header, section.footer) if not hf.is_linked_to_previous]
    for part in parts:
        for paragraph in part.iter(f"{_W}p"):
            _typeset_paragraph(paragraph)


def _typeset_paragraph(paragraph: Any) -> None:
    previous = None
    for text in paragraph.iter(f"{_W}t"):
        value = french_text(text.text or "")
        if previous is not None and _MARK_FIRST.match(value) and _GLUED.search(previous.text or ""):
            value = NBSP + value
        if value != (text.text or ""):
            text.text = value
        previous = text
