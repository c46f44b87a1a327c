"""Validation of plan content, shared by the web pages and the API (via `balise.plans.editing`)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from balise.domain.targets import Period, Target, TargetKind, typed_target
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
from balise.plans.models.tree import COMPARATOR_LABELS, TARGET_KIND_LABELS, TARGET_PER_LABELS

if TYPE_CHECKING:  # the mixin is used with a ModelForm
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class NonBlankTextMixin(_FormBase):
    """Texts are stripped and must not be blank."""

    text_fields: tuple[str, ...] = ()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # (clean returns cleaned_data or None)
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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # (clean returns cleaned_data or None)
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


def _kind_choices() -> list[tuple[str, str | Promise]]:
    return [("", _("no target")), *TARGET_KIND_LABELS]


class TargetForm(forms.Form):
    """The structured target editor: kind, comparator, value (and upper bound of a range), period,
    deadline. Numbers are typed the Belgian way ("7,5"). The indicator's text is not touched."""

    kind = forms.ChoiceField(label=_("Kind"), choices=_kind_choices, required=False)
    comparator = forms.ChoiceField(
        label=_("Comparator"),
        required=False,
        choices=[("", _("at least (plain value)")), *COMPARATOR_LABELS],
    )
    value = forms.CharField(label=_("Value (lower bound of a range)"), required=False, max_length=30)
    upper = forms.CharField(label=_("Upper bound (a range only)"), required=False, max_length=30)
    per = forms.ChoiceField(
        label=_("Per"),
        required=False,
        choices=[("", _("the whole evaluation period")), *TARGET_PER_LABELS],
    )
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def _number(self, name: str) -> Decimal | None:
        text = (self.cleaned_data.get(name) or "").strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise forms.ValidationError(_("Enter a number.")) from None
        if not number.is_finite() or abs(number) >= Decimal("1e12"):
            raise forms.ValidationError(_("Enter a number."))
        return number

    def clean_value(self) -> Decimal | None:
        return self._number("value")

    def clean_upper(self) -> Decimal | None:
        return self._number("upper")

    def target(self, raw: str) -> Target | None:
        """The target the valid form describes (None: no target)."""
        data = self.cleaned_data
        if not data.get("kind"):
            return None
        return typed_target(
            TargetKind(data["kind"]),
            raw,
            comparator=data.get("comparator") or None,
            value=data.get("value"),
            upper=data.get("upper"),
            per=Period(data["per"]) if data.get("per") else None,
            deadline=data.get("deadline"),
        )

    @classmethod
    def initial_of(cls, indicator: Indicator) -> dict[str, object]:
        def text(number: Decimal | None) -> str:
            return "" if number is None else f"{number.normalize():f}".replace(".", ",")

        return {
            "kind": indicator.target_kind,
            "comparator": indicator.target_comparator,
            "value": text(indicator.target_value),
            "upper": text(indicator.target_upper),
            "per": indicator.target_per,
            "deadline": indicator.target_deadline,
        }
