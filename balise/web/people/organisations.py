"""Balise's administrators create organisations from Balise's own pages (a new municipality, a
police zone, an association funded by the region…), then invite its first members."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms.models import construct_instance
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balise.accounts.actions import create_organisation
from balise.accounts.models import Organisation
from balise.accounts.rules import is_administrator
from balise.errors import Invalid
from balise.formfields import field_of
from balise.web.people.views import acting_user


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ("kind", "code", "name_fr", "name_nl", "name_de", "region", "police_zone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, kind in (
            ("region", Organisation.Kind.REGION),
            ("police_zone", Organisation.Kind.POLICE_ZONE),
        ):
            linkable = Organisation.objects.filter(kind=kind).order_by("name_fr")
            field_of(self, name, forms.ModelChoiceField).queryset = linkable

    def _post_clean(self) -> None:
        """Only builds the organisation from the fields: `create_organisation` validates it
        (the model's rules, and the code's uniqueness with a message that says what it is)."""
        self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)


@login_required
@require_http_methods(["GET", "POST"])
def new_organisation(request: HttpRequest) -> HttpResponse:
    if not is_administrator(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = create_organisation(acting_user(request), form.instance)
        except Invalid as error:
            for field, message in error.by_field():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request,
                _("%(name)s was created: invite its first members.") % {"name": organisation.name},
            )
            return redirect("people-members", organisation.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "web/people/organisation_new.html", {"form": form}, status=status)
