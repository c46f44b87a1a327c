"""Printed lines of a PDF rejoined into the text they were wrapped from.

A line wrapped by the width of its column (or page) continues the text above it with a space,
except in two cases the glyphs and the document's own words tell apart:

- **a word cut without a hyphen.** A line breaker cuts a word only when it is wider than the
  whole column, so the cut part is alone on its line (after a list marker), fills the line to
  the column's right edge, has no space after it in the text stream, and the next line goes on
  in lower case: "Sensibiliseringsa" + "cties voeren" → "Sensibiliseringsacties voeren". When
  the writer is seen to write a space after the last word of a wrapped line whenever it fits
  (LibreOffice does), a line with room for a space and none there is certainly cut. With less
  room than a space, a word that merely fills its line looks the same (the space that would
  overflow the edge is dropped); the document's words decide then: when the next line starts
  with a word the document prints whole elsewhere ("worden", "les"), the two are words. When it
  does not, the language's lexicon (``lexicon``) decides: a joined form it knows is a cut word
  ("Drugsover" + "last"), a first part and a next word it knows are two words ("Achtergelaten"
  + "spuiten"), and anything else is read as cut.
- **a hyphen the writer typed.** A hyphenator breaks a word as late as the line allows, so its
  hyphen ends a line filled to the edge. A hyphen that ends a line with room left for several
  more letters is the document's own ("Hoog-" + "risicodossiers" → "Hoog-risicodossiers"); a
  word printed whole elsewhere in the document decides first, hyphenated or not.

The document's words: every word printed inside a line, never a line's last word without a
space after it nor a line's first word in lower case (either may be a piece of a cut word).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from balise.imports.document.lexicon import Lexicon
from balise.imports.document.normalise import join_lines, split_marker

_WORD = re.compile(r"[^\W\d_]+")
_LAST_WORD = re.compile(r"([^\W\d_]+)$")
_FIRST_WORD = re.compile(r"([^\W\d_]+)")
_HYPHEN_END = re.compile(r"([^\W\d_]+)[-\u2010\u2011\x02]$")
_EDGE_CHARS = 1.2  # a line "fills" its column when it ends within this many characters of the edge
_ROOM_CHARS = 4.0  # a hyphenator would have fitted another syllable in this many characters


@dataclass
class Line:
    """One printed line (or a run of it), top-left coordinates in points; ``text`` as the PDF's
    text stream has it, a space after the last word included when the writer put one there."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float = 0.0
    edge: bool = False  # in the page's top or bottom margin: a running header or footer, maybe

    @property
    def char_width(self) -> float:
        return (self.x1 - self.x0) / max(len(self.text.rstrip()), 1)


def document_words(lines: Iterable[Line]) -> frozenset[str]:
    """The words a document prints whole (lower case), for telling a cut word from two words."""
    words: set[str] = set()
    for line in lines:
        found = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(line.text)]
        for n, (word, start, end) in enumerate(found):
            if n == len(found) - 1 and end == len(line.text):  # no space after it: maybe cut
                continue
            if n == 0 and word[:1].islower() and not line.text[:start].strip():
                continue  # starts the line in lower case: maybe the end of a cut word
            words.add(word.lower())
    return frozenset(words)


def cut_word(
    previous: Line,
    line: Line,
    edge: float,
    words: frozenset[str],
    space: float | None = None,
    lexicon: Lexicon | None = None,
) -> bool:
    """``previous`` ends with the first part of a word cut by the column width, ``line`` goes on
    with the rest of it. ``space`` is the width of a space when the writer is seen to write the
    spaces that fit at line ends (``None`` when it is not); ``lexicon`` the words of the
    document's language, for when its own words do not decide (``None``: read as cut)."""
    head, tail = split_marker(previous.text)[1], line.text.lstrip()  # "• Druggebruike": one word
    last = _LAST_WORD.search(head)
    if " " in head or previous.text.endswith((" ", "\t")) or not last:
        return False
    first = _FIRST_WORD.match(tail)
    if not first or not first.group(1)[:1].islower():
        return False
    if not _fills(previous, edge):
        return False
    left, right = last.group(1).lower(), first.group(1).lower()
    if left + right in words:
        return True
    if space is not None and edge - previous.x1 >= space:  # a space would have fit, none is there
        return True
    if _fills(line, edge) and " " not in tail.rstrip() and not line.text.endswith(" "):
        # the next line is itself the first part of a word cut again: a word it begins counts
        return not any(word.startswith(right) for word in words)
    if right in words:
        return False
    # Neither the glyphs nor the document's words tell: the language does, when it knows.
    return lexicon is None or not lexicon.two_words(left, right)


def _fills(line: Line, edge: float) -> bool:
    return edge - line.x1 <= _EDGE_CHARS * line.char_width


def hard_hyphen(previous: Line, line: Line, edge: float, words: frozenset[str]) -> bool:
    """``previous`` ends with a hyphen the writer typed (a compound), not one a hyphenator put
    at a line end."""
    head = _HYPHEN_END.search(previous.text.rstrip())
    tail = _FIRST_WORD.match(line.text.lstrip())
    if not head or not tail or not tail.group(1)[:1].islower():
        return False
    left, right = head.group(1).lower(), tail.group(1).lower()
    if f"{left}-{right}" in words:
        return True
    if left + right in words:
        return False
    return edge - previous.x1 > _ROOM_CHARS * previous.char_width


def join(
    text: str,
    previous: Line,
    line: Line,
    more: str,
    edge: float,
    words: frozenset[str],
    space: float | None = None,
    lexicon: Lexicon | None = None,
) -> str:
    """``text`` (ending with ``previous``) continued by the wrapped ``line``, whose normalised
    text is ``more``."""
    if cut_word(previous, line, edge, words, space, lexicon):
        return text.rstrip() + more.lstrip()
    if hard_hyphen(previous, line, edge, words):
        return text.rstrip() + more.lstrip()
    return join_lines(text, more)
