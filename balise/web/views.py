"""The demo login pages (the plan pages live in `balise.web.plans`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balise.demo import DEMO_USERNAMES
from balise.operations.probes import readiness


def demo_login(request: HttpRequest) -> HttpResponse:
    """Demo only (BALISE_DEMO=1): pick a role from the list and be logged in as its demo user."""
    if not settings.BALISE_DEMO:
        raise Http404

    users = (
        get_user_model()
        .objects.filter(username__in=DEMO_USERNAMES)
        .prefetch_related("memberships__organisation")
    )
    return render(request, "web/demo_login.html", {"demo_users": users})


@require_POST
def demo_login_as(request: HttpRequest, username: str) -> HttpResponse:
    if not settings.BALISE_DEMO:
        raise Http404

    if username not in DEMO_USERNAMES:
        raise Http404
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise Http404
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("home")


def health(request: HttpRequest) -> HttpResponse:
    """Liveness probe for monitoring and load balancers: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement that Belgian law asks of public bodies' websites (WCAG 2.1 AA)."""
    return render(request, "web/accessibility.html")


def guide(request: HttpRequest) -> HttpResponse:
    """The user guide: the yearly cycle, who does what, and the main pages as the browser tests
    photographed them (``tests/e2e/guide_images.py``)."""
    pictures = [
        {
            "laptop": f"balise/guide/{name}-laptop.jpg",
            "phone": f"balise/guide/{name}-phone.jpg",
            "alt": alt,
            "caption": caption,
        }
        for name, alt, caption in (
            (
                "worklist",
                _(
                    "The federal analyst's worklist: municipalities and years "
                    "with their state and completeness"
                ),
                _("The worklist of the federal analyst."),
            ),
            (
                "grid",
                _("The data-entry grid: the plan's indicators in rows, the periods of the year in columns"),
                _("The grid where the values of a year are entered."),
            ),
            (
                "evaluation-form",
                _("The self-evaluation form: one text per indicator, each saved as it is typed"),
                _("The self-evaluation of a year."),
            ),
        )
    ]
    return render(request, "web/guide.html", {"pictures": pictures})


def ready(request: HttpRequest) -> HttpResponse:
    """Readiness probe: 200 when the database answers, the migrations are applied and a job worker
    was seen recently; 503 otherwise. The body says which check failed."""
    state = readiness()
    response = JsonResponse(state.checks, status=200 if state.ready else 503)
    response["Cache-Control"] = "no-store"
    return response
