"""The page where a user manages their personal API tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from balise.accounts.tokens import ApiToken, issue_token, revoke_token
from balise.accounts.users import AuthenticatedRequest


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. “monthly export script”."),
    )


@never_cache  # the response may hold a new secret: keep it out of every cache
@login_required
def tokens(request: AuthenticatedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        # The secret is rendered in this response only (never stored, never put in the session).
        _token, secret = issue_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    context = {
        "tokens": ApiToken.objects.filter(user=request.user),
        "form": form,
        "secret": secret,
    }
    return render(request, "web/tokens/list.html", context)


@login_required
@require_POST
def revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    if not revoke_token(request.user, token_id):
        raise Http404
    messages.success(request, _("The token was revoked: it no longer gives access."))
    return redirect("api-tokens")
