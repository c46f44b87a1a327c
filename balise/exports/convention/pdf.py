"""The convention as PDF: the HTML template ``exports/convention.html`` through WeasyPrint."""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.utils import translation

from balise.exports.convention.model import Convention

TEMPLATE = "exports/convention.html"
# The PDF reader joins a wrapped line to the next one without a space when it ends on "/" or on a
# letter and "-" (it takes them for "et/" + "ou", "socio-" + "préventif"), and never joins a line
# that starts like a list item ("- …", "2. …"). A no-break space keeps a line from ending or
# starting there: "a / b" may wrap before "/", never after it.
_AFTER_SLASH = re.compile(r"(/|(?<=[^\W\d_])-) ")
_BEFORE_ITEM = re.compile(r" ((?:[-–•▪●]|\d{1,2}(?:\.\d{1,2})*[.)]) )")
_TEXT_NODE = re.compile(r">([^<]+)<")


def render_pdf(convention: Convention) -> bytes:
    # Late: balise.printing imports WeasyPrint (Pango, fonts), seconds; only the PDF needs it.
    from balise.printing import html_to_pdf

    with translation.override(convention.language):
        html = render_to_string(TEMPLATE, {"c": convention, "page_content": _page_content(convention)})
    head, _, body = html.partition("<body>")
    body = _TEXT_NODE.sub(lambda m: f">{_unbreakable(m.group(1))}<", body)
    # The old heap is frozen while WeasyPrint lays the document out: a third of its CPU time was
    # the cycle collector walking it again and again (see `balise.heap`).
    return html_to_pdf(f"{head}<body>{body}")


def _unbreakable(text: str) -> str:
    text = _AFTER_SLASH.sub(lambda m: m.group(1) + "\u00a0", text)
    return _BEFORE_ITEM.sub(lambda m: "\u00a0" + m.group(1), text)


def _page_content(convention: Convention) -> str:
    """The footer as CSS ``content``: "Page {page} / {pages}" → ``"Page " counter(page) …``."""
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", convention.page_label):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(parts)
