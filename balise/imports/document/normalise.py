"""Text normalised once, when a reader builds the document model.

- ligatures become letters (ﬁ → fi), no-break, thin and other spaces become a space, curly quotes
  straight ones, soft hyphens and zero-width characters disappear, CRLF is LF;
- a word hyphenated at a line end is rejoined without its hyphen ("préven-" + "tion" →
  "prévention"), while a compound written on one line keeps it ("Saint-Gilles");
- list markers are recognised in any form: bullet glyphs ("•", "", "o", "-", "▪"…), letters
  ("a)", "b."), roman ("iv.") and decimal numbers ("1.", "1.2.3", "2)").
"""

from __future__ import annotations

import re

_TRANSLATE = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u3000": " ",
        "\u00ad": None,
        "\x02": "-",  # pdfium's mark for a hyphen at a line end
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\r": None,
    }
)
_SPACES = re.compile(r"[ \t\f\v]+")


def normalise(text: str) -> str:
    """One line of text, normalised; tabs become spaces (readers split cells before)."""
    text = text.replace("\r\n", "\n").translate(_TRANSLATE)
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def normalise_line(text: str) -> str:
    """Like ``normalise`` but keeps tabs, which separate the cells of a pasted table row."""
    text = text.replace("\r\n", "\n").translate(_TRANSLATE).replace("\n", " ")
    return "\t".join(_SPACES.sub(" ", part).strip() for part in text.split("\t")).strip("\t ")


# "préven-" at a line end followed by a lower-case letter: a hyphenated word, not a compound.
_HYPHENATED = re.compile(r"([^\W\d_])[-\u2010\u2011]$")


def join_lines(head: str, tail: str) -> str:
    """``head`` continued by the wrapped line ``tail``."""
    head, tail = head.rstrip(), tail.lstrip()
    if not head:
        return tail
    if not tail:
        return head
    if _HYPHENATED.search(head) and tail[0].islower():
        return head[:-1] + tail
    if head.endswith(("/", "-")):  # "Oui/" + "Non", "socio-" + "Préventif"
        return head + tail
    return f"{head} {tail}"


_BULLETS = "•●◦▪▫■□◆◇►▶➢➤✓✔∙·*\uf0b7\uf0a7\uf0d8\uf076\uf0fc-–—"
MARKER = re.compile(
    rf"""^\s*(?P<marker>
        [{re.escape(_BULLETS)}]
      | o(?=[\t ])
      | \(?[a-zA-Z][).](?=[\t ])
      | \(?(?:[ivxlcIVXLC]+)[).](?=[\t ])
      | \d{{1,3}}(?:\.\d{{1,3}})+\.?(?=[\t ]) | \d{{1,3}}[.)](?=[\t ])
    )[\t ]*""",
    re.VERBOSE,
)


def split_marker(text: str) -> tuple[str, str]:
    """``("•", "Recruter")`` for ``"•\tRecruter"``; ``("", text)`` when there is no marker."""
    match = MARKER.match(text)
    if not match or not text[match.end() :].strip():
        return "", text.strip()
    return match.group("marker"), text[match.end() :].strip()


def marker_depth(marker: str) -> int:
    """Depth a marker implies: "1." → 1, "1.2" → 2, "1.2.3." → 3; bullets and letters → 0."""
    if marker[:1].isdigit():
        return marker.rstrip(".)").count(".") + 1
    return 0
