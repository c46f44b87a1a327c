"""Values per category: the total is computed from the cells (never typed), progress reads the
total, the dimensions are declared by the plan's editors, and nobody else writes any of it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from balise.accounts.roles import Role
from balise.monitoring.actions import bulk_record, delete_measurement, record_measurement
from balise.monitoring.dimensions import DimensionsRefused, define_dimension, parts_of, set_dimensions
from balise.monitoring.errors import Invalid
from balise.monitoring.models import IndicatorYearProgress, MeasurementPart, PartCategory
from balise.plans.models import Plan
from tests.factories import organisation, user_with_role

pytestmark = pytest.mark.django_db


def cells(*rows: tuple[str, str, dict]) -> dict:
    return {"parts": [{"categories": {"sex": sex, "age_band": age}, **values} for sex, age, values in rows]}


@pytest.fixture
def split(ind, editor):
    """The yearly count, the percentage and the daily hours, broken down by sex and age band."""
    for name in ("count", "percent", "daily_hours", "boolean"):
        set_dimensions(ind[name], ["sex", "age_band"], editor)
    return ind


def progress(indicator, year: int = 2024) -> IndicatorYearProgress:
    return IndicatorYearProgress.objects.get(indicator=indicator, year=year)


def test_a_count_total_is_the_sum_of_its_categories_and_progress_reads_it(split, editor):
    m = record_measurement(
        split["count"],
        "2024",
        cells(
            ("female", "18-25", {"amount": 20}),
            ("male", "18-25", {"amount": 12}),
            ("male", "65+", {"amount": 3}),
        ),
        editor,
    )
    assert m.amount == Decimal(35)
    assert MeasurementPart.objects.filter(measurement=m).count() == 3
    assert PartCategory.objects.filter(part__measurement=m).count() == 6
    row = progress(split["count"])
    assert (row.actual, row.expected, row.status) == (Decimal(35), Decimal(50), "not_met")


def test_a_percentage_is_recomputed_from_the_categories_numerators_and_denominators(split, editor):
    m = record_measurement(
        split["percent"],
        "2024",
        cells(
            ("female", "26-64", {"numerator": 2, "denominator": 4}),
            ("male", "26-64", {"numerator": 90, "denominator": 100}),
        ),
        editor,
    )
    assert (m.numerator, m.denominator) == (Decimal(92), Decimal(104))
    assert progress(split["percent"]).actual == Decimal("88.46")  # not the 70 % of an average


def test_hours_per_day_sum_the_hours_and_the_days_of_every_category(split, editor):
    m = record_measurement(
        split["daily_hours"],
        "2024-03",
        cells(
            ("female", "26-64", {"amount": 70, "days": 10}),
            ("male", "26-64", {"amount": 60, "days": 10}),
        ),
        editor,
    )
    assert (m.amount, m.days) == (Decimal(130), Decimal(20))
    assert progress(split["daily_hours"]).actual == Decimal("6.50")


def test_a_yes_no_total_is_yes_only_when_every_category_says_yes(split, editor):
    m = record_measurement(
        split["boolean"],
        "2024",
        cells(("female", "0-11", {"done": "oui"}), ("male", "0-11", {"done": "non"})),
        editor,
    )
    assert m.done is False
    assert progress(split["boolean"]).status == "not_met"


def test_a_total_typed_beside_the_categories_is_refused(split, editor):
    with pytest.raises(Invalid) as refused:
        record_measurement(
            split["count"], "2024", {"amount": 35, **cells(("female", "18-25", {"amount": 20}))}, editor
        )
    assert "amount" in refused.value.errors
    assert not MeasurementPart.objects.exists()


def test_a_cell_outside_the_dimensions_is_refused_by_its_place(split, editor):
    with pytest.raises(Invalid) as refused:
        record_measurement(
            split["count"],
            "2024",
            {"parts": [{"categories": {"sex": "female", "age_band": "90+"}, "amount": 1}]},
            editor,
        )
    assert list(refused.value.errors) == ["parts.0.categories"]
    assert "90+" in refused.value.errors["parts.0.categories"][0]


def test_a_bad_value_in_one_category_is_reported_by_its_cell_and_nothing_is_written(split, editor):
    with pytest.raises(Invalid) as refused:
        record_measurement(
            split["count"],
            "2024",
            cells(("female", "18-25", {"amount": 3}), ("male", "18-25", {"amount": "beaucoup"})),
            editor,
        )
    assert list(refused.value.errors) == ["parts.age_band=18-25|sex=male.amount"]
    assert not MeasurementPart.objects.exists()


def test_categories_given_for_an_indicator_without_dimensions_are_refused(ind, editor):
    with pytest.raises(Invalid) as refused:
        record_measurement(ind["count"], "2024", cells(("female", "18-25", {"amount": 3})), editor)
    assert "parts" in refused.value.errors


def test_writing_the_categories_again_replaces_them_and_the_total(split, editor):
    record_measurement(split["count"], "2024", cells(("female", "18-25", {"amount": 20})), editor)
    m = record_measurement(split["count"], "2024", cells(("male", "12-17", {"amount": 60})), editor)
    assert m.amount == Decimal(60) and m.revision == 2
    assert [p.cell for p in MeasurementPart.objects.filter(measurement=m)] == ["age_band=12-17|sex=male"]
    assert progress(split["count"]).status == "met"


def test_the_same_total_split_otherwise_is_a_new_revision_in_a_bulk_write(split, editor, plan):
    first = bulk_record(plan, "2024", {split["count"].pk: cells(("female", "18-25", {"amount": 5}))}, editor)
    again = bulk_record(plan, "2024", {split["count"].pk: cells(("male", "18-25", {"amount": 5}))}, editor)
    assert (first[0].revision, again[0].revision) == (1, 2)
    assert set(parts_of(again)[again[0].pk]) == {(("age_band", "18-25"), ("sex", "male"))}


def test_deleting_a_value_deletes_its_categories(split, editor):
    m = record_measurement(split["count"], "2024", cells(("female", "18-25", {"amount": 20})), editor)
    delete_measurement(m, editor, m.revision)
    assert not MeasurementPart.objects.exists() and not PartCategory.objects.exists()


def test_dimensions_cannot_change_once_the_indicator_has_values(ind, editor):
    record_measurement(ind["count"], "2024", {"amount": 3}, editor)
    with pytest.raises(DimensionsRefused):
        set_dimensions(ind["count"], ["sex"], editor)


def test_an_unknown_dimension_is_refused(ind, editor):
    with pytest.raises(DimensionsRefused) as refused:
        set_dimensions(ind["count"], ["shoe_size"], editor)
    assert "shoe_size" in refused.value.errors["dimensions"][0]


def test_a_new_version_keeps_the_dimensions_of_its_indicators(split, editor, plan, admin):
    from balise.plans.versioning import amend_plan

    draft = amend_plan(Plan.objects.get(pk=plan.pk), admin)
    copy = draft.modules.get().strategic_objectives.get().all_indicators.get(key=split["count"].key)
    assert list(copy.dimension_links.values_list("dimension__code", flat=True)) == ["sex", "age_band"]


def test_a_municipality_defines_its_own_districts_and_its_indicators_use_them(ind, editor):
    define_dimension(
        organisation("21009"),
        "district",
        {"fr": "Quartier", "nl": "Wijk", "de": "Viertel"},
        [("flagey", {"fr": "Flagey", "nl": "Flagey"}), ("matonge", {"fr": "Matonge", "nl": "Matonge"})],
        editor,
    )
    set_dimensions(ind["count"], ["district"], editor)
    m = record_measurement(
        ind["count"], "2024", {"parts": [{"cell": "district=flagey", "amount": 4}]}, editor
    )
    assert m.amount == Decimal(4)


# --- from the attacker's side -----------------------------------------------------------------


@pytest.fixture
def outsiders(outsider):
    """Another municipality's editor, a viewer of this one, an anonymous visitor."""
    return [
        outsider,
        user_with_role("viewer-here", Role.MUNICIPALITY_VIEWER, "21009"),
        AnonymousUser(),
    ]


def test_only_the_plans_editors_declare_dimensions(ind, outsiders):
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            set_dimensions(ind["count"], ["sex"], user)
    assert not ind["count"].dimension_links.exists()


def test_another_municipality_cannot_define_dimensions_for_this_one(outsiders):
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            define_dimension(
                organisation("21009"),
                "district",
                {"fr": "Quartier", "nl": "Wijk"},
                [("a", {"fr": "A", "nl": "A"})],
                user,
            )


def test_another_municipality_cannot_record_values_per_category(split, outsiders):
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            record_measurement(split["count"], "2024", cells(("female", "18-25", {"amount": 1})), user)
    assert not MeasurementPart.objects.exists()
