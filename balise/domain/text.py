"""Text normalisation that names are matched with (municipalities, thematics, headings)."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)  # importers fold the same labels and names over and over
def fold(text: str) -> str:
    """Accent- and case-insensitive key for matching names.

    ``"Molenbeek-Saint -Jean"`` and ``"MOLENBEEK ST JEAN"`` → ``"molenbeek saint jean"``.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'")
    text = re.sub(r"\bst\b", "saint", text)
    text = re.sub(r"\bste\b", "sainte", text)
    return _SPACES.sub(" ", re.sub(r"[^a-z0-9']+", " ", text)).strip()
