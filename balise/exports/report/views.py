"""The annual report page offers the evaluated years; choosing one (POST) starts the job that
writes the document, and the job's page offers it when ready."""

from __future__ import annotations

from importlib import resources

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.utils.translation import get_language

from balise.accounts.users import AuthenticatedRequest
from balise.domain.periods import plausible_year
from balise.exports.report import FORMATS, LANGUAGES
from balise.jobs.actions import request_job
from balise.jobs.models import Job
from balise.monitoring.models import Evaluation
from balise.plans.access import plan_for
from balise.plans.models import Plan

CHOOSER = "templates/report/choose.html"


@login_required
def report(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id)
    if request.method != "POST":
        return _chooser(request, plan)
    year, fmt, lang = (
        request.POST.get("year", ""),
        request.POST.get("format", "pdf"),
        request.POST.get("lang"),
    )
    known_year = year.isdigit() and plausible_year(int(year))
    if not known_year or fmt not in FORMATS or (lang and lang not in LANGUAGES):
        raise Http404
    if not Evaluation.objects.filter(lineage=plan.lineage, year=int(year)).exists():
        raise Http404
    params = {"year": int(year), "format": fmt, "lang": lang or None}
    job = request_job(request.user, Job.Kind.ANNUAL_REPORT, params, plan=plan)
    return redirect("job", job_id=job.pk)


def _chooser(request: HttpRequest, plan: Plan) -> HttpResponse:
    # Read from this package, not through INSTALLED_APPS: the page still extends web/base.html.
    text = resources.files("balise.exports.report").joinpath(CHOOSER).read_text(encoding="utf-8")
    current = (get_language() or "")[:2]
    context = {
        "plan": plan,
        "evaluations": list(Evaluation.objects.filter(lineage=plan.lineage).order_by("-year")),
        "language": current if current in LANGUAGES else plan.language,
    }
    return HttpResponse(engines["django"].from_string(text).render(context, request))
