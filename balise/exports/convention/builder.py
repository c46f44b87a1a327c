"""From a stored plan (and optionally one year's evaluation) to the frozen `Convention` model.

Texts come from the plan's outline (`plan_outline`, the same tree the JSON export writes); the
evaluation columns from the assessments of the chosen year, matched by indicator identity key.
Every fixed text is looked up with the convention's language active.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from uuid import UUID

from django.utils import translation
from django.utils.formats import date_format

from balise import errors
from balise.domain.money import format_eur
from balise.domain.outline import ContingentOutline, IndicatorOutline, ModuleOutline, PlanOutline
from balise.domain.outline import StrategicObjectiveOutline as SO
from balise.exports.convention.model import (
    Cell,
    Contingent,
    Convention,
    Module,
    Objective,
    Party,
    Row,
    ServiceGroup,
    Table,
)
from balise.exports.convention.money import contingent_table
from balise.exports.convention.wording import LANGUAGES, tr
from balise.monitoring.models import Assessment, Evaluation
from balise.plans.models import Plan
from balise.plans.selectors import plan_outline, plan_with_tree

HEADINGS = {
    "pssp": "Strategic Security and Prevention Plan",
    "css": "Security and Society Contract",
    "pgsp": "Global Security and Prevention Plan",
    "plpp": "Local Prevention and Proximity Plan",
    "pzs": "Zonal Security Plan",
}
OTHER_HEADING = "Security and Prevention Plan"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_VOWELS = tuple("aeiouyAEIOUYÀÂÉÈÊÎÔÛàâéèêîôû")


class ConventionError(errors.Invalid):
    """A convention that cannot be produced; the message says why (unknown plan, no evaluation)."""


class Assessed:
    """The evaluation columns of one indicator: analysis, colour label and hex, motivation."""

    def __init__(
        self, analysis: str = "", colour: str = "", hex: str | None = None, motivation: str = ""
    ) -> None:
        self.analysis, self.colour, self.hex, self.motivation = analysis, colour, hex, motivation


def build_convention(plan_id: int, *, year: int | None = None, language: str | None = None) -> Convention:
    """The convention of plan ``plan_id``; raises `ConventionError` for an unknown plan, a language
    other than French or Dutch, or a year the plan has no evaluation for."""

    try:
        plan = plan_with_tree(plan_id)
    except Plan.DoesNotExist:
        raise ConventionError(f"plan {plan_id} does not exist") from None
    language = language or (plan.language if plan.language in LANGUAGES else "fr")
    if language not in LANGUAGES:
        raise ConventionError(f"language {language!r} is not available; choose one of {', '.join(LANGUAGES)}")
    outline = plan_outline(plan, language)  # the content in the language, where translated
    with translation.override(language):
        assessed = _assessments(plan, outline, year) if year is not None else {}
        return _Builder(plan, outline, language, year, assessed).build()


def _assessments(plan: Plan, outline: PlanOutline, year: int) -> dict[int, Assessed]:
    """Assessments of ``year`` by ``id()`` of the outline's indicators."""

    evaluation = Evaluation.objects.filter(lineage=plan.lineage, year=year).first()
    if evaluation is None:
        raise ConventionError(f"plan {plan.pk} has no evaluation for {year}")
    by_key = {
        a.subject_key: a
        for a in Assessment.objects.filter(
            evaluation=evaluation, subject=Assessment.Target.INDICATOR
        ).select_related("colour")
    }
    assessed = {}
    for indicator, key in _indicator_keys(plan, outline):
        found = by_key.get(key)
        if found is not None:
            colour = found.colour
            assessed[id(indicator)] = Assessed(
                found.analysis,
                colour.label if colour else "",
                colour.hex if colour else None,
                found.motivation,
            )
    return assessed


