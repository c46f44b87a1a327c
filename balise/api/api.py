"""The REST API: /api/… (OpenAPI at /api/openapi.json, browsable docs at /api/docs).

Authentication: a personal token (``Authorization: Bearer blz_…``, see /accounts/tokens/) or the
logged-in session (with the CSRF token on writes). Permissions are exactly the web pages' ones.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Router, Swagger

from balise.api import drafts, errors, finance, monitoring, nodes, plans, versions
from balise.api.auth import AUTH

api = NinjaAPI(
    title="Balise API",
    version="1",
    description=__doc__,
    auth=AUTH,
    urls_namespace="api",
    # The Swagger UI is served from ninja's bundled static files ("ninja" is in INSTALLED_APPS);
    # the validator badge would call validator.swagger.io from the browser, so it is turned off.
    docs=Swagger(settings={"validatorUrl": None}),
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
def unknown_path(request: HttpRequest, rest: str):
    """Anything else under /api/ is a JSON 404 rather than the site's HTML page."""
    raise Http404


api.add_router("", fallback)
