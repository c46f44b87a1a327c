"""The public pages' cache: keyed on the publication generation, so a withdrawal is seen at once.

A cached page costs one query (`generation()`); nothing of the visitor (session, user, cookie) is
read or written, so the same bytes can be served to every anonymous visitor.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from balise.publication.selectors import generation

PUBLIC_LANGUAGES = ("fr", "nl", "de")
TIMEOUT = 3600  # seconds; staleness is bounded by the key, this only frees memory


def serve_cached(
    request: HttpRequest, build: Callable[[], HttpResponse], *, language: str = ""
) -> HttpResponse:
    """``build()``'s response, from the cache when the publications have not changed since."""
    key = f"public:{generation()}:{request.get_host()}:{request.get_full_path()}"
    cached = cache.get(key)
    if cached is None:
        response = build()
        if response.status_code not in (200, 404):
            return response
        disposition = response.get("Content-Disposition", "")
        cached = (response.status_code, response["Content-Type"], disposition, response.content)
        cache.set(key, cached, TIMEOUT)
    status, content_type, disposition, content = cached
    response = HttpResponse(content, status=status, content_type=content_type)
    if disposition:
        response["Content-Disposition"] = disposition
    if language:
        response["Content-Language"] = language
    response["Cache-Control"] = "public, max-age=60"
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of the public site in the language of its address (``lang``)."""

    @wraps(view)
    def wrapper(request: HttpRequest, lang: str, *args: object, **kwargs: object) -> HttpResponse:
        def build() -> HttpResponse:
            with translation.override(lang):
                return view(request, lang, *args, **kwargs)

        return serve_cached(request, build, language=lang)

    return wrapper
