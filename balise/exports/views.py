"""Downloads of a plan's documents, for whoever may read the plan."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from balise.accounts.users import AuthenticatedRequest
from balise.exports.convention import FORMATS, ConventionError, build_convention, render
from balise.exports.convention.wording import LANGUAGES
from balise.plans.access import plan_for


@login_required
@require_GET
def convention(request: AuthenticatedRequest, plan_id: int, format: str) -> HttpResponse:
    """``?year=2023`` fills the evaluation columns, ``?lang=nl`` chooses the language."""
    plan = plan_for(request.user, plan_id)
    year, language = request.GET.get("year", ""), request.GET.get("lang") or None
    if (year and not year.isdigit()) or (language is not None and language not in LANGUAGES):
        raise Http404
    try:
        document = build_convention(plan.pk, year=int(year) if year else None, language=language)
    except ConventionError as exc:  # a year the plan has no evaluation for
        raise Http404(str(exc)) from None
    response = HttpResponse(render(document, format), content_type=FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="{document.file_stem}.{format}"'
    return response
