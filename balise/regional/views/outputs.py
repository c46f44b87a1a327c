"""A project's outputs: what it reports (coordinators define), the figures of a year (the
partner enters and submits, the coordinator approves or returns), the files of evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balise import errors
from balise.accounts.users import AuthenticatedRequest
from balise.regional import evidence as files
from balise.regional import forms, output_actions, selectors
from balise.regional.models import OutputDefinition, OutputEvidence, OutputReport, Project, RegionalPlan
from balise.regional.rules import Scope, updates_outputs
from balise.regional.views.common import project_for


def _year(project: Project, year: int) -> None:
    if not project.year_start <= year <= project.year_end:
        raise Http404


def _add_errors(form: Form, error: errors.Invalid) -> None:
    for field, message in error.by_field():
        name = field.replace("values.", "value_") if field.startswith("values.") else field
        form.add_error(name if name in form.fields else None, message)


@login_required
def definitions(request: AuthenticatedRequest, regional_id: int, project_id: int) -> HttpResponse:
    """The outputs a project reports every year; the coordinators add them here."""
    regional, scope, project = project_for(request.user, regional_id, project_id)
    if not scope.edits:
        raise PermissionDenied
    form = forms.OutputDefinitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            output_actions.define_output(
                project, data["label"], request.user, unit=data["unit"], yearly_target=data["yearly_target"]
            )
        except errors.Invalid as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Output added."))
            return redirect("regional-output-definitions", regional.pk, project.pk)
    context = {
        "regional": regional,
        "project": project,
        "definitions": OutputDefinition.objects.filter(project=project),
        "form": form,
    }
    return render(request, "regional/output_definitions.html", context, status=422 if form.errors else 200)


@login_required
def definition(
    request: AuthenticatedRequest, regional_id: int, project_id: int, definition_id: int
) -> HttpResponse:
    regional, scope, project = project_for(request.user, regional_id, project_id)
    if not scope.edits:
        raise PermissionDenied
    item = get_object_or_404(OutputDefinition, pk=definition_id, project=project)
    initial = {"label": item.label, "unit": item.unit, "yearly_target": item.yearly_target or ""}
    form = forms.OutputDefinitionForm(request.POST or None, initial=initial)
    refused = ""
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            output_actions.remove_output(item, request.user)
        except errors.Refused as error:
            refused = str(error)
            form = forms.OutputDefinitionForm(initial=initial)
        else:
            messages.success(request, _("Output removed."))
            return redirect("regional-output-definitions", regional.pk, project.pk)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            output_actions.change_output(
                item,
                request.user,
                label=data["label"],
                unit=data["unit"],
                yearly_target=data["yearly_target"],
            )
        except errors.Invalid as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Output saved."))
            return redirect("regional-output-definitions", regional.pk, project.pk)
    context = {"regional": regional, "project": project, "item": item, "form": form, "refused": refused}
    status = 422 if form.errors else (409 if refused else 200)
    return render(request, "regional/output_definition.html", context, status=status)


@login_required
def year_outputs(request: AuthenticatedRequest, regional_id: int, project_id: int, year: int) -> HttpResponse:
    """The figures of a year: entered, submitted, approved or returned here."""
    regional, scope, project = project_for(request.user, regional_id, project_id)
    if not updates_outputs(scope, project):
        raise PermissionDenied
    _year(project, year)
    outputs = selectors.project_outputs(project, year)
    current = outputs.year(year)
    initial = {
        "narrative": current.narrative,
        "revision": current.revision,
        **{f"value_{r.definition.pk}": r.value if r.value is not None else "" for r in current.rows},
    }
    form = forms.YearOutputsForm(
        outputs.definitions, request.POST or None, request.FILES or None, initial=initial
    )
    refused = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            output_actions.report_outputs(
                project,
                year,
                form.values(),
                form.cleaned_data["narrative"],
                request.user,
                uploads=[upload] if upload else [],
                submit=request.POST.get("action") == "submit",
                expected_revision=form.cleaned_data["revision"],
            )
        except errors.Invalid as error:
            _add_errors(form, error)
        except errors.Refused as error:
            refused = str(error)
        else:
            submitted = request.POST.get("action") == "submit"
            messages.success(
                request, _("Outputs submitted for approval.") if submitted else _("Outputs saved.")
            )
            return redirect("regional-outputs", regional.pk, project.pk, year)
    return _year_page(request, regional, scope, project, current, form, refused=refused)


def _year_page(
    request: AuthenticatedRequest,
    regional: RegionalPlan,
    scope: Scope,
    project: Project,
    current: selectors.YearOutputs,
    form: forms.YearOutputsForm | None,
    *,
    refused: str = "",
    return_form: forms.ReturnForm | None = None,
) -> HttpResponse:
    context = {
        "regional": regional,
        "project": project,
        "year": current.year,
        "outputs": current,
        "form": form if current.is_open else None,
        "may_review": scope.edits and current.state == OutputReport.State.SUBMITTED,
        "return_form": return_form or forms.ReturnForm(),
        "refused": refused,
        "max_mb": files.max_bytes() // (1024 * 1024),
    }
    invalid = (form is not None and form.errors) or (return_form is not None and return_form.errors)
    status = 422 if invalid else (409 if refused else 200)
    return render(request, "regional/outputs_year.html", context, status=status)


@login_required
@require_POST
def review(request: AuthenticatedRequest, regional_id: int, project_id: int, year: int) -> HttpResponse:
    """The coordinator approves the submitted figures, or returns them with a comment."""
    regional, scope, project = project_for(request.user, regional_id, project_id)
    if not scope.edits:
        raise PermissionDenied
    _year(project, year)
    report = get_object_or_404(OutputReport, project=project, year=year)
    return_form = forms.ReturnForm(request.POST) if request.POST.get("action") == "return" else None
    refused = ""
    try:
        if return_form is None:
            output_actions.approve_outputs(report, request.user)
            messages.success(request, _("Outputs approved: they now count in the coverage and the report."))
            return redirect("regional-outputs", regional.pk, project.pk, year)
        if return_form.is_valid():
            output_actions.return_outputs(report, request.user, return_form.cleaned_data["comment"])
            messages.success(request, _("Outputs returned to the partner."))
            return redirect("regional-outputs", regional.pk, project.pk, year)
    except errors.Invalid as error:
        if return_form is None:
            raise
        _add_errors(return_form, error)
    except errors.Refused as error:
        refused = str(error)
    current = selectors.project_outputs(project, year).year(year)
    return _year_page(
        request, regional, scope, project, current, None, refused=refused, return_form=return_form
    )


def _evidence(
    request: AuthenticatedRequest, regional_id: int, project_id: int, year: int, evidence_id: int
) -> tuple[RegionalPlan, Scope, Project, OutputEvidence]:
    regional, scope, project = project_for(request.user, regional_id, project_id)
    item = get_object_or_404(
        OutputEvidence.objects.select_related("report__project"),
        pk=evidence_id,
        report__project=project,
        report__year=year,
    )
    return regional, scope, project, item


@login_required
def evidence_file(
    request: AuthenticatedRequest, regional_id: int, project_id: int, year: int, evidence_id: int
) -> FileResponse:
    """The file, as an attachment of the type its first bytes were checked against; for those who
    handle the project's outputs (its partner, the coordinators), not every reader of the region."""
    _regional, scope, project, item = _evidence(request, regional_id, project_id, year, evidence_id)
    if not updates_outputs(scope, project):
        raise PermissionDenied
    try:
        handle = files.open_path(item.path).open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=item.name, content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def remove_evidence(
    request: AuthenticatedRequest, regional_id: int, project_id: int, year: int, evidence_id: int
) -> HttpResponse:
    regional, scope, project, item = _evidence(request, regional_id, project_id, year, evidence_id)
    if not updates_outputs(scope, project):
        raise PermissionDenied
    output_actions.remove_evidence(item, request.user)  # a locked year: the refusal middleware answers
    messages.success(request, _("File removed."))
    return redirect("regional-outputs", regional.pk, project.pk, year)
