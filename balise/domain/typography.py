"""French typography on the pages and documents Balise sends in French: a no-break space before
« : ; ! ? » and inside « » where there was none, whatever wrote the text (a translation, a
template's own punctuation: ``{% translate "Pilot" %}: {{ pilot }}``). A space already there is
kept as written.

Only the text between tags is touched: never an attribute, a script, a style, or what is shown as
written (``pre``, ``code``, ``textarea``). A colon after a digit is left alone (14:05, 1:2). A part
of a page between the markers ``TYPESET`` and ``TYPESET_END`` was set already and is passed over.
The pages (``balise.web.typography``) and the documents (``balise.typography``) apply these rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape, unescape
from typing import AnyStr

NBSP = "\u00a0"
TYPESET, TYPESET_END = "<!--typeset-->", "<!--/typeset-->"
_PARTS = re.compile(
    rf"({TYPESET}.*?{TYPESET_END})|(<(script|style|pre|code|textarea)\b.*?</\3\s*>)|(<!--.*?-->)"
    r"|(<[^>]*>)|([^<]+)",
    re.S | re.I,
)
# A letter or a closing mark right before the mark, which a space (or the text's end) follows.
_BEFORE_MARK = re.compile(r"([^\s\d\u00a0\u202f(«])([;!?])(?=\s|$)")
_BEFORE_COLON = re.compile(r"([^\s\d\u00a0\u202f(«/]):(?=\s|$)")
_OPENING = re.compile(r"«(?=[^\s\u00a0\u202f])")
_CLOSING = re.compile(r"(?<=[^\s\u00a0\u202f])»")


def french_text(text: str) -> str:
    """``"État: brouillon «v2»"`` → ``"État\u00a0: brouillon «\u00a0v2\u00a0»"``."""
    if not any(mark in text for mark in ":;!?«»"):
        return text
    text = _BEFORE_COLON.sub(f"\\1{NBSP}:", text)
    text = _BEFORE_MARK.sub(f"\\1{NBSP}\\2", text)
    text = _OPENING.sub(f"«{NBSP}", text)
    return _CLOSING.sub(f"{NBSP}»", text)


def french_html(html: str) -> str:
    """The text between the tags of ``html`` set by :func:`french_text`."""

    def fix(match: re.Match[str]) -> str:
        text = match.group(6)
        if text is None:
            return match.group(0)
        if "&" not in text:
            return french_text(text)
        # The rules read characters, not entities: "&nbsp;:" already has its space, and the ";"
        # of "&amp;" is no question of punctuation.
        return escape(french_text(unescape(text)), quote=False)

    return "".join(
        part if done else _PARTS.sub(fix, part) for done, part in set_parts(html, TYPESET, TYPESET_END)
    )


def set_parts(text: AnyStr, start_mark: AnyStr, end_mark: AnyStr) -> Iterator[tuple[bool, AnyStr]]:
    """``text`` cut into its parts, each with whether it lies between the markers (already set,
    markers included). A set part is found by searching for its end marker (``find``), not by a
    regex, which would step through its hundreds of kilobytes one character at a time (the warm
    plan page); a start marker never closed leaves the rest unset."""
    at = 0
    while (start := text.find(start_mark, at)) != -1:
        end = text.find(end_mark, start + len(start_mark))
        if end == -1:
            break
        end += len(end_mark)
        yield False, text[at:start]
        yield True, text[start:end]
        at = end
    yield False, text[at:]
