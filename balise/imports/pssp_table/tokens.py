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
    MODULE_MARK = "module_mark"  # "PHENOMENE 3", "SECTEUR D'ACTIVITE 1", "COORDINATION"
    # Labelled values written by Balise's own convention ("Service : SCAPI", "Domaine : …",
    # "Objectif opérationnel : …" heading the indicators of an operational objective).
    SERVICE = "service"
    DOMAIN = "domain"
    OO_LABEL = "oo_label"
    PAGE = "page"  # "Page 3 / 12"
    CAPTION = "caption"  # "Évaluation 2023" above an indicator table
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
    labelled = vocab.OO_LABEL.match(row[0]) if row else None
    if labelled and not any(row[1:]):
        return Token(index, Kind.OO_LABEL, labelled.group(1))
    if vocab.is_oo_header(row):
        return Token(index, Kind.OO_HEADER, cells=row)
    if vocab.is_indicator_header(row):
        return Token(index, Kind.IND_HEADER, cells=row)
    return Token(index, Kind.ROW, cells=[unbullet(cell) for cell in row])


_LABELS = (
    (vocab.SERVICE_LABEL, Kind.SERVICE),
    (vocab.DOMAIN_LABEL, Kind.DOMAIN),
    (vocab.OO_LABEL, Kind.OO_LABEL),
)


def _labelled(index: int, text: str) -> Token | None:
    """A labelled value ("Service : SCAPI") or a page number, else ``None``."""
    if vocab.PAGE_NUMBER.match(text):
        return Token(index, Kind.PAGE, text)
    if vocab.EVALUATION_CAPTION.match(text):
        return Token(index, Kind.CAPTION, text)
    for pattern, kind in _LABELS:
        if match := pattern.match(text):
            return Token(index, kind, match.group(1))
    return None


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
        elif vocab.module_mark(text):
            tokens.append(Token(index, Kind.MODULE_MARK, text))
        elif labelled := _labelled(index, text):
            tokens.append(labelled)
        else:
            tokens.append(Token(index, Kind.TEXT, unbullet(text)))
    return tokens
