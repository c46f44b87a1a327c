"""The shipped demo data (Valmont-sur-Senne) is a valid, coherent plan with fitting measurements."""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

import balise
from balise.domain import interchange, money
from balise.domain.outline import IndicatorOutline, PlanOutline
from balise.domain.targets import Period, Target, TargetKind, parse_target
from balise.reference.data import COORDINATION_OBJECTIVES, PHENOMENA, PHENOMENON_OBJECTIVES

DATA = Path(balise.__file__).resolve().parent / "demo" / "data"
PLAN_FILE = DATA / "valmont_pssp_2023_2025.json"
MEASUREMENTS_FILE = DATA / "valmont_measurements.json"

YEAR = re.compile(r"(?P<year>\d{4})")
MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])")
WEEK = re.compile(r"(?P<year>\d{4})-W(?P<week>0[1-9]|[1-4]\d|5[0-3])")
DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def plan_text() -> str:
    return PLAN_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan(plan_text: str) -> PlanOutline:
    return interchange.loads(plan_text)


@pytest.fixture(scope="module")
def indicators(plan: PlanOutline) -> dict[str, IndicatorOutline]:
    return {indicator.text: indicator for indicator in plan.iter_indicators()}


@pytest.fixture(scope="module")
def measurements() -> list[dict[str, Any]]:
    return json.loads(MEASUREMENTS_FILE.read_text(encoding="utf-8"))


# --- the plan ------------------------------------------------------------------------------------


def test_the_plan_file_is_the_canonical_dump_of_its_own_outline(plan_text: str, plan: PlanOutline) -> None:
    assert interchange.outline_to_dict(plan) == json.loads(plan_text)
    assert interchange.dumps(plan) == plan_text


def test_the_plan_is_the_valmont_pssp_2023_2025(plan: PlanOutline) -> None:
    assert (plan.kind, plan.municipality, plan.language) == ("pssp", "Valmont-sur-Senne", "fr")
    assert (str(plan.period_start), str(plan.period_end), str(plan.signed_on)) == (
        "2023-01-01",
        "2025-12-31",
        "2023-03-15",
    )
    assert len(plan.parties) == 2
    assert "Ministre de l'Intérieur" in plan.parties[0]
    assert "Bourgmestre" in plan.parties[1] and "Directrice générale" in plan.parties[1]


def test_the_finance_figures_reconcile_with_the_money_rules(plan: PlanOutline) -> None:
    assert plan.finance is not None
    assert plan.finance.annual_amount_eur == Decimal("412500.00")
    (contingent,) = plan.finance.contingents
    assert contingent.name == "Gardiens de la paix 346"
    assert contingent.fte is not None and contingent.monthly_rate_eur is not None
    assert contingent.months is not None and contingent.equipment_cap_per_fte_eur is not None
    personnel = money.personnel_amount(contingent.fte, contingent.monthly_rate_eur, contingent.months)
    assert personnel == contingent.personnel_eur == Decimal("15120.00")
    assert money.contingent_total(personnel, contingent.equipment_eur) == contingent.annual_amount_eur
    assert contingent.annual_amount_eur == Decimal("16220.58")
    cap = money.equipment_cap(contingent.fte, contingent.equipment_cap_per_fte_eur)
    assert contingent.equipment_eur is not None and contingent.equipment_eur <= cap


def test_modules_and_strategic_objectives_come_from_the_reference_lists(plan: PlanOutline) -> None:
    phenomena = {p.fr for p in PHENOMENA}
    coordination = [m for m in plan.modules if m.kind == "coordination"]
    phenomenon_modules = [m for m in plan.modules if m.kind == "phenomenon"]
    assert [m.title for m in coordination] == ["Coordination"]
    assert len(phenomenon_modules) == 4
    assert all(m.title in phenomena for m in phenomenon_modules)
    coordination_catalogue = {o.fr for o in COORDINATION_OBJECTIVES}
    assert all(so.title in coordination_catalogue for so in coordination[0].strategic_objectives)
    catalogue = {o.fr for o in PHENOMENON_OBJECTIVES}
    assert all(so.title in catalogue for m in phenomenon_modules for so in m.strategic_objectives)


def test_every_operational_objective_has_results_and_indicators(plan: PlanOutline) -> None:
    for module in plan.modules:
        assert module.general_objectives, module.title
        for so in module.strategic_objectives:
            assert 1 <= len(so.operational_objectives) <= 3, so.title
            for oo in so.operational_objectives:
                assert 1 <= len(oo.results) <= 3, oo.title
                assert 1 <= len(oo.indicators) <= 3, oo.title


def test_indicator_texts_are_unique_so_measurements_can_name_them(plan: PlanOutline) -> None:
    texts = Counter(indicator.text for indicator in plan.iter_indicators())
    assert 35 <= sum(texts.values()) <= 45
    assert [text for text, n in texts.items() if n > 1] == []


