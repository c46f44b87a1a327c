"""The words that tell French from Dutch, and the folding they are matched with: shared by the
reading of documents (``lexicon``) and the recogniser's vocabulary, which reads the documents
built here and so sits above this package."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

DUTCH = re.compile(
    r"\b(?:doelstelling|resultaten|streefwaarde|indicator|fenomeen|gemeente|aanpak|trekker|en|het|de|van)\b"
)
FRENCH = re.compile(r"\b(?:objectif|resultats|cible|indicateur|phenomene|commune|le|la|les|des|du|et)\b")


def fold(text: str) -> str:
    """Lower case without accents, same length as ``text`` so that offsets carry over."""
    return "".join(map(_fold_char, text))


@functools.cache  # a document has a few dozen distinct characters, folded thousands of times
def _fold_char(c: str) -> str:
    return "'" if c == "’" else (unicodedata.normalize("NFKD", c)[:1] or c).lower()[:1] or c


def word_counts(texts: Iterable[str]) -> tuple[int, int]:
    """How many common Dutch words and how many common French words the texts hold."""
    folded = fold(" ".join(texts))
    return len(DUTCH.findall(folded)), len(FRENCH.findall(folded))
