"""The French typography middleware sets an encoded page as `french_html` sets the decoded page,
passing over the parts already set without decoding them (balise/web/typography.py)."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from balise.domain.typography import TYPESET, TYPESET_END, french_html
from balise.web.typography import FrenchTypographyMiddleware, french_bytes

SET_PART = f"{TYPESET}<p>déjà: réglé « ici »</p>{TYPESET_END}"
PAGES = [
    "<p>Vols: 5/an</p>",
    f"<h1>Plan: « Molenbeek »</h1>{SET_PART}<p>Écart: ≥ 7 h/jour</p>",
    f"{SET_PART}<p>é: è</p>{SET_PART}",
    f"<p>a: b</p>{TYPESET}<p>pas fermé: é</p>",  # a marker never closed: the rest is set
    "<p>rien à régler</p>",
]


@pytest.mark.parametrize("html", PAGES)
@pytest.mark.parametrize("charset", ["utf-8", "UTF8", "latin-1"])
def test_an_encoded_page_is_set_as_the_decoded_page_would_be(html, charset) -> None:
    if charset == "latin-1":
        html = html.replace("≥", ">=")  # what latin-1 can encode
    assert french_bytes(html.encode(charset), charset) == french_html(html).encode(charset)


def test_the_middleware_sets_french_pages_and_passes_over_the_set_parts() -> None:
    html = f"<p>Titre: plan</p>{SET_PART}"
    middleware = FrenchTypographyMiddleware(lambda request: HttpResponse(html))
    with translation.override("fr"):
        response = middleware(RequestFactory().get("/"))
    assert response.content.decode() == f"<p>Titre\u00a0: plan</p>{SET_PART}"
    with translation.override("nl"):
        assert middleware(RequestFactory().get("/")).content.decode() == html
