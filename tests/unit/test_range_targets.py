"""A range target ("entre 20 et 40 jours par an", "tussen 20 en 40"): read from the text, and
met by a sum inside its bounds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from balise.domain.interchange import target_from_dict, target_to_dict
from balise.domain.progress import Status, Value, compute
from balise.domain.targets import Period, TargetKind, parse_target

YEAR = (date(2024, 1, 1), date(2024, 12, 31))


def year_value(amount: Decimal) -> Value:
    return Value(*YEAR, amount=amount)


def test_a_range_is_read_in_french_dutch_english_and_german():
    for text in (
        "Nombre de jours de formation : entre 20 et 40 jours par an",
        "Aantal opleidingsdagen: tussen 20 en 40 per jaar",
        "Training days: between 20 and 40 per year",
        "Schulungstage: zwischen 20 und 40 pro Jahr",
    ):
        target = parse_target(text)
        assert target is not None, text
        assert (target.kind, target.value, target.upper, target.per) == (
            TargetKind.RANGE,
            Decimal(20),
            Decimal(40),
            Period.YEAR,
        ), text


def test_the_raw_text_of_a_range_is_kept_as_written():
    assert parse_target("Visites : entre 20 et 40 jours par an").raw == "entre 20 et 40 jours par an"
    assert parse_target("tussen 20 en 40").raw == "tussen 20 en 40"


def test_bounds_in_the_wrong_order_are_not_a_range():
    target = parse_target("entre 40 et 20")
    assert target is None or target.kind is not TargetKind.RANGE


def test_a_range_is_met_inside_its_bounds_both_included():
    target = parse_target("entre 20 et 40 jours par an")
    for amount, status in ((20, Status.MET), (40, Status.MET), (30, Status.MET), (17, Status.PARTLY_MET)):
        assert compute(target, [year_value(Decimal(amount))], *YEAR).status is status, amount
    assert compute(target, [year_value(Decimal(10))], *YEAR).status is Status.NOT_MET
    assert compute(target, [year_value(Decimal(45))], *YEAR).status is Status.PARTLY_MET  # a little too much
    assert compute(target, [year_value(Decimal(80))], *YEAR).status is Status.NOT_MET


def test_a_ranges_bounds_are_scaled_to_the_window_like_a_count():
    result = compute(parse_target("entre 1 et 2 par mois"), [year_value(Decimal(18))], *YEAR)
    assert (result.status, result.expected, result.upper) == (Status.MET, Decimal("12.00"), Decimal("24.00"))


def test_a_range_without_values_has_no_data():
    assert compute(parse_target("tussen 20 en 40"), [], *YEAR).status is Status.NO_DATA


def test_a_range_goes_through_the_interchange_format_and_back():
    target = parse_target("entre 2,5 et 4 h/semaine")
    assert target_from_dict(target_to_dict(target)) == target


bounds = st.integers(min_value=0, max_value=10_000)


@given(bounds, bounds)
def test_any_written_range_is_read_with_its_two_bounds(a, b):
    low, high = min(a, b), max(a, b)
    for text in (f"entre {low} et {high} jours par an", f"tussen {low} en {high} per jaar"):
        target = parse_target(text)
        assert target is not None and target.kind is TargetKind.RANGE
        assert (target.value, target.upper, target.per) == (Decimal(low), Decimal(high), Period.YEAR)


@given(bounds, bounds, st.lists(st.integers(min_value=0, max_value=5_000), min_size=1, max_size=12))
def test_a_range_is_met_exactly_when_the_sum_lies_between_its_bounds(a, b, amounts):
    low, high = min(a, b), max(a, b)
    target = parse_target(f"entre {low} et {high} par an")
    months = [
        Value(date(2024, m, 1), date(2024, m, 28), amount=Decimal(n)) for m, n in enumerate(amounts, start=1)
    ]
    result = compute(target, months, *YEAR)
    assert (result.status is Status.MET) == (low <= sum(amounts) <= high)
    assert result.actual == sum(amounts)


@given(bounds, bounds, st.integers(min_value=0, max_value=20_000))
def test_a_range_is_partly_met_only_near_its_bounds(a, b, amount):
    low, high = min(a, b), max(a, b)
    result = compute(parse_target(f"entre {low} et {high} par an"), [year_value(Decimal(amount))], *YEAR)
    if result.status is Status.PARTLY_MET:
        near_low = amount < low and Decimal(amount) >= Decimal("0.8") * low
        near_high = amount > high and Decimal(high) >= Decimal("0.8") * amount
        assert near_low or near_high
