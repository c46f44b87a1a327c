"""Disaggregated values: totals computed from the cells by the target kind's rule, breakdowns that
add up to the total whatever the dimension, and progress read from the total."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balise.domain.disaggregation import (
    CellError,
    Dimension,
    Figures,
    Part,
    breakdown,
    cell_label,
    cells_of,
    check_cell,
    make_cell,
    parse_cell_label,
    ratio,
    total,
)
from balise.domain.progress import Value, compute
from balise.domain.targets import Period, Target, TargetKind

SEX = Dimension("sex", ("female", "male", "x"))
AGE = Dimension("age_band", ("0-17", "18-24", "25-39", "40-64", "65+"))
DIMENSIONS = (SEX, AGE)
CELLS = cells_of(DIMENSIONS)
YEAR = (date(2024, 1, 1), date(2024, 12, 31))

whole = st.integers(min_value=0, max_value=10_000).map(Decimal)
cents = st.integers(min_value=0, max_value=1_000_000).map(lambda n: Decimal(n) / 100)
positive_cents = st.integers(min_value=1, max_value=1_000_000).map(lambda n: Decimal(n) / 100)


@st.composite
def percent_figures(draw) -> Figures:
    denominator = draw(positive_cents)
    numerator = draw(
        st.integers(min_value=0, max_value=int(denominator * 100)).map(lambda n: Decimal(n) / 100)
    )
    return Figures(numerator=numerator, denominator=denominator)


FIGURES = {
    TargetKind.COUNT: whole.map(lambda n: Figures(amount=n)),
    TargetKind.RANGE: cents.map(lambda n: Figures(amount=n)),
    TargetKind.HOURS: st.tuples(cents, positive_cents).map(lambda t: Figures(amount=t[0], days=t[1])),
    TargetKind.PERCENT: percent_figures(),
    TargetKind.BOOLEAN: st.booleans().map(lambda b: Figures(done=b)),
    TargetKind.DEADLINE: st.tuples(st.booleans(), st.dates(date(2024, 1, 1), date(2024, 12, 31))).map(
        lambda t: Figures(done=t[0], done_on=t[1] if t[0] else None)
    ),
}


def parts_of(kind: TargetKind):
    return st.lists(st.sampled_from(CELLS), unique=True, min_size=1).flatmap(
        lambda cells: st.lists(FIGURES[kind], min_size=len(cells), max_size=len(cells)).map(
            lambda figures: [Part(c, f) for c, f in zip(cells, figures, strict=True)]
        )
    )


def test_the_cells_of_two_dimensions_are_their_cross_product():
    assert len(CELLS) == 15
    assert make_cell({"sex": "female", "age_band": "18-24"}) in CELLS
    assert len(set(CELLS)) == 15


def test_a_cell_label_reads_back_as_the_same_cell():
    cell = make_cell({"sex": "male", "age_band": "65+"})
    assert cell_label(cell) == "age_band=65+|sex=male"
    assert parse_cell_label("sex=male | age_band=65+") == cell


@pytest.mark.parametrize(
    ("pairs", "code"),
    [
        ({"sex": "female"}, "missing_dimension"),
        ({"sex": "female", "age_band": "90+"}, "unknown_category"),
        ({"sex": "female", "age_band": "0-17", "district": "centre"}, "unknown_dimension"),
    ],
)
def test_a_cell_must_name_one_known_category_of_every_dimension(pairs, code):
    with pytest.raises(CellError) as refused:
        check_cell(DIMENSIONS, make_cell(pairs))
    assert refused.value.code == code


def test_a_cell_naming_a_dimension_twice_is_refused():
    with pytest.raises(CellError) as refused:
        check_cell(DIMENSIONS, (("age_band", "0-17"), ("sex", "female"), ("sex", "male")))
    assert refused.value.code == "repeated"


def test_a_malformed_cell_label_is_refused():
    with pytest.raises(CellError):
        parse_cell_label("sex:female")


@given(parts_of(TargetKind.COUNT))
def test_a_count_total_is_the_sum_of_its_cells(parts):
    assert total(TargetKind.COUNT, [p.figures for p in parts]).amount == sum(p.figures.amount for p in parts)


@given(parts_of(TargetKind.HOURS))
def test_hours_sum_and_so_do_the_days_worked(parts):
    result = total(TargetKind.HOURS, [p.figures for p in parts])
    assert result.amount == sum(p.figures.amount for p in parts)
    assert result.days == sum(p.figures.days for p in parts)


def test_hours_without_the_days_of_one_cell_have_no_days_in_total():
    result = total(
        TargetKind.HOURS, [Figures(amount=Decimal(7), days=Decimal(1)), Figures(amount=Decimal(3))]
    )
    assert (result.amount, result.days) == (Decimal(10), None)


@given(parts_of(TargetKind.PERCENT))
def test_a_percentage_is_recomputed_from_numerators_and_denominators(parts):
    result = total(TargetKind.PERCENT, [p.figures for p in parts])
    assert result.numerator == sum(p.figures.numerator for p in parts)
    assert result.denominator == sum(p.figures.denominator for p in parts)
    # a weighted mean: never outside the cells' own percentages
    ratios = [ratio(p.figures) for p in parts]
    assert min(ratios) - Decimal("1e-20") <= ratio(result) <= max(ratios) + Decimal("1e-20")


def test_a_percentage_weighs_each_cell_by_its_denominator_not_by_its_percentage():
    result = total(
        TargetKind.PERCENT,
        [
            Figures(numerator=Decimal(2), denominator=Decimal(4)),
            Figures(numerator=Decimal(90), denominator=Decimal(100)),
        ],
    )
    assert ratio(result) == Decimal(92) * 100 / Decimal(104)  # 88.46 %, not the 70 % of (50 + 90) / 2


@given(parts_of(TargetKind.BOOLEAN))
def test_yes_only_when_every_answered_cell_says_yes(parts):
    assert total(TargetKind.BOOLEAN, [p.figures for p in parts]).done is all(p.figures.done for p in parts)


@given(parts_of(TargetKind.DEADLINE))
def test_a_deadline_is_done_when_its_last_category_is(parts):
    result = total(TargetKind.DEADLINE, [p.figures for p in parts])
    assert result.done is all(p.figures.done for p in parts)
    assert result.done_on == (max(p.figures.done_on for p in parts) if result.done else None)


def test_no_answered_cell_gives_no_answer():
    assert total(TargetKind.BOOLEAN, [Figures(), Figures()]) == Figures()


@pytest.mark.parametrize("kind", list(FIGURES))
@pytest.mark.parametrize("dimension", ["sex", "age_band"])
def test_a_breakdown_adds_up_to_the_total_whatever_the_dimension(kind, dimension):
    @given(parts_of(kind))
    def check(parts):
        groups = breakdown(kind, parts, dimension)
        assert total(kind, groups.values()) == total(kind, [p.figures for p in parts])

    check()


@given(parts_of(TargetKind.COUNT))
def test_the_total_does_not_depend_on_the_order_of_the_cells(parts):
    figures = [p.figures for p in parts]
    assert total(TargetKind.COUNT, figures) == total(TargetKind.COUNT, list(reversed(figures)))


@pytest.mark.parametrize(
    ("kind", "per", "value"),
    [
        (TargetKind.COUNT, Period.YEAR, Decimal(50)),
        (TargetKind.PERCENT, None, Decimal(60)),
        (TargetKind.HOURS, Period.DAY, Decimal(7)),
    ],
)
def test_progress_of_the_total_is_the_progress_of_every_cell_counted_as_a_value(kind, per, value):
    """Progress reads one total per period; that is what it would find if every cell were a value."""
    target = Target(kind=kind, comparator=">=", value=value, per=per, raw="")

    @given(parts_of(kind))
    def check(parts):
        summed = total(kind, [p.figures for p in parts])
        from_total = compute(target, [Value(*YEAR, **summed.as_dict())], *YEAR)
        from_cells = compute(target, [Value(*YEAR, **p.figures.as_dict()) for p in parts], *YEAR)
        assert (from_total.status, from_total.actual, from_total.expected) == (
            from_cells.status,
            from_cells.actual,
            from_cells.expected,
        )

    check()
