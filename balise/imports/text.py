"""Text clean-up shared by the layout parsers (`fold`, the matching key, lives in the domain)."""

from __future__ import annotations

import re

from balise.domain.text import fold

__all__ = ["clean", "fold", "join_wrapped", "strip_bullet"]

_BULLET = re.compile(r"^\s*(?:[-–—•●◦▪*·]|\d+(?:\.\d+)*[.)]?(?=\s)|[a-z]\)|[ivxIVX]+\.)\s*")
# A lone * or _ counts when no letter or digit is before it: the look-behind comes after the
# character (``\*(?<!\w\*)``, not ``(?<!\w)\*``) so that every branch starts with a literal,
# which lets the regular expression engine skip to the next * or _ instead of trying each place.
_EMPHASIS = re.compile(r"(\*\*|__|\*(?<!\w\*)(?!\s)|_(?<!\w_)(?!\s))")
_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(\w)")


def clean(text: str) -> str:
    """Normalise whitespace and drop markdown emphasis: ``" **Foo**  bar "`` → ``"Foo bar"``.

    Called for every line and cell of a document: the emphasis pattern (look-behinds) runs only
    on a text with a ``*`` or a ``_``, and ``split`` cuts at the same whitespace as ``\\s`` (both
    are Python's ``str.isspace``), at a fraction of a regular expression's cost."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


def strip_bullet(text: str) -> str:
    """Remove a leading bullet or numbering: ``"- Recruter"``, ``"1.2.1. Assurer"`` → text."""
    return _BULLET.sub("", text, count=1).strip()


def join_wrapped(parts: list[str]) -> str:
    """Join wrapped lines into one text, re-joining words hyphenated across a line break."""
    text = "\n".join(p.strip() for p in parts if p.strip())
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    return clean(text.replace("\n", " "))
