"""Disaggregated indicators: which dimensions an indicator declares, its values per category, and
the totals computed from them (the rules are `balise.domain.disaggregation`'s).

Reads: `dimensions_of` (the dimensions of many indicators in two queries), `parts_of`.
Writes (named, atomic, checking the acting user): `set_dimensions`, `define_dimension`; the values
per category go through `balise.monitoring.actions` (``data["parts"]``), which calls `clean_parts`
to compute the total and `store_parts` to keep the cells.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from balise.accounts.actors import require
from balise.accounts.models import Organisation
from balise.accounts.rules import can_edit_plan
from balise.domain import disaggregation as rules
from balise.domain.periods import ReportingPeriod
from balise.domain.targets import Target
from balise.monitoring.errors import Invalid
from balise.monitoring.models import Measurement, MeasurementPart, PartCategory
from balise.monitoring.rules import can_define_dimensions
from balise.monitoring.validation import VALUE_FIELDS, clean_values
from balise.plans.models import Indicator, IndicatorDimension, Plan
from balise.reference.models import Category, Dimension


@dataclass(frozen=True)
class DeclaredDimension:
    """A dimension as an indicator declares it: ids to store cells, names to show them."""

    id: int
    code: str
    name: str
    shared: bool
    categories: tuple[tuple[int, str, str], ...]  # (id, code, name) in order

    @property
    def rule(self) -> rules.Dimension:
        return rules.Dimension(self.code, tuple(code for _id, code, _name in self.categories))

    def category_name(self, code: str) -> str:
        return next((name for _id, c, name in self.categories if c == code), code)


def _declared(dimension: Dimension, categories: Iterable[Category]) -> DeclaredDimension:
    return DeclaredDimension(
        id=dimension.pk,
        code=dimension.code,
        name=dimension.name,
        shared=dimension.shared,
        categories=tuple((c.pk, c.code, c.name) for c in categories),
    )


def dimensions_of(indicator_ids: Collection[int]) -> dict[int, tuple[DeclaredDimension, ...]]:
    """The declared dimensions of each of ``indicator_ids`` (absent: none): two queries."""
    if not indicator_ids:
        return {}
    links = list(
        IndicatorDimension.objects.filter(indicator_id__in=indicator_ids)
        .select_related("dimension")
        .order_by("indicator_id", "order", "id")
    )
    if not links:
        return {}
    categories: dict[int, list[Category]] = defaultdict(list)
    for category in Category.objects.filter(dimension_id__in={link.dimension_id for link in links}):
        categories[category.dimension_id].append(category)
    result: dict[int, list[DeclaredDimension]] = defaultdict(list)
    for link in links:
        result[link.indicator_id].append(_declared(link.dimension, categories[link.dimension_id]))
    return {pk: tuple(dims) for pk, dims in result.items()}


def cell_names(dimensions: Sequence[DeclaredDimension], cell: rules.Cell) -> str:
    """ "Femme · 18 à 25 ans": a cell in the words of the active language, in the dimensions' order."""
    chosen = dict(cell)
    return " · ".join(d.category_name(chosen[d.code]) for d in dimensions if d.code in chosen)


def all_cells(dimensions: Sequence[DeclaredDimension]) -> list[rules.Cell]:
    return rules.cells_of([d.rule for d in dimensions])


# --- cleaning values per category ---------------------------------------------------------------


def _cell_of(item: Any) -> rules.Cell:
    categories = item.get("categories") if isinstance(item, dict) else None
    if isinstance(categories, dict):
        return rules.make_cell(categories)
    label = item.get("cell") if isinstance(item, dict) else None
    if isinstance(label, str):
        return rules.parse_cell_label(label)
    raise rules.CellError("malformed", ())


def _cell_message(error: rules.CellError, dimensions: Sequence[DeclaredDimension]) -> str:
    names = ", ".join(d.name for d in dimensions)
    if error.code == "unknown_category":
        return _("“%(category)s” is not a category of this indicator's dimensions (%(dimensions)s).") % {
            "category": error.detail,
            "dimensions": names,
        }
    if error.code == "unknown_dimension":
        return _(
            "This indicator is not broken down by “%(dimension)s”; its dimensions are %(dimensions)s."
        ) % {
            "dimension": error.detail,
            "dimensions": names,
        }
    return _("Give one category of each of this indicator's dimensions (%(dimensions)s).") % {
        "dimensions": names
    }