def _indicator_keys(plan: Plan, outline: PlanOutline) -> Iterator[tuple[IndicatorOutline, UUID]]:
    """(outline indicator, identity key) pairs: `plan_outline` walks the same prefetched tree."""
    for module, m in zip(outline.modules, plan.modules.all(), strict=True):
        for so, s in zip(module.strategic_objectives, m.strategic_objectives.all(), strict=True):
            for oo, o in zip(so.operational_objectives, s.operational_objectives.all(), strict=True):
                yield from zip(oo.indicators, (i.key for i in o.indicators.all()), strict=True)
            yield from zip(so.indicators, (i.key for i in s.own_indicators), strict=True)


def _elided(msgid: str, name: str) -> str:
    return tr(f"{msgid} [name starting with a vowel]" if name.startswith(_VOWELS) else msgid, name=name)


def _day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


class _Builder:
    def __init__(
        self, plan: Plan, outline: PlanOutline, language: str, year: int | None, assessed: dict[int, Assessed]
    ) -> None:
        self.plan = plan
        self.outline = outline
        self.language = language
        self.year = year
        self.assessed: dict[int, Assessed] = assessed

    def build(self) -> Convention:
        o = self.outline
        heading = tr(HEADINGS.get(o.kind, OTHER_HEADING))
        municipality = self._municipality_name()
        return Convention(
            language=self.language,
            year=self.year,
            heading=heading,
            title_line=None if o.title == heading or not o.title else tr("Title: %(title)s", title=o.title),
            municipality_line=(
                _elided("MUNICIPALITY OF %(name)s", municipality)
                if municipality
                else tr("MUNICIPALITY (name)")
            ),
            period_line=(
                tr("period: %(start)s - %(end)s", start=_day(o.period_start), end=_day(o.period_end))
                if o.period_start and o.period_end
                else None
            ),
            evaluation_line=tr("Evaluation: year %(year)s", year=self.year) if self.year else None,
            parties=tuple(
                Party(tr("Between on the one hand:") if n == 0 else tr("And on the other hand:"), text)
                for n, text in enumerate(o.parties)
            ),
            agreed=tr("It is agreed as follows:"),
            provisions_heading=tr("General provisions"),
            annual_clause=self._annual_clause(municipality),
            contingents=tuple(self._contingent(c) for c in (o.finance.contingents if o.finance else [])),
            clauses=self._clauses(),
            modules=self._modules(),
            signature=(
                tr(
                    "This plan was signed in Brussels in two copies on %(date)s.",
                    date=o.signed_on.strftime("%d/%m/%Y") if o.signed_on else "__ / __ / ____",
                ),
                tr("Each party declares having received a signed copy."),
            ),
            signatories=(
                (tr("For the federal State,"), tr("The Minister of the Interior")),
                (tr("For the Municipality,"), tr("The Mayor"), tr("The Director-General")),
            ),
            page_label=tr("Page %(page)s / %(pages)s", page="{page}", pages="{pages}"),
            file_stem="-".join(
                ["convention", str(self.plan.pk), self.language, *([str(self.year)] if self.year else [])]
            ),
        )

    def _municipality_name(self) -> str | None:
        organisation = self.plan.municipality
        if organisation is not None and self.language != "fr":
            translated = {"nl": organisation.name_nl, "de": organisation.name_de}.get(self.language, "")
            if translated:
                return translated
        return self.outline.municipality

    # -- general provisions ------------------------------------------------------------------------

    def _annual_clause(self, municipality: str | None) -> str | None:
        finance = self.outline.finance
        if finance is None:
            return None
        amount = format_eur(finance.annual_amount_eur) if finance.annual_amount_eur is not None else "xxx EUR"
        beneficiary = (
            _elided("the MUNICIPALITY of %(name)s", municipality) if municipality else tr("the Municipality")
        )
        text = tr(
            "On the basis of this plan and of the royal decree, and subject to the available credits, an "
            "annual amount of %(amount)s is granted to %(beneficiary)s.",
            amount=amount,
            beneficiary=beneficiary,
        )
        return f"1. {text}"

    def _contingent(self, contingent: ContingentOutline) -> Contingent:
        amount = contingent.annual_amount_eur
        paragraph = tr(
            "An additional annual amount of %(amount)s is allocated to the additional contingent "
            "%(name)s, distributed as follows:",
            amount=format_eur(amount) if amount is not None else "xxx EUR",
            name=contingent.name,
        )
        cap = contingent.equipment_cap_per_fte_eur
        note = tr("* Maximum %(cap)s per FTE", cap=format_eur(cap)) if cap is not None else None
        return Contingent(paragraph, contingent_table(contingent), note)

    def _clauses(self) -> tuple[str, ...]:
        o = self.outline
        texts = []
        if o.period_start and o.period_end:
            texts.append(
                tr(
                    "This plan comes into force on %(start)s and ends on %(end)s.",
                    start=date_format(o.period_start, "j F Y"),
                    end=date_format(o.period_end, "j F Y"),
                )
            )
        texts.append(
            tr(
                "The local authorities undertake to use the federal subsidies as effectively and "
                "efficiently as possible, to provide on request any useful information on their use and "
                "to allow any control."
            )
        )
        first = 2 if o.finance is not None else 1
        return tuple(f"{n}. {text}" for n, text in enumerate(texts, start=first))

    # -- the plan body ------------------------------------------------------------------------------

    def _modules(self) -> tuple[Module, ...]:
        counters = {"phenomenon": 0, "sector": 0}
        modules = []
        for module in self.outline.modules:
            if module.kind == "coordination":
                mark = tr("COORDINATION")
            elif module.kind == "sector":
                counters["sector"] += 1
                mark = tr("SECTOR OF ACTIVITY %(number)s", number=counters["sector"])
            else:
                counters["phenomenon"] += 1
                mark = tr("PHENOMENON %(number)s", number=counters["phenomenon"])
            modules.append(self._module(mark, module))
        return tuple(modules)

    def _module(self, mark: str, module: ModuleOutline) -> Module:
        groups: list[tuple[str | None, list[SO]]] = []
        for so in module.strategic_objectives:
            if not groups or groups[-1][0] != so.service:
                groups.append((so.service, []))
            groups[-1][1].append(so)
        return Module(
            mark=mark,
            title=module.title,
            description=module.description,
            general_heading=tr("General objectives"),
            general_objectives=tuple(module.general_objectives),
            groups=tuple(
                ServiceGroup(
                    service=tr("Service: %(name)s", name=service) if service else None,
                    heading=tr("Strategic objectives"),
                    objectives=tuple(self._objective(so) for so in objectives),
                )
                for service, objectives in groups
            ),
        )

    def _objective(self, so: SO) -> Objective:
        rows = []
        for oo in so.operational_objectives:
            results = oo.results or [""]
            rows.append(Row((Cell(oo.title), Cell(results[0]))))
            rows.extend(Row((Cell(""), Cell(result))) for result in results[1:])
        objectives = Table(
            (tr("Operational objectives"), tr("Expected results")), tuple(rows), (42, 58), "objectives"
        )
        indicator_rows = [self._indicator(i) for i in so.indicators]
        for oo in so.operational_objectives:
            if oo.indicators:
                label = tr("Operational objective: %(title)s", title=oo.title)
                indicator_rows.append(Row((Cell(label),), label=True))
                indicator_rows.extend(self._indicator(i) for i in oo.indicators)
        header = (
            tr("Indicators"),
            tr("FPS Home Affairs analysis"),
            tr("Evaluation colour code"),
            tr("Evaluation reasoning"),
        )
        return Objective(
            domain=tr("Domain: %(name)s", name=so.domain) if so.domain else None,
            title=so.title,
            objectives=objectives,
            caption=tr("Evaluation %(year)s", year=self.year) if self.year else tr("Evaluation"),
            indicators=Table(header, tuple(indicator_rows), (40, 23, 12, 25), "indicators"),
        )

    def _indicator(self, indicator: IndicatorOutline) -> Row:
        found = self.assessed.get(id(indicator), Assessed())
        return Row(
            (
                Cell(indicator.text),
                Cell(found.analysis),
                Cell(found.colour, shade=found.hex),
                Cell(found.motivation),
            )
        )
