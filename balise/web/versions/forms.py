from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balise import clock
from balise.formfields import field_of
from balise.plans.models import Plan


class SignForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"signed_on": clock.today()})
        super().__init__(*args, **kwargs)


class CompareForm(forms.Form):
    """The two versions to compare, chosen among ``versions`` (plans of one lineage)."""

    a = forms.TypedChoiceField(label=_("Old version"), coerce=int)
    b = forms.TypedChoiceField(label=_("New version"), coerce=int)

    def __init__(self, *args: Any, versions: Iterable[Plan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (
                p.pk,
                _("version %(version)s (%(status)s)")
                % {"version": p.version, "status": p.get_status_display()},
            )
            for p in versions
        ]
        field_of(self, "a", forms.TypedChoiceField).choices = choices
        field_of(self, "b", forms.TypedChoiceField).choices = choices
