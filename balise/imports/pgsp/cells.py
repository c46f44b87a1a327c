"""Table cells of the PGSP report: tab-separated rows whose cells carry HTML fragments."""

from __future__ import annotations

import html
import re

from balise.imports.text import clean

# Real HTML tags only: an autolink such as ``<https://safe.brussels>`` must survive.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_MEASURE_CODE = re.compile(r"^M?(\d{1,2})\.(\d{1,2})$")


def cell_text(fragment: str) -> str:
    """Plain text of a cell: ``" <p><b>4.7</b></p>"`` → ``"4.7"``, entities decoded."""
    # Tags become spaces so that "<b>Bruxelles</b> <b>5339</b>" or "a<br>b" keep their words apart.
    return clean(html.unescape(_TAG.sub(" ", fragment)))


def split_row(line: str) -> list[str]:
    """Cells of a tab-separated row, as plain text (a line without a tab is a one-cell row)."""
    return [cell_text(cell) for cell in line.split("\t")]


def measure_code(text: str) -> tuple[int, int] | None:
    """``"4.10"`` → ``(4, 10)``; ``None`` when the text is not a bare measure code."""
    match = _MEASURE_CODE.match(text.strip())
    if match is None:
        return None
    thematic, number = int(match.group(1)), int(match.group(2))
    # Thematics and measures count from 1: "0.5" is a figure, not a measure.
    return (thematic, number) if thematic and number else None


def has_open_paragraph(fragment: str) -> bool:
    """True when a cell opens more ``<p>`` than it closes: its text continues on the next line."""
    return len(re.findall(r"<p\b[^>]*>", fragment)) > fragment.count("</p>")
