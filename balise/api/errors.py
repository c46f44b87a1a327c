"""Every failure of an API call is a JSON response: ``{"detail": "…"}`` or, for invalid input,
``{"detail": [{"loc": "<field path>", "msg": "…"}]}``. No HTML page, not even for a crash."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from balise import errors
from balise.api import schemas
from balise.api.auth import InvalidToken
from balise.api.serialize import assessment_out, measurement_out, node_out, plan_summary
from balise.domain.interchange import InterchangeError
from balise.monitoring.errors import Invalid as MonitoringInvalid
from balise.monitoring.models import Assessment, Measurement
from balise.plans.actions import PlanConflict
from balise.plans.editing import NODE_KINDS, get_node, plan_of
from balise.plans.editing import Invalid as PlanInvalid
from balise.plans.models import Plan
from balise.regional.models import OutputReport

logger = logging.getLogger("balise.api")

# Where ninja says a faulty parameter was read from; the client knows, so the path starts after it.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


class InvalidInput(errors.Invalid):
    """Invalid input found by the endpoint itself, as (field path, message) pairs."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        by_field: dict[str, list[str]] = {}
        for loc, message in pairs:
            by_field.setdefault(loc, []).append(message)
        super().__init__(by_field)


class MalformedBody(errors.BaliseError):
    """The request body is not JSON at all (HTTP 400: there is no field to point at)."""


class JsonParser(Parser):
    """Ninja's JSON parser, whose refusal says what is wrong and where in the user's language
    (ninja's own answer is an untranslated "Cannot parse request body")."""

    def parse_body(self, request: HttpRequest) -> Any:
        try:
            # Numbers with a fraction keep their digits: the decimal fields read them exactly.
            return json.loads(request.body, parse_float=schemas.JsonNumber)
        except json.JSONDecodeError as exc:
            raise MalformedBody(
                _("The body is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": exc.lineno, "column": exc.colno}
            ) from exc
        except UnicodeDecodeError as exc:
            raise MalformedBody(_("The body is not valid JSON: it is not UTF-8 text.")) from exc
        except RecursionError as exc:
            raise MalformedBody(_("The body is not valid JSON: it is nested too deeply.")) from exc


def check_fields(values: dict[str, Any], allowed: Iterable[str], prefix: str = "values") -> None:
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


def _current(obj: Any) -> dict[str, Any] | None:
    """The item a `StaleEdit` was refused against, as the API shows it (None: it was deleted)."""
    if obj is None:
        return None
    if isinstance(obj, Plan):
        return plan_summary(obj)
    if isinstance(obj, Measurement):
        return measurement_out(obj)
    if isinstance(obj, Assessment):
        return assessment_out(obj)
    if isinstance(obj, OutputReport):
        return {"year": obj.year, "state": obj.state, "revision": obj.revision, "narrative": obj.narrative}
    name = next(name for name, kind in NODE_KINDS.items() if isinstance(obj, kind.model))
    kind, node = get_node(name, obj.pk)
    return node_out(kind, node, plan_of(kind, node).pk)


def _by_field(exc: errors.Invalid) -> list[dict[str, str]]:
    """The messages of a refusal by field path of the request body. Two apps name fields in
    their own terms: plan edits by form field (``title`` → ``values.title``), monitoring's bulk
    entry by indicator (``12.amount`` → ``rows.12.amount``)."""
    if isinstance(exc, PlanInvalid):
        return field_errors(exc.errors)
    if isinstance(exc, MonitoringInvalid):
        by_row = [(f"rows.{loc}" if loc[:1].isdigit() else loc, msg) for loc, msg in exc.by_field()]
        return [{"loc": loc, "msg": msg} for loc, msg in by_row]
    return [{"loc": loc, "msg": msg} for loc, msg in exc.by_field()]


# Each handler answers (status, JSON body). Ninja picks the handler of the exception's nearest
# class (MRO order): the family's kinds of balise.errors cover every app's refusals, the few
# specific entries before them add what the API knows better.
Answer = tuple[int, dict[str, Any]]


