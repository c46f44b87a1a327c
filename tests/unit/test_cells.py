"""A grid cell's text, cut into value fields by the shape of its target, and written back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from balise.domain.cells import CellShape, CellValues, join_cell, shape_of, split_cell
from balise.domain.targets import parse_target


def shape(text: str) -> CellShape:
    return shape_of(parse_target(text))


def test_the_shape_follows_the_target():
    assert shape("≥ 50 /an") is CellShape.NUMBER
    assert shape("≥ 3 h/semaine") is CellShape.NUMBER
    assert shape("≥ 7 h/jour") is CellShape.HOURS_IN_DAYS
    assert shape("30%") is CellShape.RATIO
    assert shape("Oui/Non") is CellShape.YES_NO
    assert shape("d'ici fin 2020") is CellShape.DONE_ON
    assert shape_of(None) is CellShape.NUMBER_OR_YES_NO


def test_a_ratio_is_written_count_slash_total():
    assert split_cell(CellShape.RATIO, " 18 / 60 ") == {"numerator": "18", "denominator": "60"}
    assert split_cell(CellShape.RATIO, "18") == {"numerator": "18", "denominator": ""}


def test_hours_per_day_are_written_hours_slash_days_worked():
    assert split_cell(CellShape.HOURS_IN_DAYS, "140,5/20") == {"amount": "140,5", "days": "20"}


def test_a_deadline_cell_takes_a_belgian_or_iso_date_or_no():
    assert split_cell(CellShape.DONE_ON, "5/3/2025") == {"done": "yes", "done_on": "2025-03-05"}
    assert split_cell(CellShape.DONE_ON, "2025-03-05") == {"done": "yes", "done_on": "2025-03-05"}
    assert split_cell(CellShape.DONE_ON, "nee") == {"done": "nee"}


def test_without_target_a_word_is_yes_or_no_and_a_digit_a_number():
    assert split_cell(CellShape.NUMBER_OR_YES_NO, "oui") == {"done": "oui"}
    assert split_cell(CellShape.NUMBER_OR_YES_NO, "1") == {"amount": "1"}


def test_an_empty_cell_has_no_fields():
    assert split_cell(CellShape.NUMBER, "  ") == {}


def test_numbers_are_written_with_a_decimal_comma_and_no_trailing_zeros():
    assert join_cell(CellShape.NUMBER, CellValues(amount=Decimal("7.50"))) == "7,5"
    assert join_cell(CellShape.NUMBER, CellValues(amount=Decimal("1200.00"))) == "1200"


def test_yes_and_no_are_written_in_the_readers_words():
    assert join_cell(CellShape.YES_NO, CellValues(done=False), yes="oui", no="non") == "non"
    assert join_cell(CellShape.DONE_ON, CellValues(done=True, done_on=date(2025, 3, 5))) == "05/03/2025"


amounts = st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2)


@given(amounts, amounts)
def test_a_ratio_written_back_splits_into_the_same_numbers(numerator, denominator):
    text = join_cell(CellShape.RATIO, CellValues(numerator=numerator, denominator=denominator))
    fields = split_cell(CellShape.RATIO, text)
    assert Decimal(fields["numerator"].replace(",", ".")) == numerator
    assert Decimal(fields["denominator"].replace(",", ".")) == denominator


@given(amounts)
def test_a_number_written_back_splits_into_the_same_number(amount):
    fields = split_cell(CellShape.NUMBER, join_cell(CellShape.NUMBER, CellValues(amount=amount)))
    assert Decimal(fields["amount"].replace(",", ".")) == amount


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_a_done_date_written_back_splits_into_the_same_date(day):
    text = join_cell(CellShape.DONE_ON, CellValues(done=True, done_on=day))
    assert split_cell(CellShape.DONE_ON, text) == {"done": "yes", "done_on": day.isoformat()}