def test_every_target_kind_and_period_unit_appears(plan: PlanOutline) -> None:
    targets = [indicator.target for indicator in plan.iter_indicators()]
    present = [t for t in targets if t is not None]
    assert {t.kind for t in present} == set(TargetKind)
    assert {t.per for t in present if t.kind == TargetKind.COUNT} == {Period.YEAR, Period.MONTH, Period.WEEK}
    assert {t.per for t in present if t.kind == TargetKind.HOURS} == {Period.DAY, Period.WEEK}
    assert {t.comparator for t in present if t.kind == TargetKind.PERCENT} == {">=", None}
    assert any(t.kind == TargetKind.DEADLINE and str(t.deadline) == "2024-12-31" for t in present)
    assert targets.count(None) == 1  # the "X nombre de …" placeholder


def test_every_target_is_what_parse_target_reads_in_its_indicator(plan: PlanOutline) -> None:
    disagreements = [
        (indicator.text, indicator.target, parse_target(indicator.text))
        for indicator in plan.iter_indicators()
        if parse_target(indicator.text) != indicator.target
    ]
    assert disagreements == []


def test_every_raw_target_is_written_verbatim_in_its_indicator_text(plan: PlanOutline) -> None:
    for indicator in plan.iter_indicators():
        if indicator.target is not None:
            assert indicator.target.raw in indicator.text, indicator.text


# --- the measurements ----------------------------------------------------------------------------


def _period_fits(target: Target, period: str) -> bool:
    """Yearly values for booleans, deadlines and percentages; the target's own unit otherwise,
    or months for yearly counts and daily hours (summed / averaged over the year)."""
    if target.kind in (TargetKind.BOOLEAN, TargetKind.DEADLINE, TargetKind.PERCENT):
        return bool(YEAR.fullmatch(period))
    if target.per == Period.WEEK:
        return bool(WEEK.fullmatch(period))
    if target.per == Period.MONTH:
        return bool(MONTH.fullmatch(period))
    return bool(YEAR.fullmatch(period) or MONTH.fullmatch(period))


def test_every_measurement_names_an_indicator_with_a_target(
    measurements: list[dict[str, Any]], indicators: dict[str, IndicatorOutline]
) -> None:
    unknown = [m["indicator"] for m in measurements if m["indicator"] not in indicators]
    assert unknown == []
    assert all(indicators[m["indicator"]].target is not None for m in measurements)


def test_every_measurement_period_fits_its_target_and_lies_in_the_plan(
    measurements: list[dict[str, Any]], indicators: dict[str, IndicatorOutline]
) -> None:
    for m in measurements:
        target = indicators[m["indicator"]].target
        assert target is not None
        assert _period_fits(target, m["period"]), (m["period"], target.raw, m["indicator"])
        assert m["period"][:4] in {"2023", "2024"}


def test_each_indicator_has_at_most_one_value_per_period(measurements: list[dict[str, Any]]) -> None:
    keys = Counter((m["indicator"], m["period"]) for m in measurements)
    assert [key for key, n in keys.items() if n > 1] == []


def test_measurement_values_have_the_shape_their_target_needs(
    measurements: list[dict[str, Any]], indicators: dict[str, IndicatorOutline]
) -> None:
    for m in measurements:
        target = indicators[m["indicator"]].target
        assert target is not None
        extra = set(m) - {"indicator", "period", "value", "comment"}
        dimensions = indicators[m["indicator"]].dimensions
        if dimensions:  # values per category only: the total is computed, never written
            assert extra == {"parts"} and "value" not in m, m
            for part in m["parts"]:
                assert list(part["categories"]) == list(dimensions) and isinstance(part["amount"], int), m
            continue
        if target.kind in (TargetKind.BOOLEAN, TargetKind.DEADLINE):
            assert isinstance(m["value"], bool) and not extra, m
            continue
        assert isinstance(m["value"], str) and DECIMAL.fullmatch(m["value"]), m
        if target.kind == TargetKind.PERCENT:
            assert extra == {"numerator", "denominator"}, m
            ratio = Decimal(100) * Decimal(m["numerator"]) / Decimal(m["denominator"])
            assert Decimal(m["value"]) == ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), m
        elif target.kind == TargetKind.HOURS and target.per == Period.DAY:
            assert extra == {"days"} and isinstance(m["days"], int) and m["days"] > 0, m
        else:
            assert not extra, m


def test_both_years_are_covered_for_all_but_a_few_targeted_indicators(
    measurements: list[dict[str, Any]], indicators: dict[str, IndicatorOutline]
) -> None:
    years = {(m["indicator"], m["period"][:4]) for m in measurements}
    targeted = [text for text, indicator in indicators.items() if indicator.target is not None]
    without_data = [text for text in targeted if not any((text, y) in years for y in ("2023", "2024"))]
    half_covered = [text for text in targeted if ((text, "2023") in years) != ((text, "2024") in years)]
    assert 2 <= len(without_data) <= 3
    assert half_covered == []


def test_yearly_counts_are_also_recorded_month_by_month(
    measurements: list[dict[str, Any]], indicators: dict[str, IndicatorOutline]
) -> None:
    monthly_yearly_counts = {
        m["indicator"]
        for m in measurements
        if MONTH.fullmatch(m["period"])
        and (target := indicators[m["indicator"]].target) is not None
        and (target.kind, target.per) == (TargetKind.COUNT, Period.YEAR)
    }
    assert len(monthly_yearly_counts) >= 5
