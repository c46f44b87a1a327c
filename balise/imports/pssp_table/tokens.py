"""The plan body as a stream of tokens: headings, table headers, table rows and text segments.

A Word paragraph that held several styled runs comes out glued with markdown emphasis
("PHENOMENE 3**Violence intrafamiliale****Objectifs généraux**"); each run becomes its own token
on the same line, so that "Médiation Locale**Objectifs stratégiques**" reads as a service name
followed by a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from balise.imports.pssp_table import vocabulary as vocab
from balise.imports.text import clean, fold, strip_bullet


class Kind(StrEnum):
    SEPARATOR = "separator"
    OO_HEADER = "oo_header"  # "Objectifs opérationnels | Résultats attendus"
    IND_HEADER = "ind_header"  # "Indicateurs | Analyse SPF IBZ | Evaluation Code couleur…"
    ROW = "row"  # any other tab-separated line
    MOTIVATION = "motivation"  # a detached "Evaluation Motivation" column header
    GENERAL = "general"  # "Objectifs généraux"
    STRATEGIC = "strategic"  # "Objectifs stratégiques"
    PHENOMENON_MARK = "phenomenon_mark"  # "PHENOMENE 3"
    TEXT = "text"


@dataclass
class Token:
    index: int  # 0-based line index
    kind: Kind
    text: str = ""
    cells: list[str] = field(default_factory=list)


# Only real bullets and dotted numbering: "30 contacts/an" must keep its number.
_MARKER = re.compile(r"^\s*(?:[-–—•●◦▪·]\s|\d+(?:\.\d+)*[.)]\s|[a-z]\)\s)")


def unbullet(text: str) -> str:
    return strip_bullet(text) if _MARKER.match(text) else text


def tokenize(lines: list[str], start: int, end: int) -> list[Token]:
    tokens: list[Token] = []
    for index in range(start, end):
        line = lines[index]
        if not line.strip():
            continue
        if vocab.is_separator(line):
            tokens.append(Token(index, Kind.SEPARATOR, clean(line)))
        elif "\t" in line:
            tokens.append(_row(index, line))
        else:
            tokens.extend(_segments(index, line))
    return tokens


def _row(index: int, line: str) -> Token:
    row = vocab.cells(line)
    if vocab.is_oo_header(row):
        return Token(index, Kind.OO_HEADER, cells=row)
    if vocab.is_indicator_header(row):
        return Token(index, Kind.IND_HEADER, cells=row)
    return Token(index, Kind.ROW, cells=[unbullet(cell) for cell in row])


def _segments(index: int, line: str) -> list[Token]:
    tokens = []
    for part in re.split(r"\*\*", line):
        text = clean(part)
        if not text:
            continue
        key = fold(text)
        if key in vocab.GENERAL_HEADINGS:
            tokens.append(Token(index, Kind.GENERAL, text))
        elif key in vocab.STRATEGIC_HEADINGS:
            tokens.append(Token(index, Kind.STRATEGIC, text))
        elif key in vocab.MOTIVATION_HEADINGS:
            tokens.append(Token(index, Kind.MOTIVATION, text))
        elif vocab.is_phenomenon_mark(text):
            tokens.append(Token(index, Kind.PHENOMENON_MARK, text))
        else:
            tokens.append(Token(index, Kind.TEXT, unbullet(text)))
    return tokens
