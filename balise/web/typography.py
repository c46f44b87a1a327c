"""French typography on the pages Balise sends in French: a no-break space before « : ; ! ? »
and inside « » where there was none, whatever wrote the text (a translation, a template's own
punctuation: ``{% translate "Pilot" %}: {{ pilot }}``). A space already there is kept as written.

Only the text between tags is touched: never an attribute, a script, a style, or what is shown as
written (``pre``, ``code``, ``textarea``). A colon after a digit is left alone (14:05, 1:2). Other
languages, non-HTML responses and streamed responses pass through unchanged.

A part of a page that is cached as HTML (the plan tree) is set once, when it is rendered, by
`typeset`, and put between two markers (`already_set`) that the middleware passes over, so a warm
page does not run the rules over its hundreds of nodes on every request.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import get_language

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
    def fix(match: re.Match[str]) -> str:
        text = match.group(6)
        return french_text(text) if text is not None else match.group(0)

    return _PARTS.sub(fix, html)


def typeset(html: str) -> str:
    """``html`` as the middleware would send it in the active language (for HTML cached per
    language); `already_set` then marks the assembled part for the middleware to pass over."""
    return french_html(html) if (get_language() or "").startswith("fr") else html


def already_set(html: str) -> str:
    """``html``, made of `typeset` parts, marked so that the middleware does not set it again."""
    return f"{TYPESET}{html}{TYPESET_END}"


class FrenchTypographyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            isinstance(response, HttpResponse)
            and (get_language() or "").startswith("fr")
            and response.get("Content-Type", "").startswith("text/html")
            and not response.has_header("Content-Encoding")
        ):
            charset = response.charset or "utf-8"
            html = response.content.decode(charset)
            fixed = french_html(html)
            if fixed != html:
                response.content = fixed.encode(charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response
