"""Importing a document from the browser: upload → report (nothing written) → confirm."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from balise.accounts.rules import can_create_plans, can_edit_plan
from balise.imports.pipeline import parse_file
from balise.imports.registry import layouts
from balise.imports.report import ImportError_, ImportResult
from balise.imports.sources import MAX_BYTES
from balise.plans.actions import PlanConflict, import_plan
from balise.plans.matching import find_municipality
from balise.plans.models import Plan
from balise.web.plans import uploads

ACCEPTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".odt", ".ods", ".xlsx", ".json")


class UploadForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Document"),
        help_text=gettext_lazy("A .txt, .md, .docx, .pdf, .odt, .ods, .xlsx or .json file of at most 50 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )
    strict = forms.BooleanField(
        label=gettext_lazy("Strict: refuse the document if any line cannot be placed"), required=False
    )

    def clean_document(self) -> UploadedFile:
        document = self.cleaned_data["document"]
        if Path(document.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError(
                _("Choose a .txt, .md, .docx, .pdf, .odt, .ods, .xlsx or .json file.")
            )
        if document.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return document


def _refusal(user, result: ImportResult, strict: bool) -> str | None:
    """Why this user may not import this document, if they may not."""
    if strict and result.unplaced:
        return _(
            "%(count)d line(s) could not be placed and “strict” is ticked: nothing was imported. "
            "Upload it again without “strict” to import it anyway."
        ) % {"count": len(result.unplaced)}
    outline = result.outline
    # The rule that decides who may edit the plan decides who may create it.
    probe = Plan(kind=outline.kind, municipality=find_municipality(outline.municipality))
    if not can_edit_plan(user, probe):
        return _(
            "This document is a plan of “%(place)s”: you may only import plans of your own municipality."
        ) % {"place": outline.municipality or _("an unknown municipality")}
    return None


def _form_page(request: HttpRequest, form: UploadForm, error: str = "", status: int = 200) -> HttpResponse:
    return render(request, "web/plans/import.html", {"form": form, "error": error}, status=status)


def _report_page(
    request: HttpRequest,
    upload: uploads.StoredUpload | None,
    result: ImportResult,
    *,
    error: str = "",
    conflict: bool = False,
) -> HttpResponse:
    layout = layouts().get(result.layout)
    context = {
        "upload": upload,
        "result": result,
        "summary": result.summary(),
        "layout_description": getattr(layout, "DESCRIPTION", ""),
        "error": error,
        "conflict": conflict,
    }
    return render(request, "web/plans/import_report.html", context, status=400 if error else 200)


def _allowed(request: HttpRequest) -> None:
    if not can_create_plans(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    if request.method == "GET":
        return _form_page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    upload = uploads.store(request.session, form.cleaned_data["document"], strict=form.cleaned_data["strict"])
    try:
        result = parse_file(upload.path)
    except ImportError_ as exc:
        uploads.discard(request.session, upload.token)
        return _form_page(request, UploadForm(), _("The document cannot be imported: %s") % exc, 400)
    refusal = _refusal(request.user, result, upload.strict)
    if refusal:
        uploads.discard(request.session, upload.token)
        return _report_page(request, None, result, error=refusal)
    return _report_page(request, upload, result)


@login_required
@require_POST
def plan_import_confirm(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    upload = uploads.find(request.session, request.POST.get("token", ""))
    if upload is None:
        message = _("This upload is no longer available: upload the document again.")
        return _form_page(request, UploadForm(), message, 400)
    try:
        result = parse_file(upload.path)  # the same file parses the same: what the report showed
    except ImportError_ as exc:
        uploads.discard(request.session, upload.token)
        return _form_page(request, UploadForm(), _("The document cannot be imported: %s") % exc, 400)
    refusal = _refusal(request.user, result, upload.strict)
    if refusal:
        uploads.discard(request.session, upload.token)
        return _report_page(request, None, result, error=refusal)
    try:
        outcome = import_plan(
            result.outline,
            source_name=upload.name,
            layout=result.layout,
            replace=request.POST.get("replace") == "on",
        )
    except PlanConflict:
        # Kept: the user may confirm again, as a new version of the existing plan.
        message = _(
            "A plan with this title already exists for this municipality and period. Tick “store as "
            "a new version” to replace it with this document, keeping the previous version."
        )
        return _report_page(request, upload, result, error=message, conflict=True)
    uploads.discard(request.session, upload.token)
    if not outcome.created:
        messages.info(request, _("This document was already imported: nothing changed."))
    elif outcome.plan.version > 1:
        messages.success(request, _("Imported as version %(n)d of the plan.") % {"n": outcome.plan.version})
    else:
        messages.success(request, _("Plan imported."))
    return redirect("plan-detail", plan_id=outcome.plan.pk)
