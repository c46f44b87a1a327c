"""The annual report page: without ``year`` it offers the evaluated years; with it, the file."""

from __future__ import annotations

from importlib import resources

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template import engines
from django.utils.translation import get_language

from balise.exports.report import FORMATS, LANGUAGES, produce
from balise.exports.report.data import ReportError
from balise.monitoring.models import Evaluation
from balise.plans.access import plan_for

CHOOSER = "templates/report/choose.html"


@login_required
def report(request, plan_id: int):
    plan = plan_for(request.user, plan_id)
    if "year" not in request.GET:
        return _chooser(request, plan)
    year, fmt, lang = request.GET["year"], request.GET.get("format", "pdf"), request.GET.get("lang")
    if not year.isdigit() or fmt not in FORMATS or (lang and lang not in LANGUAGES):
        raise Http404
    try:
        document = produce(plan, int(year), fmt, lang)
    except ReportError as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "private, no-store"  # evaluations change until they are closed
    return response


def _chooser(request, plan) -> HttpResponse:
    # Read from this package, not through INSTALLED_APPS: the page still extends web/base.html.
    text = resources.files("balise.exports.report").joinpath(CHOOSER).read_text(encoding="utf-8")
    current = (get_language() or "")[:2]
    context = {
        "plan": plan,
        "evaluations": list(Evaluation.objects.filter(lineage=plan.lineage).order_by("-year")),
        "language": current if current in LANGUAGES else plan.language,
    }
    return HttpResponse(engines["django"].from_string(text).render(context, request))
