"""Forms of the regional pages; each turns into one call of `balise.regional.actions`."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balise.accounts.models import Organisation
from balise.domain.money import AmountError, format_number, parse_amount, read_amount
from balise.formfields import field_of
from balise.plans.models import PlanMeasure
from balise.regional.actions import ProjectData
from balise.regional.models import OutputDefinition, Partner, PartnerCategory, Project, RegionalPlan
from balise.regional.selectors import measures_of, partners_of

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _year(label: StrOrPromise) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1990, max_value=2100)


class MeasureChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanMeasure) -> str:
        return f"{obj.code} {obj.text[:90]}"


class MeasuresChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: PlanMeasure) -> str:
        return f"{obj.code} {obj.text[:90]}"


class ProjectForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Responsible partner"), queryset=Partner.objects.none())
    title = forms.CharField(label=_("Title"), max_length=500)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    year_start = _year(_("First year"))
    year_end = _year(_("Last year"))
    primary = MeasureChoice(label=_("Primary measure"), queryset=PlanMeasure.objects.none())
    secondary = MeasuresChoice(
        label=_("Secondary measures"),
        queryset=PlanMeasure.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(
        self, regional_plan: RegionalPlan, *args: Any, project: Project | None = None, **kwargs: Any
    ) -> None:
        if project is not None and "initial" not in kwargs:
            links = list(project.measure_links.all())
            kwargs["initial"] = {
                "partner": project.partner_id,
                "title": project.title,
                "description": project.description,
                "year_start": project.year_start,
                "year_end": project.year_end,
                "primary": next((x.measure_id for x in links if x.primary), None),
                "secondary": [x.measure_id for x in links if not x.primary],
            }
        super().__init__(*args, **kwargs)
        measures = measures_of(regional_plan).select_related("thematic").order_by("thematic__number", "order")
        field_of(self, "partner", forms.ModelChoiceField).queryset = partners_of(regional_plan)
        field_of(self, "primary", forms.ModelChoiceField).queryset = measures
        field_of(self, "secondary", forms.ModelChoiceField).queryset = measures

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("year_start"), data.get("year_end")
        if start and end and end < start:
            self.add_error("year_end", _("The last year comes before the first year."))
        return data

    def project_data(self) -> ProjectData:
        data = self.cleaned_data
        return ProjectData(
            partner=data["partner"],
            title=data["title"],
            description=data["description"],
            year_start=data["year_start"],
            year_end=data["year_end"],
            primary=data["primary"],
            secondary=[m for m in data["secondary"] if m != data["primary"]],
        )


def _amount(value: str, required: bool = False) -> Decimal | None:
    if not (value or "").strip():
        if required:
            raise forms.ValidationError(_("Enter a number."))
        return None
    number = parse_amount(value)
    if number is None or number < 0:
        raise forms.ValidationError(_("Enter a number of 0 or more, e.g. 1 250 or 12,5."))
    return number


class OutputDefinitionForm(forms.Form):
    label = forms.CharField(label=_("Output"), max_length=300, help_text=_("e.g. techno-preventive visits"))
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False, help_text=_("e.g. visits, hours"))
    yearly_target = forms.CharField(label=_("Yearly target"), max_length=30, required=False)

    def clean_yearly_target(self) -> Decimal | None:
        return _amount(self.cleaned_data["yearly_target"])


class YearOutputsForm(forms.Form):
    """One figure per output definition, the narrative, a file of evidence."""

    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was done this year, and anything the figures do not say."),
    )
    file = forms.FileField(
        label=_("Evidence (a file)"),
        required=False,
        help_text=_("PDF, image, Word, Excel or OpenDocument file."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, definitions: Iterable[OutputDefinition], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.definitions = list(definitions)
        fields = {}
        for d in self.definitions:
            label = f"{d.label} ({d.unit})" if d.unit else d.label
            help_text = (
                _("Yearly target: %(target)s") % {"target": format_number(d.yearly_target)}
                if d.yearly_target is not None
                else ""
            )
            fields[f"value_{d.pk}"] = forms.CharField(
                label=label,
                required=False,
                max_length=30,
                help_text=help_text,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        # The figures come first, in the order of the definitions.
        self.fields = {**fields, **self.fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for d in self.definitions:
            name = f"value_{d.pk}"
            if name in data:
                try:
                    data[name] = _amount(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def values(self) -> dict[int, Decimal | None]:
        return {d.pk: self.cleaned_data.get(f"value_{d.pk}") for d in self.definitions}

    def value_fields(self) -> list[forms.BoundField]:
        return [self[f"value_{d.pk}"] for d in self.definitions]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the partner"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    category = forms.ChoiceField(label=_("Category"), choices=PartnerCategory.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation of its users"),
        queryset=Organisation.objects.exclude(kind__in=["region", "federal"]),
        required=False,
        help_text=_("Members of this organisation with the partner role update the outputs of its projects."),
    )

    def __init__(self, regional_plan: RegionalPlan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regional_plan = regional_plan

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if partners_of(self.regional_plan).filter(name__iexact=name).exists():
            raise forms.ValidationError(_("This region already has a partner of that name."))
        return name


class SubsidyForm(forms.Form):
    year = _year(_("Year"))
    amount = forms.CharField(label=_("Amount (EUR)"), max_length=30)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300, required=False)
    call = forms.CharField(label=_("Call for projects"), max_length=200, required=False)
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False)

    def __init__(self, partner: Partner, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "project", forms.ModelChoiceField).queryset = partner.projects.all()

    def clean_amount(self) -> Decimal:
        try:
            return read_amount(self.cleaned_data["amount"])
        except AmountError as error:
            raise forms.ValidationError(_("Enter a positive amount, e.g. 12 500,00.")) from error


class ObjectiveLinkForm(forms.Form):
    objective = forms.ChoiceField(label=_("Objective of the municipal plan"))
    measure = MeasureChoice(label=_("Regional measure"), queryset=PlanMeasure.objects.none())
    primary = forms.BooleanField(label=_("Primary"), required=False)

    def __init__(
        self, regional_plan: RegionalPlan, objectives: list[tuple[str, str]], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "objective", forms.ChoiceField).choices = objectives
        field_of(self, "measure", forms.ModelChoiceField).queryset = measures_of(regional_plan).order_by(
            "thematic__number", "order"
        )
