"""Validation of values and periods by target, and who may do what: no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from balise.accounts.roles import Role
from balise.domain.periods import Granularity, parse_period
from balise.domain.progress import Status
from balise.domain.targets import parse_target
from balise.monitoring.rules import can_analyse, can_record_values, can_reopen, can_self_evaluate
from balise.monitoring.selectors import combine
from balise.monitoring.validation import clean_values, implied_granularity, period_errors


def target(text: str):
    return parse_target(text)


def errors(text: str | None, data: dict, period: str = "2024") -> dict:
    return clean_values(target(text) if text else None, data, parse_period(period))[1]


def test_a_count_must_be_a_whole_number_of_zero_or_more():
    assert errors("≥ 50/an", {"amount": "12"}) == {}
    assert errors("≥ 50/an", {"amount": "0"}) == {}
    assert set(errors("≥ 50/an", {"amount": "1,5"})) == {"amount"}
    assert set(errors("≥ 50/an", {"amount": "-2"})) == {"amount"}
    assert set(errors("≥ 50/an", {})) == {"amount"}


def test_a_count_reads_a_comma_as_decimal_mark_and_keeps_cents():
    values, _ = clean_values(target("≥ 7 h/semaine"), {"amount": "7,5"}, parse_period("2024-W05"))
    assert values["amount"] == Decimal("7.50")


def test_hours_per_day_need_days_worked_except_for_a_single_day():
    assert set(errors("≥ 7 h/jour", {"amount": "140"}, "2024-03")) == {"days"}
    assert set(errors("≥ 7 h/jour", {"amount": "140", "days": "0"}, "2024-03")) == {"days"}
    values, problems = clean_values(target("≥ 7 h/jour"), {"amount": "8"}, parse_period("2024-03-15"))
    assert problems == {} and values["days"] == 1


def test_a_percentage_needs_a_positive_denominator_not_below_the_numerator():
    assert errors("≥ 30%", {"numerator": "3", "denominator": "10"}) == {}
    assert set(errors("≥ 30%", {"numerator": "3", "denominator": "0"})) == {"denominator"}
    assert set(errors("≥ 30%", {"numerator": "11", "denominator": "10"})) == {"numerator"}
    assert set(errors("≥ 30%", {"numerator": "-1", "denominator": "10"})) == {"numerator"}


def test_a_boolean_needs_yes_or_no_in_any_of_the_languages():
    for answer, expected in (("oui", True), ("Nee", False), (True, True), ("0", False)):
        values, problems = clean_values(target("Oui/Non"), {"done": answer})
        assert problems == {} and values["done"] is expected
    assert set(errors("Oui/Non", {"done": "peut-être"})) == {"done"}
    assert set(errors("Oui/Non", {"amount": "1"})) == {"done"}


def test_a_deadline_done_needs_its_date_and_unused_fields_are_dropped():
    assert set(errors("d'ici fin 2024", {"done": True})) == {"done_on"}
    values, problems = clean_values(
        target("d'ici fin 2024"), {"done": True, "done_on": "2024-05-02", "amount": 9}
    )
    assert problems == {} and values["done_on"] == date(2024, 5, 2) and values["amount"] is None


def test_no_target_takes_a_number_or_a_yes_no_but_not_nothing():
    assert errors(None, {"amount": "3"}) == {}
    assert errors(None, {"done": "oui"}) == {}
    assert set(errors(None, {"comment": "rien"})) == {"amount"}


@pytest.mark.parametrize(
    ("text", "allowed", "refused"),
    [
        ("≥ 50/an", ["2024", "2024-Q1", "2024-03", "2024-W05"], ["2024-03-15"]),
        ("≥ 1/mois", ["2024-03", "2024-W05", "2024-03-15"], ["2024", "2024-Q1"]),
        ("4 x/semaine", ["2024-W05", "2024-03-15"], ["2024", "2024-03"]),
        ("≥ 7 h/jour", ["2024-03-15", "2024-W05", "2024-03"], ["2024", "2024-Q1"]),
        ("≥ 30%", ["2024", "2024-Q1", "2024-03", "2024-W05", "2024-03-15"], []),
    ],
)
def test_the_period_must_suit_the_target(text, allowed, refused):
    for label in allowed:
        assert period_errors(target(text), parse_period(label), None, None) == [], label
    for label in refused:
        assert period_errors(target(text), parse_period(label), None, None), label


def test_the_period_must_lie_inside_the_plan():
    start, end = date(2023, 1, 1), date(2025, 12, 31)
    assert period_errors(None, parse_period("2025-12"), start, end) == []
    assert period_errors(None, parse_period("2022-12"), start, end)
    assert period_errors(None, parse_period("2025-W01"), date(2025, 1, 1), end)  # starts 30 Dec 2024


def test_the_target_implies_the_entry_period():
    assert implied_granularity(target("≥ 50/an")) is Granularity.YEAR
    assert implied_granularity(target("≥ 7 h/jour")) is Granularity.MONTH
    assert implied_granularity(target("4 x/semaine")) is Granularity.WEEK
    assert implied_granularity(None) is Granularity.YEAR


def test_a_strategic_objective_is_suggested_from_its_indicators():
    assert combine([Status.MET, Status.NO_DATA]) is Status.MET
    assert combine([Status.NOT_MET, Status.NOT_MET]) is Status.NOT_MET
    assert combine([Status.MET, Status.NOT_MET]) is Status.PARTLY_MET
    assert combine([Status.NO_DATA]) is Status.NO_DATA


# --- roles (users with their memberships cached, as `balise.accounts.rules` reads them) ---------


def user(*roles: tuple[str, int], superuser: bool = False):
    return SimpleNamespace(
        is_authenticated=True,
        is_superuser=superuser,
        _balise_memberships=[(role, org, None) for role, org in roles],
    )


PLAN = SimpleNamespace(municipality_id=7, kind="pssp")


@pytest.mark.parametrize(
    ("who", "record", "self_evaluate", "analyse", "reopen"),
    [
        (user((Role.MUNICIPALITY_EDITOR, 7)), True, True, False, False),
        (user((Role.INTERNAL_EVALUATOR, 7)), True, True, False, False),
        (user((Role.MUNICIPALITY_VIEWER, 7)), False, False, False, False),
        (user((Role.MUNICIPALITY_EDITOR, 8)), False, False, False, False),
        (user((Role.FEDERAL_ANALYST, 1)), False, False, True, False),
        (user(superuser=True), True, True, True, True),
        (SimpleNamespace(is_authenticated=False, is_superuser=False), False, False, False, False),
    ],
)
def test_roles(who, record, self_evaluate, analyse, reopen):
    assert (
        bool(can_record_values(who, PLAN)),
        bool(can_self_evaluate(who, PLAN)),
        bool(can_analyse(who, PLAN)),
        bool(can_reopen(who)),
    ) == (record, self_evaluate, analyse, reopen)
