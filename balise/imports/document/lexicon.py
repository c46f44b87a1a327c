"""A language's lexicon, for the one case the glyphs and the document's own words leave open.

A word that exactly fills a narrow column loses the space after it (the space would overflow
the edge), so "Achtergelaten" + "spuiten" prints like a word cut by the column width
("Drugsover" + "last"). When the document prints neither the joined form nor the next word
elsewhere, the French or Dutch word lists of pyspellchecker (shipped inside its wheel: nothing
is downloaded) decide: a joined form the language knows is a cut word; a first part and a next
word the language both know, with the joined form unknown, are two words; anything else is read
as a cut word, as without a lexicon.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from balise.imports.document.language import word_counts

LANGUAGES = ("fr", "nl")


@functools.cache
def _word_list(language: str) -> Any:
    # Late: spellchecker is imported here, not at the top: building a language's word list reads a few hundred
    # thousand words (seconds on a busy machine), and most documents never need it. Cached, so
    # a process pays it at most once per language.
    from spellchecker import SpellChecker

    return SpellChecker(language=language, distance=1)


@dataclass(frozen=True)
class Lexicon:
    """The word lists of the languages a document may be written in (``("nl",)``, or both when
    the document does not tell)."""

    languages: tuple[str, ...] = LANGUAGES

    def knows(self, word: str) -> bool:
        return any(word.lower() in _word_list(language) for language in self.languages)

    def two_words(self, left: str, right: str) -> bool:
        """``left`` ending a line filled to its edge and ``right`` starting the next are two
        words, not the two parts of one word cut by the column."""
        if self.knows(left + right):
            return False
        return self.knows(left) and self.knows(right)


def document_lexicon(texts: Iterable[str]) -> Lexicon:
    """The lexicon of the language the document's texts are written in, by the common
    French and Dutch words of ``language``; both languages when neither clearly prevails."""
    dutch, french = word_counts(texts)
    if dutch > 2 * french:
        return Lexicon(("nl",))
    if french > 2 * dutch:
        return Lexicon(("fr",))
    return Lexicon(LANGUAGES)
