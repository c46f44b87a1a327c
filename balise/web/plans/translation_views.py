"""Attaching a plan's translation from the browser: a document of the same plan in another
language (a Brussels plan's Dutch version). The upload becomes an import draft for that plan, read
like any import (by a worker when large, `balise.drafts.jobs`) and reviewed; the review step
attaches it, matched node by node to the stored plan (`balise.drafts.actions.attach_draft`), or
refuses it as a whole with the file and the place where the two documents differ."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from balise.accounts.models import LANGUAGE_CHOICES
from balise.drafts import files
from balise.drafts.actions import NotAPlan, create_draft
from balise.plans.access import plan_for
from balise.plans.models import Plan
from balise.web.plans.import_views import IN_SENTENCE, DocumentForm

TEMPLATE = "web/plans/translation.html"
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


class TranslationForm(DocumentForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].label = gettext_lazy("The plan's document in another language")


def _page(request: HttpRequest, plan: Plan, form: TranslationForm, status: int = 200) -> HttpResponse:
    translated = [
        {"language": LANGUAGE_NAMES.get(code, code), "source": values.get("source", "")}
        for code, values in sorted((plan.translations or {}).items())
    ]
    context = {
        "plan": plan,
        "form": form,
        "written_in": IN_SENTENCE.get(plan.language, plan.language),
        "translated": translated,
    }
    return render(request, TEMPLATE, context, status=status)


@login_required
def plan_translation(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_id, edit=True, content_only=True)
    if request.method != "POST":
        return _page(request, plan, TranslationForm())
    form = TranslationForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, plan, form, status=422)
    upload = form.cleaned_data["document"]
    try:
        with files.on_disk(upload) as path:
            draft = create_draft(request.user, path, name=Path(upload.name).name, translation_of=plan)
    except NotAPlan as refused:
        form.add_error("document", refused.message)
        return _page(request, plan, form, status=422)
    return redirect("plan-import-review", draft_id=draft.pk)
