from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balise.formfields import field_of
from balise.web.audit.selectors import SYSTEM, HistoryFilter
from balise.web.audit.sources import SOURCES


class HistoryFilterForm(forms.Form):
    person = forms.CharField(label=_("Person"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    kind = forms.ChoiceField(label=_("Kind of item"), required=False)
    node = forms.CharField(
        label=_("Item"), required=False, help_text=_("the identity (key) or number of one item")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "kind", forms.ChoiceField).choices = [("", _("all"))] + [
            (kind, source.label) for kind, source in SOURCES.items()
        ]

    def clean_person(self) -> str | None:
        value = self.cleaned_data["person"].strip()
        if value and value != SYSTEM and not value.isdigit():
            raise forms.ValidationError(_("Unknown person."))
        return value or None

    def clean_node(self) -> uuid.UUID | int | None:
        value = self.cleaned_data["node"].strip()
        if not value:
            return None
        if value.isdigit():
            return int(value)
        try:
            return uuid.UUID(value)
        except ValueError:
            raise forms.ValidationError(_("Give the identity (key) or the number of an item.")) from None

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data

    def filters(self) -> HistoryFilter:
        """The valid filters (an invalid one is reported on the form and ignored)."""
        self.is_valid()
        data = self.cleaned_data
        return HistoryFilter(
            person=data.get("person"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            kind=data.get("kind") or None,
            node=data.get("node"),
        )
