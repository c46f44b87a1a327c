"""French typography on the pages Balise sends in French (the rules: ``balise.domain.typography``).
Other languages, non-HTML responses and streamed responses pass through unchanged.

A part of a page that is cached as HTML (the plan tree) is set once, when it is rendered, by
`typeset`, and put between two markers (`already_set`) that the middleware passes over, so a warm
page does not run the rules over its hundreds of nodes on every request.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import get_language

from balise.domain.typography import TYPESET, TYPESET_END, french_html


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
