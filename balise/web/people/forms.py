from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balise.accounts.models import Organisation
from balise.accounts.roles import Role
from balise.formfields import field_of


class GrantForm(forms.Form):
    """Gives a waiting person a role in one of ``organisations``: a list read once for every form
    of the page (a model choice field would query it again for each waiting person)."""

    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {organisation.pk: organisation for organisation in organisations}
        choices = [(pk, str(organisation)) for pk, organisation in self.organisations.items()]
        field_of(self, "organisation", forms.TypedChoiceField).choices = [("", "---------"), *choices]

    def clean_organisation(self) -> Organisation:
        return self.organisations[self.cleaned_data["organisation"]]
