"""The one place where a refusal that a page did not word itself becomes a page.

A page that can show the refusal in context (a form with its errors beside the fields, a list
with the reason on top) catches it itself. Every other `balise.errors.BaliseError` reaches this
middleware and is answered with its message, by field when the input was invalid, under the
status of its kind (422, 409, 404): never a crash page, never an HTTP or CLI detail.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balise import errors


class RefusalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, errors.BaliseError):
            return None
        problems = exception.by_field() if isinstance(exception, errors.Invalid) else []
        context = {
            "message": "" if problems else str(exception),
            "problems": [(field, message) for field, message in problems],
            "not_found": isinstance(exception, errors.NotFound),
        }
        template = "web/refused_fragment.html" if request.headers.get("HX-Request") else "web/refused.html"
        return render(request, template, context, status=errors.status_of(exception))
