"""Thematic titles as the report names them ("Thématique 1 : Intégrité physique …").

The report has no list of thematics of its own: titles appear in its tables and bullet lists,
sometimes with typos or swapped words ("Trafic e fraudes", "Radicalisation et polarisation").
Each title is decided by a vote over every mention, ties going to the earliest.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from balise.imports.pgsp.cells import cell_text
from balise.imports.text import fold, strip_bullet

_MENTION = re.compile(r"^Th[ée]matique\s+(\d{1,2})\s*:?\s+(\S.{2,150})$", re.IGNORECASE)


@dataclass(frozen=True)
class ThematicTitle:
    number: int
    title: str
    index: int  # 0-based line of the first mention bearing the chosen title
    votes: int  # mentions agreeing with the chosen title
    mentions: int  # all mentions of this thematic number


def thematic_mention(line: str) -> tuple[int, str] | None:
    """``" <b>Thématique 2 :</b> Polarisation et radicalisation<TAB>5<TAB>7"`` → ``(2, "Polarisation…")``.

    Only a line (or first table cell) that *is* a mention counts: "s'inscrit dans la thématique 5"
    names no title.
    """
    first_cell = line.split("\t", 1)[0]
    text = strip_bullet(cell_text(first_cell)).strip(" .;:")
    match = _MENTION.match(text)
    if match is None:
        return None
    title = match.group(2).strip(" .;:")
    return int(match.group(1)), title[:1].upper() + title[1:]


def find_thematic_titles(lines: list[str]) -> dict[int, ThematicTitle]:
    """Number → the title the report uses most, with the line it was taken from."""
    mentions: dict[int, list[tuple[str, int]]] = {}
    for index, line in enumerate(lines):
        found = thematic_mention(line)
        if found is not None:
            mentions.setdefault(found[0], []).append((found[1], index))
    titles: dict[int, ThematicTitle] = {}
    for number, mentioned in mentions.items():
        votes = Counter(fold(title) for title, _ in mentioned)
        # most_common keeps insertion order among equal counts: the earliest mention wins ties.
        winner, count = votes.most_common(1)[0]
        title, index = next((t, i) for t, i in mentioned if fold(t) == winner)
        titles[number] = ThematicTitle(number, title, index, count, len(mentioned))
    return titles
