"""Shared reads of plans: one place that fetches a plan tree in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from balise.accounts.models import Organisation
from balise.domain.languages import base_language
from balise.domain.outline import (
    ContingentOutline,
    FinanceOutline,
    IndicatorOutline,
    MeasureOutline,
    ModuleOutline,
    OperationalObjectiveOutline,
    PlanOutline,
    StrategicObjectiveOutline,
    ThematicOutline,
)
from balise.domain.translations import Path, place_key, shown
from balise.plans.models import (
    Indicator,
    IndicatorDimension,
    Module,
    OperationalObjective,
    Plan,
    PlanKind,
    PlanStatus,
    PlanThematic,
    StrategicObjective,
)
from balise.reference.models import Phenomenon


def plans_list() -> QuerySet[Plan]:
    return Plan.objects.select_related("municipality").order_by("-period_start", "title", "-version")


def current_versions(plans: QuerySet[Plan], among: Q | None = None) -> QuerySet[Plan]:
    """One row per plan (lineage): the newest version that is not a draft, i.e. the version in
    force while an amendment is drafted; a plan never signed is shown by its newest draft.
    ``among`` narrows the versions considered (e.g. those covering a year).

    Lists, tasks, reminders and dashboards use it so that amending a plan never doubles it.
    """
    among = among if among is not None else Q()
    drafted = Q(status=PlanStatus.DRAFT)
    same_plan = Plan.objects.filter(among, lineage=OuterRef("lineage"))
    later = same_plan.filter(version__gt=OuterRef("version"))
    return plans.filter(~Exists(later.exclude(drafted))).filter(
        ~drafted | (~Exists(same_plan.exclude(drafted)) & ~Exists(later))
    )


def with_pending_draft(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """Annotate ``draft_id`` and ``draft_version``: the amendment being drafted after this
    version (None when there is none), for the "draft v2 in progress" badge."""
    drafts = Plan.objects.filter(
        lineage=OuterRef("lineage"), version__gt=OuterRef("version"), status=PlanStatus.DRAFT
    ).order_by("-version")
    return plans.annotate(
        draft_id=Subquery(drafts.values("pk")[:1]), draft_version=Subquery(drafts.values("version")[:1])
    )


def version_in_force(lineage: UUID) -> Plan | None:
    """The version of a plan that lists and tasks show (see `current_versions`)."""
    return current_versions(Plan.objects.filter(lineage=lineage)).select_related("municipality").first()


def plan_with_tree(plan_id: int, modules: Collection[int] | None = None) -> Plan:
    """The plan with its whole tree prefetched: 10 queries whatever the plan's size.

    With ``modules`` (ids), only those modules are fetched, with their subtrees: the plan page
    renders again only the modules whose data changed.
    """
    so_indicators = Indicator.objects.filter(operational_objective__isnull=True)
    wanted = Module.objects.all() if modules is None else Module.objects.filter(pk__in=modules)
    return (
        Plan.objects.select_related("municipality")
        .prefetch_related(
            "contingents",
            Prefetch(
                "modules",
                queryset=wanted.select_related("phenomenon", "sector").prefetch_related(
                    "general_objectives",
                    Prefetch(
                        "strategic_objectives",
                        # own_indicators is declared on the model (nested prefetches lose it)
                        queryset=StrategicObjective.objects.select_related(  # type: ignore[no-redef]
                            "service", "catalogue_entry"
                        ).prefetch_related(
                            Prefetch(
                                "operational_objectives",
                                queryset=OperationalObjective.objects.prefetch_related(
                                    "results", "indicators"
                                ),
                            ),
                            Prefetch("all_indicators", queryset=so_indicators, to_attr="own_indicators"),
                        ),
                    ),
                ),
            ),
            Prefetch("thematics", queryset=PlanThematic.objects.prefetch_related("measures")),
        )
        .get(pk=plan_id)
    )


def _indicator(
    indicator: Indicator, text: Callable[[Any, str], str], dimensions: dict[int, tuple[str, ...]]
) -> IndicatorOutline:
    return IndicatorOutline(
        text=text(indicator, "text"),
        target=indicator.target,
        analysis=indicator.imported_analysis or None,
        colour=indicator.imported_colour or None,
        motivation=indicator.imported_motivation or None,
        reference_value=indicator.reference_value or None,
        dimensions=dimensions.get(indicator.pk, ()),
    )


def dimension_codes(plan: Plan) -> dict[int, tuple[str, ...]]:
    """The dimension codes of the plan's disaggregated indicators, by indicator id: one query."""
    codes: dict[int, tuple[str, ...]] = {}
    links = IndicatorDimension.objects.filter(indicator__strategic_objective__module__plan=plan)
    for indicator_id, code in links.order_by("indicator_id", "order", "id").values_list(
        "indicator_id", "dimension__code"
    ):
        codes[indicator_id] = (*codes.get(indicator_id, ()), code)
    return codes


