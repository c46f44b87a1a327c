from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from balise.domain.money import contingent_total, equipment_cap, format_eur, parse_amount, personnel_amount


def test_seed_000_contingent_reconciles_to_the_cent():
    personnel = personnel_amount(Decimal("2"), Decimal("420"), 12)
    equipment = equipment_cap(Decimal("2"), Decimal("366.86"))
    assert personnel == Decimal("10080.00")
    assert equipment == Decimal("733.72")
    assert contingent_total(personnel, equipment) == Decimal("10813.72")


def test_belgian_amounts_are_read_as_decimals():
    assert parse_amount("592.354,64 EUR") == Decimal("592354.64")
    assert parse_amount("10.080,00 €") == Decimal("10080.00")
    assert parse_amount("733,72 €") == Decimal("733.72")
    assert parse_amount("xxx EUR") is None


def test_amounts_are_shown_in_belgian_format():
    assert format_eur(Decimal("1234.56")) == "1\u202f234,56 €"
    assert format_eur(Decimal("592354.64")) == "592\u202f354,64 €"
    assert format_eur(None) == "—"


@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_formatting_then_reading_an_amount_gives_it_back(amount):
    assert parse_amount(format_eur(amount).replace("\u202f", ".")) == amount


@given(
    st.decimals(min_value=0, max_value=100, places=2),
    st.decimals(min_value=0, max_value=10_000, places=2),
    st.integers(min_value=0, max_value=12),
)
def test_personnel_amounts_are_rounded_to_the_cent(fte, rate, months):
    amount = personnel_amount(fte, rate, months)
    assert amount == amount.quantize(Decimal("0.01"))
    assert abs(amount - fte * rate * months) <= Decimal("0.005")
