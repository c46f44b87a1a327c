"""A person's own preferences (the language Balise writes to them in), and the language buttons
of every page, which also remember the choice for the e-mails."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from balise.accounts.models import LANGUAGE_CHOICES, Preferences
from balise.accounts.preferences import language_of, remember_language
from balise.accounts.users import AuthenticatedRequest


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=Preferences._meta.get_field("language").verbose_name,
        choices=LANGUAGE_CHOICES,
        help_text=Preferences._meta.get_field("language").help_text,
    )


@login_required
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, initial={"language": language_of(request.user)})
    if request.method == "POST" and form.is_valid():
        remember_language(request.user, form.cleaned_data["language"])
        messages.success(request, _("Your preferences are saved."))
        return redirect("preferences")
    return render(request, "web/preferences.html", {"form": form})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; a signed-in person's choice is also kept for their e-mails."""
    response = i18n.set_language(request)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        remember_language(user, request.POST.get("language", ""))
    return response