Text = Callable[[Any, str], str]
Dimensions = dict[int, tuple[str, ...]]


def plan_outline(
    plan: Plan, language: str | None = None, dimensions: Dimensions | None = None
) -> PlanOutline:
    """The outline of a plan fetched with `plan_with_tree` (no further queries).

    With ``language``, the texts are those of the plan's translation into it where one exists
    (the outline then says ``language``); without, the texts as written. With ``dimensions``
    (`dimension_codes`), its indicators' dimensions."""
    dimensions = dimensions or {}
    text = _texts_in(plan, language)
    translated = language is not None and base_language(language) in (plan.translations or {})
    outline = PlanOutline(
        kind=plan.kind,
        title=text(plan, "title"),
        municipality=plan.municipality.name_fr if plan.municipality else (plan.municipality_name or None),
        period_start=plan.period_start,
        period_end=plan.period_end,
        signed_on=plan.signed_on,
        language=base_language(language) if translated else plan.language,
        parties=list(plan.parties),
        finance=_finance_outline(plan),
        modules=[_module_outline(m, text, dimensions) for m in plan.modules.all()],
        thematics=[_thematic_outline(t, text) for t in plan.thematics.all()],
    )
    if language is None:  # as written: with the texts in the other languages, as they are kept
        _keep_translations(plan, outline)
    return outline


def _texts_in(plan: Plan, language: str | None) -> Text:
    """A node's field as written (no ``language``), or as the plan's translation into ``language``
    shows it, falling back to the text as written."""

    def text(node: Any, field: str) -> str:
        written = str(getattr(node, field) or "")
        if language is None:
            return written
        return shown(written, plan.language, node.translations or {}, field, language).text

    return text


def _finance_outline(plan: Plan) -> FinanceOutline | None:
    """The plan's money: its annual amount and contingents, or None when it states neither."""
    contingents = list(plan.contingents.all())
    if plan.annual_amount_eur is None and not contingents:
        return None
    return FinanceOutline(
        annual_amount_eur=plan.annual_amount_eur,
        contingents=[
            ContingentOutline(
                name=c.name,
                annual_amount_eur=c.annual_amount_eur,
                fte=c.fte,
                monthly_rate_eur=c.monthly_rate_eur,
                months=c.months,
                personnel_eur=c.personnel_eur,
                equipment_eur=c.equipment_eur,
                equipment_cap_per_fte_eur=c.equipment_cap_per_fte_eur,
            )
            for c in contingents
        ],
    )


def _module_outline(module: Module, text: Text, dimensions: Dimensions) -> ModuleOutline:
    return ModuleOutline(
        title=text(module, "title"),
        kind=module.kind,
        description=text(module, "description") or None,
        general_objectives=[text(g, "text") for g in module.general_objectives.all()],
        strategic_objectives=[
            _strategic_objective_outline(so, text, dimensions) for so in module.strategic_objectives.all()
        ],
    )


def _strategic_objective_outline(
    so: StrategicObjective, text: Text, dimensions: Dimensions
) -> StrategicObjectiveOutline:
    return StrategicObjectiveOutline(
        title=text(so, "title"),
        service=so.service.name if so.service else None,
        domain=so.domain or None,
        operational_objectives=[
            OperationalObjectiveOutline(
                title=text(oo, "title"),
                results=[text(r, "text") for r in oo.results.all()],
                indicators=[_indicator(i, text, dimensions) for i in oo.indicators.all()],
                approach=text(oo, "approach") or None,
                pilot=oo.pilot or None,
            )
            for oo in so.operational_objectives.all()
        ],
        indicators=[_indicator(i, text, dimensions) for i in so.own_indicators],
        pilot=so.pilot or None,
    )


def _thematic_outline(thematic: PlanThematic, text: Text) -> ThematicOutline:
    return ThematicOutline(
        number=thematic.number,
        title=text(thematic, "title"),
        measures=[MeasureOutline(code=x.code, text=text(x, "text")) for x in thematic.measures.all()],
    )


def _keep_translations(plan: Plan, outline: PlanOutline) -> None:
    """The plan's texts in its other languages, by place in the tree, as they are kept."""
    for path, node in nodes_by_path(plan):
        for other, fields in (getattr(node, "translations", None) or {}).items():
            if fields:
                outline.translations.setdefault(other, {})[place_key(path)] = dict(fields)


