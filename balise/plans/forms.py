"""Validation of plan content, shared by the web pages and the API (via `balise.plans.editing`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from balise.plans.models import (
    ExpectedResult,
    GeneralObjective,
    Indicator,
    Module,
    OperationalObjective,
    Plan,
    PlanMeasure,
    PlanThematic,
    StrategicObjective,
)


class NonBlankTextMixin:
    """Texts are stripped and must not be blank."""

    text_fields: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        for name in self.text_fields:
            value = data.get(name)
            if isinstance(value, str):
                value = " ".join(value.split())
                data[name] = value
                if not value:
                    self.add_error(name, _("This text cannot be empty."))
        return data


class PlanHeaderForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ("title", "period_start", "period_end", "signed_on", "annual_amount_eur")

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        amount = data.get("annual_amount_eur")
        if amount is not None and amount < 0:
            self.add_error("annual_amount_eur", _("An amount cannot be negative."))
        return data


class ModuleForm(NonBlankTextMixin, forms.ModelForm):
    text_fields = ("title",)

    class Meta:
        model = Module
        fields = ("title", "kind", "description", "phenomenon", "sector")


class GeneralObjectiveForm(NonBlankTextMixin, forms.ModelForm):
    text_fields = ("text",)

    class Meta:
        model = GeneralObjective
        fields = ("text",)


class StrategicObjectiveForm(NonBlankTextMixin, forms.ModelForm):
    text_fields = ("title",)

    class Meta:
        model = StrategicObjective
        fields = ("title", "domain", "catalogue_entry", "pilot")


class OperationalObjectiveForm(NonBlankTextMixin, forms.ModelForm):
    text_fields = ("title",)

    class Meta:
        model = OperationalObjective
        fields = ("title", "approach", "pilot")


class ExpectedResultForm(NonBlankTextMixin, forms.ModelForm):
    text_fields = ("text",)

    class Meta:
        model = ExpectedResult
        fields = ("text",)


class IndicatorForm(NonBlankTextMixin, forms.ModelForm):
    """The target is parsed from the text when saved (see `editing`), never typed separately."""

    text_fields = ("text",)

    class Meta:
        model = Indicator
        fields = ("text", "reference_value")


class ThematicForm(NonBlankTextMixin, forms.ModelForm):
    text_fields = ("title",)

    class Meta:
        model = PlanThematic
        fields = ("number", "title")


class MeasureForm(NonBlankTextMixin, forms.ModelForm):
    text_fields = ("code",)

    class Meta:
        model = PlanMeasure
        fields = ("code", "text")
