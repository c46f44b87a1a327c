"""Reads of the public site: only what was published, as frozen dataclasses.

`generation()` is the one query a cached public page costs; every other selector runs only on a
cache miss. `public_plan` raises `NotPublished` for a plan that is not published (the page answers
404), so an unpublished plan cannot be told apart from a missing one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Subquery
from django.utils import timezone
from django.utils.translation import get_language, override

from balise import errors
from balise.context.models import Figure
from balise.context.selectors import Series, trends
from balise.domain.languages import pick
from balise.monitoring.breakdowns import CategoryFigure, year_by_category
from balise.monitoring.models import Assessment, Evaluation, Transition
from balise.monitoring.selectors import plan_progress
from balise.plans.models import Indicator, Module, Plan
from balise.plans.selectors import plan_with_tree
from balise.publication.models import Publication, PublicationGeneration

PUBLIC_YEAR_STATES = (Evaluation.State.ANALYSED, Evaluation.State.CLOSED)


class NotPublished(errors.NotFound):
    pass


@dataclass(frozen=True)
class IndicatorYear:
    year: int
    actual: Decimal | None  # None when values are not published
    expected: Decimal | None
    status: str  # a `balise.domain.progress.Status` value, "" when values are not published
    colour: str  # evaluation colour code, "" when the evaluation is not published
    colour_label: str
    analysis: str
    motivation: str
    # Of an indicator broken down by categories, when values are published (names in French).
    categories: tuple[CategoryFigure, ...] = ()


@dataclass(frozen=True)
class PublicIndicator:
    key: str
    text: str
    target: str
    years: tuple[IndicatorYear, ...]


@dataclass(frozen=True)
class PublicOperational:
    key: str
    title: str
    results: tuple[str, ...]
    indicators: tuple[PublicIndicator, ...]


@dataclass(frozen=True)
class PublicStrategic:
    key: str
    title: str
    operational: tuple[PublicOperational, ...]
    indicators: tuple[PublicIndicator, ...]  # listed under the strategic objective itself


@dataclass(frozen=True)
class PublicModule:
    key: str
    title: str
    phenomenon_code: str
    phenomenon: str
    strategic: tuple[PublicStrategic, ...]
    context: tuple[Series, ...] = ()  # published crime figures of the phenomenon (not indicators)


@dataclass(frozen=True)
class PlanSummary:
    id: int
    title: str
    kind: str
    kind_label: str
    municipality_code: str
    municipality: str
    period_start: date | None
    period_end: date | None
    signed_on: date | None
    version: int
    language: str
    published_at: date
    phenomena: tuple[tuple[str, str], ...]  # (code, name)


@dataclass(frozen=True)
class PublicPlan:
    summary: PlanSummary
    indicators_shown: bool
    values_shown: bool
    evaluation_shown: bool
    years: tuple[int, ...]  # the years whose values or evaluation are shown
    modules: tuple[PublicModule, ...]

    def indicators(self) -> list[tuple[PublicModule, PublicStrategic, PublicIndicator]]:
        rows = []
        for module in self.modules:
            for so in module.strategic:
                for oo in so.operational:
                    rows += [(module, so, i) for i in oo.indicators]
                rows += [(module, so, i) for i in so.indicators]
        return rows


def generation() -> str:
    """What the public cache is keyed on, in one query: the publication generation (publish,
    withdraw), the latest evaluation transition (a year analysed, closed or reopened) and the
    latest import of context figures."""
    row = (
        PublicationGeneration.objects.filter(pk=1)
        .annotate(
            last=Subquery(Transition.objects.order_by("-pk").values("pk")[:1]),
            figures=Subquery(Figure.objects.order_by("-imported_at").values("imported_at")[:1]),
        )
        .values_list("number", "last", "figures")
        .first()
    )
    number, last, figures = row if row else (0, None, None)
    return f"{number}.{last or 0}.{figures.timestamp() if figures else 0}"


def _summary(plan: Plan, publication: Publication) -> PlanSummary:
    organisation = plan.municipality
    phenomena: dict[str, str] = {}
    for module in plan.modules.all():
        if module.phenomenon is not None:
            phenomena.setdefault(module.phenomenon.code, module.phenomenon.name)
    return PlanSummary(
        id=plan.pk,
        title=plan.title,
        kind=plan.kind,
        kind_label=str(plan.get_kind_display()),
        municipality_code=organisation.code if organisation else "",
        municipality=organisation.name if organisation else "",
        period_start=plan.period_start,
        period_end=plan.period_end,
        signed_on=plan.signed_on,
        version=plan.version,
        language=plan.language,
        published_at=timezone.localdate(publication.published_at),
        phenomena=tuple(sorted(phenomena.items(), key=lambda item: item[1])),
    )


def published_plans(
    *, query: str = "", municipality_code: str | None = None, phenomenon_code: str | None = None
) -> list[PlanSummary]:
    """Published plans, newest period first, filtered by words, municipality or phenomenon."""
    plans = (
        Plan.objects.filter(publication__isnull=False)
        .select_related("municipality", "publication")
        .prefetch_related("modules__phenomenon")
        .order_by("-period_start", "title", "pk")
    )
    if municipality_code is not None:
        plans = plans.filter(municipality__code=municipality_code, municipality__kind="municipality")
    if phenomenon_code is not None:
        plans = plans.filter(modules__phenomenon__code=phenomenon_code).distinct()
    for word in query.split():
        plans = plans.filter(
            Q(title__icontains=word)
            | Q(municipality__name_fr__icontains=word)
            | Q(municipality__name_nl__icontains=word)
            | Q(municipality__name_de__icontains=word)
            | Q(modules__phenomenon__name_fr__icontains=word)
            | Q(modules__phenomenon__name_nl__icontains=word)
            | Q(modules__phenomenon__name_de__icontains=word)
        ).distinct()
    return [_summary(plan, plan.publication) for plan in plans]


def public_plan(plan_id: int) -> PublicPlan:
    try:
        publication = Publication.objects.get(plan_id=plan_id)
    except Publication.DoesNotExist:
        raise NotPublished(plan_id) from None
    plan = plan_with_tree(plan_id)
    published = _published_years(plan, publication)
    shown = publication.indicators
    places = [
        pk for pk in (plan.municipality_id, plan.municipality and plan.municipality.police_zone_id) if pk
    ]
    phenomena = [m.phenomenon_id for m in plan.modules.all() if m.phenomenon_id]
    context = trends(places, phenomena) if places and phenomena else {}
    return PublicPlan(
        summary=_summary(plan, publication),
        indicators_shown=shown,
        values_shown=shown and publication.values,
        evaluation_shown=shown and publication.evaluation,
        years=published.years,
        modules=tuple(_public_module(m, published if shown else None, context) for m in plan.modules.all()),
    )


@dataclass
class _PublishedYears:
    """What the public page shows of each public year (submitted or later, within the plan's
    period): the progress of each indicator, its figures by category and its federal assessment."""

    years: tuple[int, ...] = ()
    progress_by_year: dict[int, dict] = field(default_factory=dict)
    by_category: dict[tuple[str, int], list[CategoryFigure]] = field(default_factory=dict)
    assessments: dict[tuple[int, object], Assessment] = field(default_factory=dict)

    def indicator(self, i: Indicator) -> PublicIndicator:
        rows = []
        for year in self.years:
            progress = self.progress_by_year.get(year, {}).get(i.key)
            assessment = self.assessments.get((year, i.key))
            colour = assessment.colour if assessment and assessment.colour_id else None
            rows.append(
                IndicatorYear(
                    year=year,
                    actual=progress.actual if progress else None,
                    expected=progress.expected if progress else None,
                    status=progress.status.value if progress else "",
                    colour=colour.code if colour else "",
                    colour_label=colour.label if colour else "",
                    analysis=assessment.analysis if assessment else "",
                    motivation=assessment.motivation if assessment else "",
                    categories=tuple(self.by_category.get((str(i.key), year), ())) if progress else (),
                )
            )
        return PublicIndicator(key=str(i.key), text=i.text, target=i.target_raw, years=tuple(rows))


def _published_years(plan: Plan, publication: Publication) -> _PublishedYears:
    """The public years, with the values when they are published (one progress per year, the
    figures by category) and the assessments when the evaluation is; none without indicators."""
    published = _PublishedYears()
    if not (publication.indicators and (publication.values or publication.evaluation)):
        return published
    evaluations = Evaluation.objects.filter(lineage=plan.lineage, state__in=PUBLIC_YEAR_STATES)
    published.years = years = tuple(sorted(e.year for e in evaluations if _within(plan, e.year)))
    if publication.values:
        for year in years:
            progress = plan_progress(plan, year)
            published.progress_by_year[year] = {row.indicator.key: row.progress for row in progress.rows}
        with override("fr"):  # open data names categories in French, as it names municipalities
            published.by_category = year_by_category(_indicators_of(plan), years)
    if publication.evaluation:
        for a in Assessment.objects.filter(
            evaluation__lineage=plan.lineage,
            evaluation__year__in=years,
            subject=Assessment.Target.INDICATOR,
        ).select_related("colour", "evaluation"):
            published.assessments[(a.evaluation.year, a.subject_key)] = a
    return published


def _public_module(
    m: Module, published: _PublishedYears | None, context: dict[int, list[Series]]
) -> PublicModule:
    """A module as the public sees it, named by its phenomenon (or sector); its indicators only
    when they are published (``published``), its context figures by its phenomenon."""

    def indicators(items: Iterable[Indicator]) -> tuple[PublicIndicator, ...]:
        return tuple(published.indicator(i) for i in items) if published is not None else ()

    return PublicModule(
        key=str(m.key),
        title=m.phenomenon.name
        if m.phenomenon is not None
        else (m.sector.name if m.sector is not None else m.title),
        phenomenon_code=m.phenomenon.code if m.phenomenon is not None else "",
        phenomenon=m.phenomenon.name if m.phenomenon is not None else "",
        strategic=tuple(
            PublicStrategic(
                key=str(so.key),
                title=so.title,
                operational=tuple(
                    PublicOperational(
                        key=str(oo.key),
                        title=oo.title,
                        results=tuple(r.text for r in oo.results.all()),
                        indicators=indicators(oo.indicators.all()),
                    )
                    for oo in so.operational_objectives.all()
                ),
                indicators=indicators(so.own_indicators),
            )
            for so in m.strategic_objectives.all()
        ),
        context=tuple(context.get(m.phenomenon_id, ())) if m.phenomenon_id else (),
    )


def _indicators_of(plan: Plan) -> list[Indicator]:
    """Every indicator of a tree read by `plan_with_tree` (no query)."""
    return [
        i
        for m in plan.modules.all()
        for so in m.strategic_objectives.all()
        for i in [
            *so.own_indicators,
            *(i for oo in so.operational_objectives.all() for i in oo.indicators.all()),
        ]
    ]


def _within(plan: Plan, year: int) -> bool:
    return (not plan.period_start or plan.period_start.year <= year) and (
        not plan.period_end or year <= plan.period_end.year
    )


@dataclass(frozen=True)
class PublicMunicipality:
    code: str
    name: str
    plans: int


def published_municipalities() -> list[PublicMunicipality]:
    """Municipalities with at least one published plan, by name in the active language."""
    rows = (
        Plan.objects.filter(publication__isnull=False, municipality__kind="municipality")
        .values(
            "municipality__code", "municipality__name_fr", "municipality__name_nl", "municipality__name_de"
        )
        .annotate(plans=Count("pk"))
    )
    language = get_language()
    result = [
        PublicMunicipality(
            code=row["municipality__code"],
            name=pick(
                language,
                row["municipality__name_fr"],
                row["municipality__name_nl"],
                row["municipality__name_de"],
            ),
            plans=row["plans"],
        )
        for row in rows
    ]
    return sorted(result, key=lambda m: m.name)
