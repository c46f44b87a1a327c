"""Importing a document from the browser: upload → review (nothing written) → confirm or cancel.

Every upload becomes an import draft (`balise.drafts`); the review page shows its source beside
the outline built from it, and each correction rebuilds both (an htmx partial, or the whole page
without JavaScript)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from balise import errors
from balise.accounts.models import LANGUAGE_CHOICES, Organisation
from balise.drafts import files
from balise.drafts.actions import (
    Correction,
    DraftChanged,
    LooksLikeTranslation,
    NotAPlan,
    NotReady,
    attach_draft,
    confirm_draft,
    correct_draft,
    create_draft,
    discard_draft,
    draft_for,
    offered_translations,
)
from balise.drafts.models import ImportDraft
from balise.drafts.review import CHOICES, FATE_LABELS, ROLE_LABELS, review_of
from balise.drafts.rules import editable_municipalities, may_import, visible_drafts
from balise.imports.recognise.vocabulary import Role
from balise.imports.sources import MAX_BYTES
from balise.plans.actions import PlanConflict
from balise.plans.models import PlanKind
from balise.web.plans.responses import is_htmx

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
# The same names inside a sentence (“written in French” is “rédigé en français”).
IN_SENTENCE = {
    "fr": pgettext_lazy("language name within a sentence", "French"),
    "nl": pgettext_lazy("language name within a sentence", "Dutch"),
    "de": pgettext_lazy("language name within a sentence", "German"),
}
ACCEPTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".odt", ".ods", ".xlsx", ".json")


class DocumentForm(forms.Form):
    """One plan document to read: the accepted kinds of file, at most 50 MB."""

    document = forms.FileField(
        label=gettext_lazy("Document"),
        help_text=gettext_lazy("A .txt, .md, .docx, .pdf, .odt, .ods, .xlsx or .json file of at most 50 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )

    def clean_document(self) -> UploadedFile[bytes]:
        document = self.cleaned_data["document"]
        if Path(document.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError(
                _("Choose a .txt, .md, .docx, .pdf, .odt, .ods, .xlsx or .json file.")
            )
        if document.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return document


class UploadForm(DocumentForm):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("The one the document names"),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("As the document says")), *PlanKind.choices],
        required=False,
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = editable_municipalities(user)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = own
        self.only = own.first() if own.count() == 1 else None
        if self.only is not None:  # an editor of one municipality imports for it
            field.empty_label = None
            field.initial = self.only

    def clean_municipality(self) -> Organisation | None:
        return self.cleaned_data.get("municipality") or self.only


def _missing_is_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A draft that does not exist (or no longer does) is a 404 page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except errors.NotFound as exc:
            raise Http404(str(exc)) from None

    return wrapped


def _allowed(request: HttpRequest) -> None:
    if not may_import(request.user):
        raise PermissionDenied


def _form_page(request: HttpRequest, form: UploadForm, error: str = "", status: int = 200) -> HttpResponse:
    drafts = visible_drafts(request.user).select_related("municipality")[:20]
    context = {"form": form, "error": error, "drafts": drafts}
    return render(request, "web/plans/import.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    if request.method == "GET":
        return _form_page(request, UploadForm(request.user))
    form = UploadForm(request.user, request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    upload = form.cleaned_data["document"]
    try:
        with files.on_disk(upload) as path:
            draft = create_draft(
                request.user,
                path,
                name=Path(upload.name).name,
                municipality=form.cleaned_data["municipality"],
                kind=form.cleaned_data["kind"],
            )
    except NotAPlan as exc:
        return _form_page(
            request, UploadForm(request.user), _("The document cannot be imported: %s") % exc.message, 400
        )
    return redirect("plan-import-review", draft_id=draft.pk)


def _review_page(
    request: HttpRequest, draft_id: int, *, error: str = "", conflict: bool = False, status: int = 200
) -> HttpResponse:
    draft = draft_for(request.user, draft_id)
    if draft.state != ImportDraft.State.READY:
        template = "web/plans/_reading.html" if is_htmx(request) else "web/plans/import_review.html"
        return render(request, template, {"draft": draft, "reading": True}, status=status)
    review = review_of(draft)
    offers = offered_translations(draft, review)
    context = {
        "draft": draft,
        "review": review,
        "offers": [(plan, IN_SENTENCE.get(plan.language, plan.language)) for plan in offers],
        "counts": review.outline.counts(),
        "fates": review.counts(),
        "choices": [(role.value, ROLE_LABELS[role]) for role in CHOICES],
        "role_labels": {role.value: label for role, label in ROLE_LABELS.items()},
        "fate_labels": FATE_LABELS,
        "kinds": PlanKind.choices,
        "error": error,
        "conflict": conflict,
    }
    template = "web/plans/_review.html" if is_htmx(request) else "web/plans/import_review.html"
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET"])
@_missing_is_404
def plan_import_review(request: HttpRequest, draft_id: int) -> HttpResponse:
    return _review_page(request, draft_id)


def _correction(request: HttpRequest, draft_id: int) -> Correction:
    """The correction a review form sends; ``errors.Invalid`` by field when it makes no sense."""
    post = request.POST
    action = post.get("action", "role")
    unit = post.get("unit", "")
    if action == "role":
        value = post.get("role", "")
        if value and value not in {r.value for r in CHOICES}:
            raise errors.Invalid({"role": [_("This role cannot be given here.")]})
        return Correction(roles={unit: Role(value) if value else None})
    if action == "join":
        return Correction(join=[unit, post.get("with", "")])
    if action == "unjoin":
        return Correction(unjoin=unit)
    if action == "split":
        before = post.get("before", "").strip()
        unit_block = review_of(draft_for(request.user, draft_id)).document.unit(unit)
        offset = unit_block.text.find(before) if unit_block is not None and before else -1
        if offset <= 0:
            raise errors.Invalid(
                {"before": [_("Type words of this item, not its first ones, to cut before them.")]}
            )
        return Correction(split=(unit, offset))
    if action == "unsplit":
        return Correction(unsplit=unit)
    if action == "kind":
        return Correction(kind=post.get("kind", ""))
    if action in ("reset", "generic"):
        return Correction(reset=True)
    raise errors.Invalid({"action": [_("Unknown correction.")]})


@login_required
@require_POST
@_missing_is_404
def plan_import_correct(request: HttpRequest, draft_id: int) -> HttpResponse:
    try:
        revision = int(request.POST["revision"]) if request.POST.get("revision") else None
        correct_draft(draft_id, request.user, _correction(request, draft_id), revision)
    except (DraftChanged, NotReady) as exc:
        return _review_page(request, draft_id, error=str(exc), status=409)
    except errors.Invalid as exc:
        message = " ".join(msg for _field, msg in exc.by_field())
        return _review_page(request, draft_id, error=message, status=422)
    if is_htmx(request):
        return _review_page(request, draft_id)
    return redirect("plan-import-review", draft_id=draft_id)


@login_required
@require_POST
@_missing_is_404
def plan_import_confirm(request: HttpRequest, draft_id: int) -> HttpResponse:
    try:
        outcome = confirm_draft(
            draft_id,
            request.user,
            replace=request.POST.get("replace") == "on",
            not_a_translation=request.POST.get("not_a_translation") == "on",
        )
    except LooksLikeTranslation as exc:
        return _review_page(request, draft_id, error=str(exc), status=409)
    except PlanConflict:
        message = _(
            "A plan with this title already exists for this municipality and period. Tick “store as "
            "a new version” to replace it with this document, keeping the previous version."
        )
        return _review_page(request, draft_id, error=message, conflict=True, status=409)
    except errors.Refused as exc:
        return _review_page(request, draft_id, error=str(exc), status=409)
    if not outcome.created:
        messages.info(request, _("This document was already imported: nothing changed."))
    elif outcome.plan.version > 1:
        messages.success(request, _("Imported as version %(n)d of the plan.") % {"n": outcome.plan.version})
    else:
        messages.success(request, _("Plan imported."))
    return redirect("plan-detail", plan_id=outcome.plan.pk)


@login_required
@require_POST
@_missing_is_404
def plan_import_attach(request: HttpRequest, draft_id: int) -> HttpResponse:
    """Keep the reviewed document as the translation of the plan chosen in the review step."""
    try:
        plan_id = int(request.POST.get("plan", ""))
    except ValueError:
        return _review_page(
            request, draft_id, error=_("Choose the plan this document translates."), status=422
        )
    try:
        attached = attach_draft(draft_id, request.user, plan_id)
    except errors.Invalid as exc:
        message = " ".join(msg for _field, msg in exc.by_field())
        return _review_page(request, draft_id, error=message, status=422)
    except errors.Refused as exc:
        return _review_page(request, draft_id, error=str(exc), status=409)
    messages.success(
        request,
        _("%(language)s translation attached: %(n)d texts.")
        % {"language": LANGUAGE_NAMES.get(attached.language, attached.language), "n": attached.texts},
    )
    return redirect("plan-detail", plan_id=attached.plan.pk)


@login_required
@require_POST
@_missing_is_404
def plan_import_discard(request: HttpRequest, draft_id: int) -> HttpResponse:
    discard_draft(draft_id, request.user)
    messages.info(request, _("The import was cancelled: nothing was saved."))
    return redirect("plan-import")
