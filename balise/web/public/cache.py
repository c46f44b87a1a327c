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


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, lang: str, *args, **kwargs) -> HttpResponse:
        key = f"public:{generation()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is None:
            with translation.override(lang):
                response = view(request, lang, *args, **kwargs)
            if response.status_code not in (200, 404):
                return response
            cached = (response.status_code, response["Content-Type"], response.content)
            cache.set(key, cached, TIMEOUT)
        status, content_type, content = cached
        response = HttpResponse(content, status=status, content_type=content_type)
        response["Content-Language"] = lang
        response["Cache-Control"] = "public, max-age=60"
        return response

    return wrapper
