"""Money rules of the grant: strict reading of amounts, rate tables, occupation, overruns,
report deadlines. Pure functions, no database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balise.domain.money import (
    DEFAULT_RATE_RULES,
    AmountError,
    RateRule,
    ReportStatus,
    balance,
    contingent_code,
    equipment_cap,
    format_eur,
    is_overdue,
    overruns,
    personnel_amount,
    personnel_due,
    read_amount,
    report_status,
    rule_for,
    to_cents,
    total,
)

amounts = st.decimals(min_value=0, max_value=10**9, places=2)
ftes = st.decimals(min_value=0, max_value=50, places=2)


def test_the_default_rule_gives_the_2020_2022_rates_of_seed_000():
    rule = rule_for(DEFAULT_RATE_RULES, date(2021, 6, 1), "346")
    assert (rule.monthly_rate, rule.equipment_cap_per_fte) == (Decimal("420.00"), Decimal("366.86"))
    personnel = personnel_amount(Decimal(2), rule.monthly_rate, 12)
    cap = equipment_cap(Decimal(2), rule.equipment_cap_per_fte)
    assert (personnel, cap, total([personnel, cap])) == (
        Decimal("10080.00"),
        Decimal("733.72"),
        Decimal("10813.72"),
    )


def test_no_rule_applies_outside_its_period():
    assert rule_for(DEFAULT_RATE_RULES, date(2023, 1, 1), "346") is None
    assert rule_for(DEFAULT_RATE_RULES, date(2019, 12, 31)) is None


def test_a_rule_for_the_contingent_wins_over_a_general_one_and_the_latest_start_wins():
    rules = [
        RateRule(date(2020, 1, 1), None, Decimal("420"), Decimal("366.86")),
        RateRule(date(2023, 1, 1), None, Decimal("450"), Decimal("380")),
        RateRule(date(2020, 1, 1), None, Decimal("500"), Decimal("400"), contingent="90"),
    ]
    assert rule_for(rules, date(2024, 1, 1), "346").monthly_rate == Decimal("450")
    assert rule_for(rules, date(2024, 1, 1), "90").monthly_rate == Decimal("500")
    assert rule_for(rules, date(2021, 1, 1), "346").monthly_rate == Decimal("420")


def test_the_contingent_code_is_read_from_its_name():
    assert contingent_code("Gardiens de la paix 346") == "346"
    assert contingent_code("Gardiens de la paix 90") == "90"
    assert contingent_code("Médiation locale") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("733,72 €", "733.72"),
        ("0", "0.00"),
        ("12,345", "12.35"),
    ],
)
def test_typed_amounts_are_read_the_belgian_way_and_rounded_half_up(text, expected):
    assert read_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "12abc", "1e5", "NaN", "Infinity", "--", "12,3,4x"])
def test_words_and_blanks_are_not_amounts(text):
    with pytest.raises(AmountError) as caught:
        read_amount(text)
    assert caught.value.reason == "not_a_number"


@pytest.mark.parametrize("value", ["-1", "-0,01", Decimal("-5"), -3])
def test_negative_amounts_are_refused_unless_allowed(value):
    with pytest.raises(AmountError) as caught:
        read_amount(value)
    assert caught.value.reason == "negative"
    assert read_amount(value, allow_negative=True) < 0


def test_booleans_and_none_are_not_amounts():
    for value in (None, True, False):
        with pytest.raises(AmountError):
            read_amount(value)


def test_a_vacant_month_and_a_part_time_month_lower_the_personnel_due():
    planned = personnel_due(Decimal(2), Decimal(420), 12, {})
    assert planned == Decimal("10080.00")
    # March vacant for one guard (1 FTE), April half-time for one (1,5 FTE).
    assert personnel_due(Decimal(2), Decimal(420), 12, {3: Decimal(1), 4: Decimal("1.5")}) == Decimal(
        "9450.00"
    )


def test_an_occupation_above_the_contingent_never_raises_the_amount_due():
    assert personnel_due(Decimal(2), Decimal(420), 12, {1: Decimal(5)}) == Decimal("10080.00")


def test_overruns_report_only_lines_with_a_budget_that_is_passed():
    found = overruns(
        {"personnel": Decimal("100"), "functioning": Decimal("50"), "investment": None},
        {"personnel": Decimal("100"), "functioning": Decimal("50.01"), "investment": Decimal("999")},
    )
    assert [(o.line, o.excess) for o in found] == [("functioning", Decimal("0.01"))]


def test_the_balance_is_unknown_without_an_allocation():
    assert balance(None, Decimal(5)) is None
    assert balance(Decimal("592354.64"), Decimal("0.64")) == Decimal("592354.00")


def test_report_status_to_do_on_time_late():
    due = date(2024, 3, 31)
    assert report_status(due, None, date(2024, 3, 31)) is ReportStatus.TO_DO
    assert report_status(due, date(2024, 3, 31), date(2024, 5, 1)) is ReportStatus.ON_TIME
    assert report_status(due, date(2024, 4, 1), date(2024, 5, 1)) is ReportStatus.LATE
    assert report_status(due, None, date(2024, 4, 1)) is ReportStatus.LATE
    assert is_overdue(due, None, date(2024, 4, 1)) and not is_overdue(due, date(2024, 4, 2), date(2024, 5, 1))


# --- properties of the arithmetic ---------------------------------------------------------------


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6))
def test_rounding_to_the_cent_is_half_up_and_never_off_by_more_than_half_a_cent(value):
    cents = to_cents(value)
    assert cents == cents.quantize(Decimal("0.01"))
    assert abs(cents - value) <= Decimal("0.005")
    if abs(value * 1000) % 10 == 5 and value == value.quantize(Decimal("0.001")):
        assert abs(cents) > abs(value)  # a half cent goes away from zero


@given(st.lists(amounts, max_size=30))
def test_a_total_is_the_exact_sum_of_amounts_already_to_the_cent(items):
    assert total(items) == sum(items, Decimal(0))
    assert total([*items, None]) == total(items)


@given(amounts)
def test_typing_a_formatted_amount_gives_it_back(amount):
    assert read_amount(format_eur(amount)) == amount


@given(
    ftes,
    st.decimals(min_value=0, max_value=5000, places=2),
    st.integers(1, 12),
    st.dictionaries(st.integers(1, 12), ftes),
)
def test_the_personnel_due_never_passes_the_planned_amount_nor_goes_below_zero(fte, rate, months, employed):
    due = personnel_due(fte, rate, months, employed)
    planned = personnel_amount(fte, rate, months)
    assert Decimal(0) <= due <= planned + Decimal("0.01")


@given(ftes, st.decimals(min_value=0, max_value=5000, places=2), st.integers(1, 12))
def test_the_personnel_due_with_full_occupation_is_the_planned_amount(fte, rate, months):
    full = dict.fromkeys(range(1, months + 1), fte)
    assert personnel_due(fte, rate, months, full) == personnel_amount(fte, rate, months)


@given(
    st.dictionaries(st.sampled_from(["a", "b", "c"]), amounts),
    st.dictionaries(st.sampled_from(["a", "b", "c"]), amounts),
)
def test_a_line_is_an_overrun_exactly_when_its_spending_passes_its_budget(budget, spent):
    found = {o.line for o in overruns(budget, spent)}
    assert found == {line for line, limit in budget.items() if spent.get(line, Decimal(0)) > limit}
    assert all(o.excess > 0 for o in overruns(budget, spent))


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    st.integers(-400, 400),
    st.integers(0, 400),
)
def test_a_report_sent_is_never_to_do_and_late_exactly_after_its_deadline(due, offset, wait):
    sent = due + timedelta(days=offset)
    status = report_status(due, sent, sent + timedelta(days=wait))
    assert status is (ReportStatus.LATE if sent > due else ReportStatus.ON_TIME)
