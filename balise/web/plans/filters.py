"""Filters and text search of the plan list (GET parameters, so a filtered list can be shared)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.db.models import Exists, Max, Min, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from balise.accounts.models import Organisation
from balise.formfields import field_of
from balise.plans.models import (
    GeneralObjective,
    Indicator,
    Module,
    OperationalObjective,
    Plan,
    PlanKind,
    PlanStatus,
    StrategicObjective,
)
from balise.plans.selectors import current_versions, with_pending_draft
from balise.reference.models import Phenomenon

# More words than this are ignored: each word costs a few subqueries.
MAX_SEARCH_WORDS = 5


class PlanFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Title, municipality, objective, indicator…")}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PlanKind.choices]
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("All municipalities"),
    )
    year = forms.TypedChoiceField(
        label=_("Year covered"), required=False, coerce=int, empty_value=None, choices=[("", _("Any year"))]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *PlanStatus.choices]
    )
    phenomenon = forms.ModelChoiceField(
        label=_("Phenomenon"),
        required=False,
        queryset=Phenomenon.objects.all(),
        empty_label=_("Any phenomenon"),
    )

    def __init__(self, data: QueryDict, visible: QuerySet[Plan]) -> None:
        """``visible`` is what the user may read: the choices offer only what they can find."""
        super().__init__(data, label_suffix="")
        field_of(self, "municipality", forms.ModelChoiceField).queryset = Organisation.objects.filter(
            kind=Organisation.Kind.MUNICIPALITY, pk__in=visible.values("municipality_id")
        )
        span = visible.aggregate(first=Min("period_start"), last=Max("period_end"))
        if span["first"] and span["last"]:
            years = range(span["last"].year, span["first"].year - 1, -1)
            field_of(self, "year", forms.ChoiceField).choices = [
                ("", _("Any year")),
                *[(y, str(y)) for y in years],
            ]

    def filter(self, plans: QuerySet[Plan]) -> QuerySet[Plan]:
        self.is_valid()  # an invalid parameter is ignored, the others still apply
        data = self.cleaned_data
        if data.get("kind"):
            plans = plans.filter(kind=data["kind"])
        if data.get("municipality"):
            plans = plans.filter(municipality=data["municipality"])
        if data.get("status"):
            plans = plans.filter(status=data["status"])  # asked for: every version with that status
        else:
            plans = current_versions(plans)  # each plan once, as its version in force
        if data.get("year"):
            plans = plans.filter(covers_year(data["year"]))
        if data.get("phenomenon"):
            plans = plans.filter(
                Exists(Module.objects.filter(plan=OuterRef("pk"), phenomenon=data["phenomenon"]))
            )
        for word in (data.get("q") or "").split()[:MAX_SEARCH_WORDS]:
            plans = plans.filter(matches_word(word))
        return with_pending_draft(plans)


def covers_year(year: int) -> Q:
    """Plans whose period overlaps ``year``; an open end counts as open, a plan without any
    period never matches."""
    starts_in_time = Q(period_start__isnull=True) | Q(period_start__lte=date(year, 12, 31))
    ends_in_time = Q(period_end__isnull=True) | Q(period_end__gte=date(year, 1, 1))
    undated = Q(period_start__isnull=True, period_end__isnull=True)
    return starts_in_time & ends_in_time & ~undated


def matches_word(word: str) -> Q:
    """A word found in the plan's title or municipality, or in one of its objectives or
    indicators (EXISTS subqueries: no duplicated rows, no join blow-up)."""
    in_tree = (
        Exists(GeneralObjective.objects.filter(module__plan=OuterRef("pk"), text__icontains=word))
        | Exists(StrategicObjective.objects.filter(module__plan=OuterRef("pk"), title__icontains=word))
        | Exists(
            OperationalObjective.objects.filter(
                strategic_objective__module__plan=OuterRef("pk"), title__icontains=word
            )
        )
        | Exists(
            Indicator.objects.filter(strategic_objective__module__plan=OuterRef("pk"), text__icontains=word)
        )
    )
    return (
        Q(title__icontains=word)
        | Q(municipality_name__icontains=word)
        | Q(municipality__name_fr__icontains=word)
        | Q(municipality__name_nl__icontains=word)
        | in_tree
    )