# Pydantic's messages (English, in its own terms) by error type, in the user's language: the
# message, and for each of its placeholders the key of pydantic's ``ctx`` whose value it shows.
# Types not listed fall back to a generic message.
_PYDANTIC: dict[str, tuple[Promise, dict[str, str]]] = {
    "missing": (gettext_lazy("This field is required."), {}),
    "extra_forbidden": (gettext_lazy("Unknown field."), {}),
    **dict.fromkeys(
        ("int_type", "int_parsing", "int_from_float"), (gettext_lazy("Enter a whole number."), {})
    ),
    "int_parsing_size": (gettext_lazy("Enter a smaller whole number."), {}),
    **dict.fromkeys(
        ("float_type", "float_parsing", "decimal_type", "decimal_parsing", "finite_number"),
        (gettext_lazy("Enter a number."), {}),
    ),
    "decimal_max_digits": (
        gettext_lazy("Enter a number with at most %(max)s digits."),
        {"max": "max_digits"},
    ),
    "decimal_max_places": (
        gettext_lazy("Enter a number with at most %(max)s decimal places."),
        {"max": "decimal_places"},
    ),
    "decimal_whole_digits": (
        gettext_lazy("Enter a number with at most %(max)s digits before the decimal point."),
        {"max": "whole_digits"},
    ),
    **dict.fromkeys(("bool_type", "bool_parsing"), (gettext_lazy("Enter true or false."), {})),
    **dict.fromkeys(("string_type", "string_unicode"), (gettext_lazy("Enter a text."), {})),
    "string_too_short": (gettext_lazy("Enter at least %(min)s characters."), {"min": "min_length"}),
    "string_too_long": (gettext_lazy("Enter at most %(max)s characters."), {"max": "max_length"}),
    "string_pattern_mismatch": (
        gettext_lazy("Enter a value of the form %(pattern)s."),
        {"pattern": "pattern"},
    ),
    **dict.fromkeys(
        ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"),
        (gettext_lazy("Enter a date as YYYY-MM-DD."), {}),
    ),
    **dict.fromkeys(
        ("datetime_type", "datetime_parsing", "datetime_from_date_parsing"),
        (gettext_lazy("Enter a date and time as YYYY-MM-DDTHH:MM."), {}),
    ),
    **dict.fromkeys(("uuid_type", "uuid_parsing"), (gettext_lazy("Enter a UUID."), {})),
    **dict.fromkeys(
        ("literal_error", "enum"), (gettext_lazy("Enter one of %(choices)s."), {"choices": "expected"})
    ),
    "greater_than": (gettext_lazy("Enter a value greater than %(limit)s."), {"limit": "gt"}),
    "greater_than_equal": (gettext_lazy("Enter a value of at least %(limit)s."), {"limit": "ge"}),
    "less_than": (gettext_lazy("Enter a value less than %(limit)s."), {"limit": "lt"}),
    "less_than_equal": (gettext_lazy("Enter a value of at most %(limit)s."), {"limit": "le"}),
    **dict.fromkeys(
        ("dict_type", "model_type", "model_attributes_type"), (gettext_lazy("Enter an object."), {})
    ),
    "list_type": (gettext_lazy("Enter a list."), {}),
    "too_short": (gettext_lazy("Enter at least %(min)s items."), {"min": "min_length"}),
    "too_long": (gettext_lazy("Enter at most %(max)s items."), {"max": "max_length"}),
    "json_invalid": (gettext_lazy("The body is not valid JSON."), {}),
}


def _shown(key: str, ctx: dict[str, Any]) -> Any:
    value = ctx.get(key)
    # The choices of a Literal or an enum, as pydantic lists them: "'fr', 'nl' or 'de'".
    return str(value).replace("'", "") if key == "expected" else value


def pydantic_message(error: dict[str, Any]) -> str:
    """The message of one pydantic (or ninja) error, in the user's language."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "value_error":  # raised by Balise's own validators, already in the user's language
        return str(ctx.get("error", "")) or _("This value is invalid.")
    if kind not in _PYDANTIC:
        return _("This value is invalid.")
    message, placeholders = _PYDANTIC[kind]
    return str(message) % {name: _shown(key, ctx) for name, key in placeholders.items()}


def _parameters(exc: ValidationError) -> Answer:
    detail = [{"loc": field_path(e.get("loc", ())), "msg": pydantic_message(e)} for e in exc.errors]
    return 422, {"detail": detail}


def _document(exc: InterchangeError) -> Answer:
    return 422, {"detail": [{"loc": exc.path, "msg": exc.reason}]}


def _invalid(exc: errors.Invalid) -> Answer:
    return 422, {"detail": _by_field(exc)}


def _stale(exc: errors.StaleEdit) -> Answer:
    return 409, {"detail": str(exc), "current": _current(exc.current), "submitted": exc.submitted}


def _conflict(exc: PlanConflict) -> Answer:
    hint = _("Send it again with ?replace=true to store it as the new version of that plan.")
    return 409, {"detail": str(exc), "hint": hint}


def _refused(exc: errors.BaliseError) -> Answer:
    return errors.status_of(exc), {"detail": str(exc)}


def _not_found(exc: Exception) -> Answer:
    return 404, {"detail": (isinstance(exc, errors.NotFound) and str(exc)) or _("Not found.")}


def _http(exc: HttpError) -> Answer:
    # Ninja wraps what the parser raises into an untranslated "Cannot parse request body".
    if isinstance(exc.__cause__, errors.BaliseError):
        return _refused(exc.__cause__)
    return exc.status_code, {"detail": str(exc)}


def _forbidden(exc: PermissionDenied) -> Answer:
    return 403, {"detail": _("You are not allowed to do this.")}


def _too_large(exc: RequestDataTooBig) -> Answer:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return 413, {"detail": _("The request body is too large (at most %(size)s bytes).") % {"size": limit}}


HANDLERS: list[tuple[type[Exception], Callable[[Any], Answer]]] = [
    (ValidationError, _parameters),
    (InterchangeError, _document),
    (errors.Invalid, _invalid),
    (errors.StaleEdit, _stale),
    (PlanConflict, _conflict),
    (errors.Refused, _refused),
    (errors.NotFound, _not_found),
    (Http404, _not_found),
    (ObjectDoesNotExist, _not_found),
    (HttpError, _http),
    (PermissionDenied, _forbidden),
    (RequestDataTooBig, _too_large),
]


def install(api: NinjaAPI) -> None:
    """Give ``api`` the handlers above, plus the two that need the request."""

    def answer(handler: Callable[[Any], Answer]) -> Callable[[HttpRequest, Exception], HttpResponse]:
        def respond(request: HttpRequest, exc: Exception) -> HttpResponse:
            status, data = handler(exc)
            return api.create_response(request, data, status=status)

        return respond

    for kind, handler in HANDLERS:
        # ninja types a handler's argument as the exception or its class; it always passes the instance.
        api.add_exception_handler(kind, answer(handler))  # type: ignore[arg-type]

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        if isinstance(exc, InvalidToken):
            message = _("Invalid or revoked token.")
        else:
            message = _("Authentication required: log in or send “Authorization: Bearer <token>”.")
        response = api.create_response(request, {"detail": message}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Exception)
    def crash(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return api.create_response(request, {"detail": _("Internal error; it has been logged.")}, status=500)