def clean_parts(
    target: Target | None,
    dimensions: Sequence[DeclaredDimension],
    data: dict[str, Any],
    period: ReportingPeriod | None,
) -> tuple[dict[str, Any], list[tuple[rules.Cell, dict[str, Any]]], dict[str, list[str]]]:
    """The total to store (computed from the cells), the cleaned cells and the errors.

    A disaggregated indicator takes its values per category only (``data["parts"]``, a list of
    ``{"categories": {"sex": "female", …}, "amount": …}`` or ``{"cell": "sex=female|…", …}``):
    a total typed beside them is refused, since it is computed. Errors are reported by
    "parts.<cell>.<field>"."""
    errors: dict[str, list[str]] = {}
    typed = [name for name in VALUE_FIELDS if data.get(name) not in (None, "")]
    for name in typed:
        errors[name] = [
            _("The total is computed from the values per category (%(dimensions)s); enter those instead.")
            % {"dimensions": ", ".join(d.name for d in dimensions)}
        ]
    items = data.get("parts")
    if not isinstance(items, list) or not items:
        errors.setdefault("parts", []).append(_("Enter the value of at least one category."))
        items = []
    cleaned: list[tuple[rules.Cell, dict[str, Any]]] = []
    seen: set[rules.Cell] = set()
    for position, item in enumerate(items):
        try:
            cell = _cell_of(item)
            rules.check_cell([d.rule for d in dimensions], cell)
        except rules.CellError as error:
            errors.setdefault(f"parts.{position}.categories", []).append(_cell_message(error, dimensions))
            continue
        label = rules.cell_label(cell)
        if cell in seen:
            errors.setdefault(f"parts.{label}.categories", []).append(
                _("These categories are given twice: %(categories)s.")
                % {"categories": cell_names(dimensions, cell)}
            )
            continue
        seen.add(cell)
        values, cell_errors = clean_values(target, item, period)
        errors.update({f"parts.{label}.{name}": messages for name, messages in cell_errors.items()})
        cleaned.append((cell, values))
    kind = target.kind if target else None
    summed = rules.total(
        kind, [rules.Figures(**{name: v[name] for name in VALUE_FIELDS}) for _c, v in cleaned]
    )
    values = {**summed.as_dict(), "comment": str(data.get("comment") or "").strip()}
    values["source"] = str(data.get("source") or "").strip()
    if len(values["source"]) > 300:
        errors.setdefault("source", []).append(_("At most 300 characters."))
    return values, cleaned, errors


def store_parts(
    written: Iterable[
        tuple[Measurement, Sequence[DeclaredDimension], list[tuple[rules.Cell, dict[str, Any]]]]
    ],
) -> None:
    """Replace the cells of each measurement by these: one delete, two bulk inserts."""
    written = list(written)
    if not written:
        return
    MeasurementPart.objects.filter(measurement__in=[m.pk for m, _d, _c in written]).delete()
    parts: list[MeasurementPart] = []
    links: list[tuple[int, list[tuple[int, int]]]] = []
    for measurement, dimensions, cells in written:
        ids = {(d.code, code): (d.id, cid) for d in dimensions for cid, code, _name in d.categories}
        for cell, values in cells:
            parts.append(
                MeasurementPart(
                    measurement=measurement,
                    cell=rules.cell_label(cell),
                    **{name: values[name] for name in VALUE_FIELDS},
                )
            )
            links.append((len(parts) - 1, [ids[pair] for pair in cell]))
    created = MeasurementPart.objects.bulk_create(parts)
    PartCategory.objects.bulk_create(
        PartCategory(part=created[index], dimension_id=dimension_id, category_id=category_id)
        for index, pairs in links
        for dimension_id, category_id in pairs
    )


def parts_of(measurements: Iterable[Measurement]) -> dict[int, dict[rules.Cell, MeasurementPart]]:
    """The cells of each measurement by its id: one query."""
    result: dict[int, dict[rules.Cell, MeasurementPart]] = defaultdict(dict)
    for part in MeasurementPart.objects.filter(measurement__in=[m.pk for m in measurements]):
        result[part.measurement_id][rules.parse_cell_label(part.cell)] = part
    return dict(result)


