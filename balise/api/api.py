"""The REST API: /api/… (OpenAPI at /api/openapi.json, browsable docs at /api/docs).

Authentication: a personal token (``Authorization: Bearer blz_…``, see /accounts/tokens/) or the
logged-in session (with the CSRF token on writes). Permissions are exactly the web pages' ones.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, NoReturn

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Router, Swagger

from balise.api import drafts, errors, finance, monitoring, nodes, plans, versions
from balise.api.auth import AUTH
from balise.domain import interchange

# Answers any operation can give because of how it is called rather than what it does: a body
# that is not JSON (400) or too large (413), a parameter or body outside its schema (422),
# missing or wrong credentials (401). Each operation's own list adds what its work can refuse.
_DETAIL = {"$ref": "#/components/schemas/Detail"}
_ERRORS = {"$ref": "#/components/schemas/ValidationErrors"}
_COMMON = {
    "body": {
        "400": ("The body is not valid JSON.", _DETAIL),
        "413": ("The body is too large.", _DETAIL),
        "422": ("A field is invalid: its path and what is wrong.", _ERRORS),
    },
    "parameters": {"422": ("A parameter is invalid: its name and what is wrong.", _ERRORS)},
    "security": {"401": ("Authentication required, or the token is invalid or revoked.", _DETAIL)},
}


@cache
def _plan_document() -> dict[str, Any]:
    """The interchange format's own JSON Schema (what `POST /api/plans` validates against) as
    components: ``PlanDocument``, its definitions as ``PlanDocument_<name>``. Read and rewritten
    once, not on every request for the OpenAPI document (nothing changes the components after)."""
    text = json.dumps(interchange.schema()).replace('"#/$defs/', '"#/components/schemas/PlanDocument_')
    schema = json.loads(text)
    components = {f"PlanDocument_{name}": definition for name, definition in schema.pop("$defs", {}).items()}
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    components["PlanDocument"] = schema
    return components


def _with_plan_document(document: dict[str, Any]) -> None:
    document.setdefault("components", {}).setdefault("schemas", {}).update(_plan_document())


class BaliseAPI(NinjaAPI):
    """Ninja's API whose OpenAPI document lists, for every operation, the answers it can give
    whatever it does (see ``_COMMON``), so that no status code the API sends is undocumented."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        _with_plan_document(document)
        for item in document["paths"].values():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                for part, answers in _COMMON.items():
                    key = "requestBody" if part == "body" else part
                    if not operation.get(key):
                        continue
                    for status, (description, schema) in answers.items():
                        if status not in responses and int(status) not in responses:
                            responses[status] = {
                                "description": description,
                                "content": {"application/json": {"schema": schema}},
                            }
        return document


api = BaliseAPI(
    title="Balise API",
    version="1",
    description=__doc__,
    auth=AUTH,
    urls_namespace="api",
    # The Swagger UI is served from ninja's bundled static files ("ninja" is in INSTALLED_APPS);
    # the validator badge would call validator.swagger.io from the browser, so it is turned off.
    docs=Swagger(settings={"validatorUrl": None}),
    parser=errors.JsonParser(),
)
errors.install(api)
api.add_router("/plans", plans.router)
api.add_router("/plans", versions.router)
api.add_router("/nodes", nodes.router)
api.add_router("", monitoring.router)
api.add_router("/regional", "balise.api.regional.router")
api.add_router("", finance.router)
api.add_router("/import-drafts", drafts.router)

# Added last so that its catch-all URL comes after every real one.
fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None, include_in_schema=False
)
def unknown_path(request: HttpRequest, rest: str) -> NoReturn:
    """Anything else under /api/ is a JSON 404 rather than the site's HTML page."""
    raise Http404


api.add_router("", fallback)
