"""The content languages of Belgian plans and the choice of a name among its translations.

French is the fallback: every reference list and organisation has a French name, Dutch and German
names may be missing (Brussels municipalities have no official German name).
"""

from __future__ import annotations

CONTENT_LANGUAGES = ("fr", "nl", "de")
FALLBACK = "fr"


def base_language(code: str | None) -> str:
    """``"nl"`` for ``"nl-be"``; the fallback for anything that is not a content language."""
    base = (code or FALLBACK).split("-")[0].split("_")[0].lower()
    return base if base in CONTENT_LANGUAGES else FALLBACK


def pick(language: str | None, fr: str, nl: str = "", de: str = "") -> str:
    """The name in ``language`` when it exists, else the French one.

    >>> pick("de", "Cambriolage", "Inbraak", "Einbruch")
    'Einbruch'
    >>> pick("de", "Anderlecht", "Anderlecht")
    'Anderlecht'
    """
    chosen = {"fr": fr, "nl": nl, "de": de}[base_language(language)]
    return chosen or fr
