"""Balise's own pages for administrators of people: the access requests of people who signed in
through single sign-on without a role, the organisations (organisations.py) and each
organisation's members (members.py). Editors reach the organisations they invite into."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balise.accounts.actions import grant_access
from balise.accounts.administration import (
    administered_organisations,
    administers_any,
    invites_any,
    inviting_organisations,
)
from balise.accounts.onboarding import AccessRequest
from balise.accounts.rules import is_administrator
from balise.errors import BaliseError, Invalid
from balise.web.people.forms import GrantForm


def acting_user(request: HttpRequest) -> User:
    """The logged-in user (the views are behind login_required)."""
    assert isinstance(request.user, User)
    return request.user


def _check_administrator(request: HttpRequest) -> None:
    if not administers_any(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def access_requests(request: HttpRequest) -> HttpResponse:
    _check_administrator(request)
    organisations = list(administered_organisations(request.user))
    forms = {}
    waiting = list(AccessRequest.objects.filter(granted_at=None))
    for item in waiting:
        bound = request.method == "POST" and request.POST.get("access_request") == str(item.pk)
        forms[item.pk] = GrantForm(
            request.POST if bound else None, organisations=organisations, prefix=f"r{item.pk}"
        )
    if request.method == "POST":
        pk = request.POST.get("access_request", "")
        form = forms.get(int(pk)) if pk.isdigit() else None
        if form is None:
            messages.error(request, _("This access request no longer waits for an answer."))
            return redirect("people-access-requests")
        if form.is_valid():
            try:
                membership = grant_access(
                    acting_user(request),
                    int(pk),
                    form.cleaned_data["organisation"],
                    form.cleaned_data["role"],
                )
            except Invalid as error:
                for field, message in error.by_field():
                    form.add_error(field if field in form.fields else None, message)
            except BaliseError as error:
                messages.error(request, str(error))
                return redirect("people-access-requests")
            else:
                messages.success(
                    request,
                    _("%(person)s is now %(role)s of %(organisation)s and can sign in.")
                    % {
                        "person": membership.user.email or membership.user.get_username(),
                        "role": membership.get_role_display(),
                        "organisation": membership.organisation,
                    },
                )
                return redirect("people-access-requests")
    rows = [(item, forms[item.pk]) for item in waiting]
    return render(request, "web/people/access_requests.html", {"rows": rows})


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The organisations the user administers or invites into (searchable: Balise's
    administrators see all)."""
    if not invites_any(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    organisations = inviting_organisations(request.user)
    if query:
        organisations = organisations.filter(
            Q(name_fr__icontains=query)
            | Q(name_nl__icontains=query)
            | Q(name_de__icontains=query)
            | Q(code=query)
        )
    administrator = administers_any(request.user)
    listed = list(organisations[:101])
    context = {
        "organisations": listed[:100],
        "more": len(listed) > 100,
        "query": query,
        "administrator": administrator,
        "creates": is_administrator(request.user),
        "waiting": AccessRequest.objects.filter(granted_at=None).count() if administrator else 0,
    }
    return render(request, "web/people/index.html", context)