def nodes_by_path(plan: Plan) -> Iterator[tuple[Path, models.Model]]:
    """Every node of a plan fetched with `plan_with_tree`, with its place in the tree as
    `balise.domain.translations.texts` names it (same order as `plans.selectors.plan_outline`)."""
    yield (), plan
    for m, module in enumerate(plan.modules.all()):
        here: Path = (("module", m),)
        yield here, module
        for g, general in enumerate(module.general_objectives.all()):
            yield (*here, ("general_objective", g)), general
        for s, so in enumerate(module.strategic_objectives.all()):
            yield from _strategic((*here, ("strategic_objective", s)), so)
    for t, thematic in enumerate(plan.thematics.all()):
        yield (("thematic", t),), thematic
        for n, measure in enumerate(thematic.measures.all()):
            yield (("thematic", t), ("measure", n)), measure


def _strategic(here: Path, so: StrategicObjective) -> Iterator[tuple[Path, models.Model]]:
    yield here, so
    for o, oo in enumerate(so.operational_objectives.all()):
        yield from _operational((*here, ("operational_objective", o)), oo)
    for i, indicator in enumerate(so.own_indicators):
        yield (*here, ("indicator", i)), indicator


def _operational(here: Path, oo: OperationalObjective) -> Iterator[tuple[Path, models.Model]]:
    yield here, oo
    for r, result in enumerate(oo.results.all()):
        yield (*here, ("result", r)), result
    for i, indicator in enumerate(oo.indicators.all()):
        yield (*here, ("indicator", i)), indicator


# --- a municipality's plans and its police zone's plan, read by phenomenon ----------------------


def _module_tree() -> list[Prefetch | str]:
    so_indicators = Indicator.objects.filter(operational_objective__isnull=True)
    return [
        Prefetch(
            "strategic_objectives",
            # own_indicators is declared on the model (nested prefetches lose it)
            queryset=StrategicObjective.objects.select_related(  # type: ignore[no-redef]
                "service"
            ).prefetch_related(
                Prefetch(
                    "operational_objectives",
                    queryset=OperationalObjective.objects.prefetch_related("results", "indicators"),
                ),
                Prefetch("all_indicators", queryset=so_indicators, to_attr="own_indicators"),
            ),
        )
    ]


def plans_in_force(
    visible: QuerySet[Plan], municipality: Organisation
) -> tuple[QuerySet[Plan], QuerySet[Plan]]:
    """(the municipality's plans, its police zone's zonal plans) among ``visible``, superseded
    versions left out."""
    current = visible.exclude(status=PlanStatus.SUPERSEDED)
    own = current.filter(municipality=municipality).exclude(kind=PlanKind.PZS)
    zonal = current.filter(kind=PlanKind.PZS, municipality_id=municipality.police_zone_id)
    if municipality.police_zone_id is None:
        zonal = zonal.none()
    return own, zonal


@dataclass(frozen=True)
class SharedPhenomenon:
    phenomenon: Phenomenon
    in_municipal_plan: bool
    in_zonal_plan: bool


def phenomena_of(visible: QuerySet[Plan], municipality: Organisation) -> list[SharedPhenomenon]:
    """The phenomena the municipality's plans or its zone's plan address, in catalogue order."""
    own, zonal = plans_in_force(visible, municipality)
    rows = Module.objects.filter(phenomenon__isnull=False).filter(Q(plan__in=own) | Q(plan__in=zonal))
    found: dict[int, set[str]] = {}
    for phenomenon_id, kind in rows.values_list("phenomenon_id", "plan__kind"):
        found.setdefault(phenomenon_id, set()).add(kind)
    phenomena = Phenomenon.objects.filter(pk__in=found).order_by("order", "pk")
    return [
        SharedPhenomenon(p, bool(found[p.pk] - {PlanKind.PZS}), PlanKind.PZS in found[p.pk])
        for p in phenomena
    ]


@dataclass(frozen=True)
class PhenomenonSideBySide:
    municipality: Organisation
    phenomenon: Phenomenon
    municipal_modules: list[Module]  # each with .plan and its tree prefetched
    zonal_modules: list[Module]


def phenomenon_side_by_side(
    visible: QuerySet[Plan], municipality: Organisation, phenomenon: Phenomenon
) -> PhenomenonSideBySide:
    """What the municipality's plans and its police zone's zonal plan say about one phenomenon:
    a fixed number of queries (two lists of modules with their trees)."""
    own, zonal = plans_in_force(visible, municipality)

    def modules(plans: QuerySet[Plan]) -> list[Module]:
        return list(
            Module.objects.filter(plan__in=plans, phenomenon=phenomenon)
            .select_related("plan")
            .prefetch_related(*_module_tree())
            .order_by("-plan__period_start", "plan_id", "order")
        )

    return PhenomenonSideBySide(municipality, phenomenon, modules(own), modules(zonal))
