"""A municipality's plans and its police zone's zonal security plan, read side by side by phenomenon."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from balise.accounts.models import Organisation
from balise.accounts.rules import restrict_plans
from balise.accounts.users import AuthenticatedRequest
from balise.context.selectors import trends
from balise.plans.models import Plan, PlanKind
from balise.plans.selectors import phenomena_of, phenomenon_side_by_side
from balise.reference.models import Phenomenon


def _readable_municipality(request: HttpRequest, code: str) -> tuple[Organisation, QuerySet[Plan]]:
    """The municipality and the plans the user may read; 404 when they may read none of the
    municipality's or its police zone's plans, so the page does not leak what exists."""
    municipality = get_object_or_404(
        Organisation.objects.select_related("police_zone"), kind=Organisation.Kind.MUNICIPALITY, code=code
    )
    visible = restrict_plans(request.user, Plan.objects.all())
    own_or_zonal = Q(municipality=municipality)
    if municipality.police_zone_id:
        own_or_zonal |= Q(kind=PlanKind.PZS, municipality_id=municipality.police_zone_id)
    if not visible.filter(own_or_zonal).exists():
        raise Http404
    return municipality, visible


@login_required
def municipality_phenomena(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality, visible = _readable_municipality(request, code)
    context = {"municipality": municipality, "phenomena": phenomena_of(visible, municipality)}
    return render(request, "web/plans/phenomena.html", context)


@login_required
def phenomenon_detail(request: AuthenticatedRequest, code: str, phenomenon: str) -> HttpResponse:
    municipality, visible = _readable_municipality(request, code)
    found = get_object_or_404(Phenomenon, code=phenomenon)
    reading = phenomenon_side_by_side(visible, municipality, found)
    places = [pk for pk in (municipality.pk, municipality.police_zone_id) if pk]
    figures = trends(places, [found.pk]).get(found.pk, [])
    return render(request, "web/plans/phenomenon.html", {"reading": reading, "figures": figures})
