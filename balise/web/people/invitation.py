"""The page an invitation's link opens: the invitee sets a password (new account), accepts into
the account they are logged in to, or signs in through single sign-on."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from balise.accounts.invitations import accept, invitation_for_token
from balise.accounts.sso import INVITATION_SESSION_KEY, sso_enabled
from balise.errors import BaliseError


class NewAccountForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150)
    password1 = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=gettext_lazy("Password again"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                validate_password(first, User(username=self.email, email=self.email))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_for_token(token)
    except BaliseError as invalid:
        return render(request, "web/people/invitation_invalid.html", {"reason": str(invalid)}, status=410)
    user = request.user if isinstance(request.user, User) else None
    form = NewAccountForm(
        request.POST if request.method == "POST" and user is None else None, email=invitation.email
    )
    error = ""
    if request.method == "POST":
        if request.POST.get("sso") and sso_enabled():
            request.session[INVITATION_SESSION_KEY] = token
            return redirect(reverse("sso-start"))
        if user is not None or form.is_valid():
            try:
                membership = accept(
                    invitation.pk,
                    user,
                    password=form.cleaned_data.get("password1", "") if user is None else "",
                    first_name=form.cleaned_data.get("first_name", "") if user is None else "",
                    last_name=form.cleaned_data.get("last_name", "") if user is None else "",
                )
            except BaliseError as refusal:
                error = str(refusal)
            else:
                if user is None:
                    login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request,
                    _("Welcome: you are now %(role)s of %(organisation)s.")
                    % {"role": membership.get_role_display(), "organisation": membership.organisation},
                )
                return redirect("home")
    context = {"invitation": invitation, "form": form, "sso": sso_enabled(), "account": user, "error": error}
    return render(request, "web/people/invitation.html", context)
