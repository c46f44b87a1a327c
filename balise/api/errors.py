"""Every failure of an API call is a JSON response: ``{"detail": "…"}`` or, for invalid input,
``{"detail": [{"loc": "<field path>", "msg": "…"}]}``. No HTML page, not even for a crash."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from balise import errors
from balise.api.auth import InvalidToken
from balise.api.serialize import node_out, plan_summary
from balise.domain.interchange import InterchangeError
from balise.plans.actions import PlanConflict
from balise.plans.editing import NODE_KINDS, Invalid, PlanLocked, StaleEdit, get_node, plan_of
from balise.plans.models import Plan
from balise.plans.versioning import VersionError

logger = logging.getLogger("balise.api")

# Where ninja says a faulty parameter was read from; the client knows, so the path starts after it.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


class InvalidInput(Exception):
    """Invalid input found by the endpoint itself; ``errors`` are (field path, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        super().__init__(errors)


def check_fields(values: dict[str, Any], allowed, prefix: str = "values") -> None:
    """Refuse names the form does not know: `editing` would silently ignore them (a typo would
    "succeed" without changing anything)."""
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise InvalidInput([(f"{prefix}.{name}", _("Unknown field.")) for name in unknown])


def field_path(loc: list[Any] | tuple[Any, ...]) -> str:
    """``["body", "payload", "values", 0, "title"]`` → ``"values[0].title"``."""
    parts = list(loc)
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and len(parts) > 1:
            parts.pop(0)  # the endpoint's parameter name, an implementation detail
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def field_errors(errors: dict[str, list[str]], prefix: str = "values") -> list[dict[str, str]]:
    """Form errors of `balise.plans.editing.Invalid` as field paths of the request body."""
    renamed = {"__all__": prefix, "parent": "parent_kind", "kind": "kind"}
    return [
        {"loc": renamed.get(name, f"{prefix}.{name}"), "msg": message}
        for name, messages in errors.items()
        for message in messages
    ]


def _current(obj: Any) -> dict[str, Any]:
    """The item a `StaleEdit` was refused against, as the API shows it."""
    if isinstance(obj, Plan):
        return plan_summary(obj)
    name = next(name for name, kind in NODE_KINDS.items() if isinstance(obj, kind.model))
    kind, node = get_node(name, obj.pk)
    return node_out(kind, node, plan_of(kind, node).pk)


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, data: Any) -> HttpResponse:
        return api.create_response(request, data, status=status)

    @api.exception_handler(ValidationError)
    def invalid_parameters(request: HttpRequest, exc: ValidationError):
        errors = [{"loc": field_path(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors]
        return respond(request, 422, {"detail": errors})

    @api.exception_handler(InvalidInput)
    def invalid_input(request: HttpRequest, exc: InvalidInput):
        return respond(request, 422, {"detail": [{"loc": loc, "msg": msg} for loc, msg in exc.errors]})

    @api.exception_handler(InterchangeError)
    def invalid_document(request: HttpRequest, exc: InterchangeError):
        return respond(request, 422, {"detail": [{"loc": exc.path, "msg": exc.reason}]})

    @api.exception_handler(Invalid)
    def invalid_values(request: HttpRequest, exc: Invalid):
        return respond(request, 422, {"detail": field_errors(exc.errors)})

    @api.exception_handler(StaleEdit)
    def stale(request: HttpRequest, exc: StaleEdit):
        data = {"detail": str(exc), "current": _current(exc.current), "submitted": exc.submitted}
        return respond(request, 409, data)

    @api.exception_handler(PlanLocked)
    def locked(request: HttpRequest, exc: PlanLocked):
        return respond(request, 409, {"detail": str(exc)})

    @api.exception_handler(PlanConflict)
    def conflict(request: HttpRequest, exc: PlanConflict):
        hint = _("Send it again with ?replace=true to store it as the new version of that plan.")
        return respond(request, 409, {"detail": str(exc), "hint": hint})

    @api.exception_handler(VersionError)
    def wrong_state(request: HttpRequest, exc: VersionError):
        return respond(request, 409, {"detail": str(exc)})

    # The family of balise.errors, for every app: the specific handlers above win (ninja looks
    # the exception's classes up in MRO order), these cover the rest.
    @api.exception_handler(errors.Invalid)
    def refused_input(request: HttpRequest, exc: errors.Invalid):
        return respond(request, 422, {"detail": [{"loc": loc, "msg": msg} for loc, msg in exc.by_field()]})

    @api.exception_handler(errors.Refused)
    def refused(request: HttpRequest, exc: errors.Refused):
        return respond(request, errors.status_of(exc), {"detail": str(exc)})

    @api.exception_handler(errors.NotFound)
    def refused_unknown(request: HttpRequest, exc: errors.NotFound):
        return respond(request, 404, {"detail": str(exc) or _("Not found.")})

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError):
        if isinstance(exc, InvalidToken):
            message = _("Invalid or revoked token.")
        else:
            message = _("Authentication required: log in or send “Authorization: Bearer <token>”.")
        response = respond(request, 401, {"detail": message})
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        return respond(request, exc.status_code, {"detail": str(exc)})

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied):
        return respond(request, 403, {"detail": _("You are not allowed to do this.")})

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return respond(request, 404, {"detail": _("Not found.")})

    @api.exception_handler(ObjectDoesNotExist)
    def missing(request: HttpRequest, exc: ObjectDoesNotExist):
        return respond(request, 404, {"detail": _("Not found.")})

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        message = _("The request body is too large (at most %(size)s bytes).") % {"size": limit}
        return respond(request, 413, {"detail": message})

    @api.exception_handler(Exception)
    def crash(request: HttpRequest, exc: Exception):
        logger.exception("API error on %s %s", request.method, request.path)
        return respond(request, 500, {"detail": _("Internal error; it has been logged.")})
