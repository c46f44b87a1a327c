"""Attaching a plan's translation from the browser: a document of the same plan in another
language (a Brussels plan's Dutch version), read and matched node by node to the stored plan
(`balise.plans.translation.attach_translation`); refused as a whole, with the place where the
two documents differ, when they do not match."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from balise import errors
from balise.accounts.models import LANGUAGE_CHOICES
from balise.drafts import files
from balise.imports.pipeline import parse_file
from balise.plans.access import plan_for
from balise.plans.models import Plan
from balise.plans.translation import attach_translation
from balise.web.plans.import_views import DocumentForm

TEMPLATE = "web/plans/translation.html"
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
# The same names inside a sentence (“written in French” is “rédigé en français”).
IN_SENTENCE = {
    "fr": pgettext_lazy("language name within a sentence", "French"),
    "nl": pgettext_lazy("language name within a sentence", "Dutch"),
    "de": pgettext_lazy("language name within a sentence", "German"),
}


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
            document = parse_file(path).outline
        attached = attach_translation(request.user, plan.pk, document, source_name=path.name)
    except errors.Invalid as refused:
        for _field, message in refused.by_field():
            form.add_error("document", message)
        return _page(request, plan, form, status=422)
    messages.success(
        request,
        _("%(language)s translation attached: %(n)d texts.")
        % {"language": LANGUAGE_NAMES.get(attached.language, attached.language), "n": attached.texts},
    )
    return redirect("plan-detail", plan.pk)