# --- declaring dimensions -----------------------------------------------------------------------


class DimensionsRefused(Invalid):
    """The dimensions cannot be set (values exist, or a dimension the indicator cannot use)."""


def _plan_of(indicator: Indicator) -> Plan:
    return indicator.strategic_objective.module.plan


def usable_dimensions(plan: Plan) -> list[Dimension]:
    """The shared dimensions and those of the plan's municipality, in their order."""
    shared = Dimension.objects.filter(organisation=None)
    if plan.municipality_id is None:
        return list(shared)
    return list(shared | Dimension.objects.filter(organisation_id=plan.municipality_id))


@transaction.atomic
def set_dimensions(indicator: Indicator, codes: Sequence[str], user: Any) -> list[IndicatorDimension]:
    """Declare the dimensions ``indicator`` is broken down by (an empty list: none), in order.

    Refused with `PermissionDenied` (not an editor of the plan) or `DimensionsRefused` on the
    field ``dimensions`` (a code that is neither shared nor the plan's municipality's, or the
    indicator already has values: they were entered without these categories, and a total
    cannot be split after the fact)."""
    plan = _plan_of(indicator)
    require(can_edit_plan, user, plan)
    by_code = {d.code: d for d in usable_dimensions(plan)}
    unknown = [code for code in codes if code not in by_code]
    if unknown:
        raise DimensionsRefused(
            {"dimensions": [_("Unknown dimension: %(codes)s.") % {"codes": ", ".join(unknown)}]}
        )
    if len(set(codes)) != len(codes):
        raise DimensionsRefused({"dimensions": [_("A dimension is given twice.")]})
    current = list(indicator.dimension_links.order_by("order").values_list("dimension__code", flat=True))
    if current == list(codes):
        return list(indicator.dimension_links.all())
    if Measurement.objects.filter(indicator_key=indicator.key).exists():
        raise DimensionsRefused(
            {"dimensions": [_("This indicator already has values: its dimensions can no longer change.")]}
        )
    indicator.dimension_links.all().delete()
    return IndicatorDimension.objects.bulk_create(
        IndicatorDimension(indicator=indicator, dimension=by_code[code], order=position)
        for position, code in enumerate(codes)
    )


@transaction.atomic
def define_dimension(
    organisation: Organisation,
    code: str,
    names: dict[str, str],
    categories: Sequence[tuple[str, dict[str, str]]],
    user: Any,
) -> Dimension:
    """A dimension of ``organisation``'s own (its districts…), with its categories in order.

    ``names`` and each category's names are by language ("fr", "nl", "de"); French and Dutch are
    required. Refused with `PermissionDenied` or `Invalid` (code taken by a shared dimension or
    by another of the municipality's, no category, a category code given twice, a name missing).
    """
    require(can_define_dimensions, user, organisation)
    errors: dict[str, list[str]] = {}
    if Dimension.objects.filter(Q(organisation=None) | Q(organisation=organisation), code=code).exists():
        errors["code"] = [_("A dimension with the code “%(code)s” exists already.") % {"code": code}]
    if not categories:
        errors["categories"] = [_("Give at least one category.")]
    codes = [c for c, _names in categories]
    if len(set(codes)) != len(codes):
        errors["categories"] = [_("A category code is given twice.")]
    for where, labels in [("names", names), *((f"categories.{c}", n) for c, n in categories)]:
        if not (labels.get("fr") or "").strip() or not (labels.get("nl") or "").strip():
            errors.setdefault(where, []).append(_("Give the name in French and in Dutch."))
    if errors:
        raise Invalid(errors)
    dimension = Dimension.objects.create(
        code=code,
        organisation=organisation,
        name_fr=names["fr"],
        name_nl=names["nl"],
        name_de=names.get("de", ""),
    )
    Category.objects.bulk_create(
        Category(
            dimension=dimension,
            code=category,
            name_fr=labels["fr"],
            name_nl=labels["nl"],
            name_de=labels.get("de", ""),
            order=position,
        )
        for position, (category, labels) in enumerate(categories)
    )
    return dimension
