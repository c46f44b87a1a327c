from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from balise.domain.periods import Granularity, PeriodError, parse_period, periods_of_year
from balise.domain.progress import Status, Value, compute
from balise.domain.targets import parse_target

Y2024 = (date(2024, 1, 1), date(2024, 12, 31))


def month(m: int, **fields) -> Value:
    period = parse_period(f"2024-{m:02d}")
    return Value(period.start, period.end, **fields)


def year(**fields) -> Value:
    return Value(*Y2024, **fields)


def progress(target_text: str, values, window=Y2024, **kwargs):
    target = parse_target(target_text)
    assert target is not None, target_text
    return compute(target, values, *window, **kwargs)


def test_a_count_per_year_is_met_by_the_sum_of_the_year():
    values = [month(m, amount=Decimal(5)) for m in range(1, 11)]  # 50
    result = progress("Nombre de visites : ≥ 50 /an", values)
    assert (result.status, result.actual, result.expected) == (Status.MET, Decimal("50.00"), Decimal("50.00"))


def test_a_count_reaching_80_percent_is_partly_met_and_below_is_not_met():
    assert progress(">/= à 100/an", [year(amount=Decimal(85))]).status is Status.PARTLY_MET
    assert progress(">/= à 100/an", [year(amount=Decimal(79))]).status is Status.NOT_MET


def test_the_partly_met_threshold_is_configurable():
    assert (
        progress(">/= à 100/an", [year(amount=Decimal(85))], partly=Decimal("0.9")).status is Status.NOT_MET
    )


def test_values_outside_the_window_are_ignored():
    previous_year = Value(date(2023, 1, 1), date(2023, 12, 31), amount=Decimal(100))
    assert progress("≥ 50 /an", [previous_year]).status is Status.NO_DATA


def test_a_count_per_month_is_scaled_to_the_year():
    result = progress("1x/mois", [year(amount=Decimal(12))])
    assert (result.status, result.expected) == (Status.MET, Decimal("12.00"))
    assert progress("1x/mois", [year(amount=Decimal(6))]).status is Status.NOT_MET


def test_a_count_per_week_is_scaled_to_the_year():
    result = progress("4 x/semaine", [year(amount=Decimal(200))])
    assert result.expected == Decimal("209.14")  # 4 × 366/7
    assert result.status is Status.PARTLY_MET


def test_hours_per_day_are_averaged_over_the_days_worked():
    values = [
        month(1, amount=Decimal(150), days=Decimal(20)),
        month(2, amount=Decimal(130), days=Decimal(20)),
    ]
    result = progress("≥ 7 h/jour", values)
    assert (result.status, result.actual) == (Status.MET, Decimal("7.00"))
    assert (
        progress(">!/ 7h/jour", [month(1, amount=Decimal(120), days=Decimal(20))]).status is Status.PARTLY_MET
    )


def test_hours_per_day_without_the_number_of_days_asks_for_it():
    result = progress("≥ 3 heures/jour", [month(1, amount=Decimal(60))])
    assert (result.status, result.needs) == (Status.NO_DATA, "days")


def test_hours_per_week_are_averaged_over_the_weeks_measured():
    week = parse_period("2024-W10")
    result = progress("≥ 3 h/semaine", [Value(week.start, week.end, amount=Decimal("3.5"))])
    assert (result.status, result.actual) == (Status.MET, Decimal("3.50"))


def test_a_percentage_is_the_ratio_of_the_sums_not_the_mean_of_ratios():
    values = [
        month(1, numerator=Decimal(1), denominator=Decimal(10)),
        month(2, numerator=Decimal(9), denominator=Decimal(10)),
    ]
    result = progress("$\\geq 50\\%$", values)
    assert (result.status, result.actual) == (Status.MET, Decimal("50.00"))
    skewed = [
        month(1, numerator=Decimal(1), denominator=Decimal(1)),
        month(2, numerator=Decimal(1), denominator=Decimal(99)),
    ]
    assert progress("≥ 50 %", skewed).actual == Decimal("2.00")


def test_a_percentage_without_denominator_has_no_data():
    result = progress("30%", [month(1, numerator=Decimal(3), denominator=Decimal(0))])
    assert (result.status, result.needs) == (Status.NO_DATA, "denominator")


def test_a_boolean_takes_the_last_value_of_the_period():
    values = [month(3, done=True), month(11, done=False)]
    assert progress("Existence d'un outil : Oui/Non", values).status is Status.NOT_MET
    assert (
        progress("Oui/Non", list(reversed([month(3, done=False), month(11, done=True)]))).status is Status.MET
    )


def test_a_deadline_is_met_when_done_before_it():
    target = "Actualisation du diagnostic d'ici fin 2024"
    assert progress(target, [month(6, done=True, done_on=date(2024, 6, 10))]).status is Status.MET
    late = Value(date(2025, 1, 1), date(2025, 1, 31), done=True, done_on=date(2025, 1, 20))
    window = (date(2024, 1, 1), date(2025, 12, 31))
    assert progress(target, [late], window=window).status is Status.NOT_MET


def test_a_deadline_not_yet_reached_without_news_has_no_data_and_a_passed_one_is_not_met():
    target = "tegen eind 2021"
    window = (date(2021, 1, 1), date(2021, 12, 31))
    assert progress(target, [], window=window, today=date(2021, 6, 1)).status is Status.NO_DATA
    assert progress(target, [], window=window, today=date(2022, 2, 1)).status is Status.NOT_MET


def test_at_most_targets_are_met_below_the_value():
    assert progress("≤ 3/an", [year(amount=Decimal(2))]).status is Status.MET
    assert progress("≤ 3/an", [year(amount=Decimal(5))]).status is Status.NOT_MET


def test_no_target_or_no_values_is_no_data():
    assert compute(None, [year(amount=Decimal(3))], *Y2024).status is Status.NO_DATA
    assert progress("≥ 50 /an", []).status is Status.NO_DATA


@pytest.mark.parametrize(
    ("label", "start", "end", "granularity"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), Granularity.YEAR),
        ("2024-Q2", date(2024, 4, 1), date(2024, 6, 30), Granularity.QUARTER),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Granularity.MONTH),
        ("2024-W01", date(2024, 1, 1), date(2024, 1, 7), Granularity.WEEK),
        ("2024-03-15", date(2024, 3, 15), date(2024, 3, 15), Granularity.DAY),
    ],
)
def test_periods_are_read_from_their_labels(label, start, end, granularity):
    period = parse_period(label)
    assert (period.start, period.end, period.granularity) == (start, end, granularity)


@pytest.mark.parametrize("label", ["", "24", "2024-13", "2024-W60", "2024-Q5", "2024-02-30", "next year"])
def test_a_bad_period_label_is_refused_with_a_reason(label):
    with pytest.raises(PeriodError):
        parse_period(label)


def test_a_year_has_12_months_4_quarters_and_52_or_53_weeks():
    assert len(periods_of_year(2024, Granularity.MONTH)) == 12
    assert len(periods_of_year(2024, Granularity.QUARTER)) == 4
    assert len(periods_of_year(2020, Granularity.WEEK)) == 53
    assert len(periods_of_year(2024, Granularity.WEEK)) == 52
