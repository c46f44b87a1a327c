"""French typography on the pages Balise sends in French (the rules: ``balise.domain.typography``).
Other languages, non-HTML responses and streamed responses pass through unchanged.

A part of a page that is cached as HTML (the plan tree) is set once, when it is rendered, by
`typeset`, and put between two markers (`already_set`) that the middleware passes over, so a warm
page does not run the rules over its hundreds of nodes on every request.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import get_language

from balise.domain.typography import TYPESET, TYPESET_END, french_html, set_parts


def typeset(html: str) -> str:
    """``html`` as the middleware would send it in the active language (for HTML cached per
    language); `already_set` then marks the assembled part for the middleware to pass over."""
    return french_html(html) if (get_language() or "").startswith("fr") else html


def already_set(html: str) -> str:
    """``html``, made of `typeset` parts, marked so that the middleware does not set it again."""
    return f"{TYPESET}{html}{TYPESET_END}"


def french_bytes(content: bytes, charset: str) -> bytes:
    """`french_html` over an encoded page, the parts already set passed over as they are, never
    decoded nor encoded again (the plan tree: hundreds of kilobytes on every warm plan page).
    The markers are ASCII, so in UTF-8 they cut the bytes where they cut the characters; another
    charset is decoded whole."""
    if codecs.lookup(charset).name != "utf-8":
        return french_html(content.decode(charset)).encode(charset)
    parts = set_parts(content, TYPESET.encode(), TYPESET_END.encode())
    return b"".join(part if done else french_html(part.decode()).encode() for done, part in parts)


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
            content = response.content
            fixed = french_bytes(content, charset)
            if fixed != content:
                response.content = fixed
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response
