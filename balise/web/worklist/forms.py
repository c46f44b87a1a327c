"""The worklist's filters (GET parameters, so that a filtered worklist can be shared)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from balise.accounts.models import Organisation
from balise.formfields import field_of
from balise.monitoring.models import ColourCode, Evaluation
from balise.reference.models import Phenomenon
from balise.web.worklist.selectors import Filters


class WorklistForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Organisation.objects.filter(kind=Organisation.Kind.REGION),
        empty_label=_("All regions"),
    )
    phenomenon = forms.ModelChoiceField(
        label=_("Phenomenon"),
        required=False,
        queryset=Phenomenon.objects.all(),
        empty_label=_("Any phenomenon"),
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any state")), *Evaluation.State.choices]
    )
    colour = forms.ModelChoiceField(
        label=_("Colour"),
        required=False,
        queryset=ColourCode.objects.all(),
        to_field_name="code",
        empty_label=_("Any colour"),
    )

    def __init__(self, data: QueryDict, today: date) -> None:
        super().__init__(data, label_suffix="")
        self.today = today
        last = today.year
        field_of(self, "year", forms.ChoiceField).choices = [
            ("", _("The last two years")),
            *[(y, str(y)) for y in range(last, last - 6, -1)],
        ]

    def filters(self) -> Filters:
        self.is_valid()  # an invalid parameter is ignored, the others still apply
        data = self.cleaned_data
        year = data.get("year")
        years = (year,) if year else (self.today.year - 1, self.today.year - 2)
        return Filters(
            years=years,
            region=data["region"].pk if data.get("region") else None,
            phenomenon=data["phenomenon"].pk if data.get("phenomenon") else None,
            state=data.get("state") or "",
            colour=data["colour"].code if data.get("colour") else "",
        )
