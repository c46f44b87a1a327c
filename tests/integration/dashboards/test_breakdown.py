"""The federal overview broken down by sex: the values per category of the indicators that
declare the dimension, summed per phenomenon and kind of figure, in a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.monitoring import breakdowns
from balise.monitoring.actions import record_measurement
from balise.monitoring.dimensions import set_dimensions
from balise.monitoring.rollups import federal_plans_in_force
from balise.plans.actions import import_plan
from balise.plans.models import Indicator, Plan
from tests.factories import user_with_role

from .conftest import client_for, outline
from .test_pages import tables

pytestmark = pytest.mark.django_db

VISITS = "Nombre de visites techno-préventives : ≥ 50/an"
SHARE = "Part des visites suivies de travaux : ≥ 30%"
MEETINGS = "Nombre de réunions du comité : ≥ 4/an"


def by_sex(plan: Plan, text: str, period: str, **per_sex: dict) -> None:
    indicator = Indicator.objects.get(strategic_objective__module__plan=plan, text=text)
    if not indicator.dimension_links.exists():
        set_dimensions(indicator, ["sex"], SYSTEM)
    parts = [{"categories": {"sex": sex}, **values} for sex, values in per_sex.items()]
    record_measurement(indicator, period, {"parts": parts}, SYSTEM)


@pytest.fixture
def split(reference):
    ixelles = import_plan(outline("Ixelles", "PSSP Ixelles"), user=SYSTEM).plan
    molenbeek = import_plan(outline("Molenbeek-Saint-Jean", "PSSP Molenbeek"), user=SYSTEM).plan
    by_sex(ixelles, VISITS, "2024", female={"amount": 20}, male={"amount": 12})
    by_sex(molenbeek, VISITS, "2024-03", female={"amount": 5}, other={"amount": 1})
    by_sex(molenbeek, VISITS, "2024-04", female={"amount": 2})
    by_sex(
        ixelles,
        SHARE,
        "2024",
        female={"numerator": 2, "denominator": 4},
        male={"numerator": 9, "denominator": 10},
    )
    by_sex(molenbeek, SHARE, "2024", female={"numerator": 8, "denominator": 16})
    by_sex(molenbeek, VISITS, "2023", female={"amount": 100})  # another year: not counted
    return ixelles, molenbeek


def test_counts_sum_per_category_across_plans_and_percentages_are_recomputed(split):
    result = breakdowns.breakdown(federal_plans_in_force(2024), 2024, "sex")
    assert [code for code, _name in result.categories] == ["female", "male", "other"]
    rows = {(r.group, r.kind.value): r for r in result.rows}
    visits = rows[("phenomenon:burglary", "count")]
    assert (visits.indicators, visits.figures, visits.total) == (
        2,
        (Decimal("27.00"), Decimal("12.00"), Decimal("1.00")),
        Decimal("40.00"),
    )
    share = rows[("phenomenon:burglary", "percent")]
    # female: (2 + 8) / (4 + 16) = 50 %; male 9/10; together 19/30
    assert share.figures == (Decimal("50.00"), Decimal("90.00"), None)
    assert share.total == Decimal("63.33")


def test_an_indicator_without_the_dimension_takes_no_part(split):
    ixelles, _molenbeek = split
    record_measurement(
        Indicator.objects.get(strategic_objective__module__plan=ixelles, text=MEETINGS),
        "2024",
        {"amount": 9},
        SYSTEM,
    )
    result = breakdowns.breakdown(federal_plans_in_force(2024), 2024, "sex")
    assert {r.group for r in result.rows} == {"phenomenon:burglary"}


def test_the_breakdown_takes_a_fixed_number_of_queries(split, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        breakdowns.breakdown(federal_plans_in_force(2024), 2024, "sex")


def test_the_federal_page_shows_the_overview_broken_down_by_sex(split, reference):

    analyst = user_with_role("analyst", Role.FEDERAL_ANALYST, "IBZ")
    got = tables(client_for(analyst).get("/dashboards/federal/?year=2024&by=sex"))["breakdown-table"]
    assert (
        got[0][3:] == ["Femme", "Homme", "Autre ou non précisé", "Total"]
        or got[0][3:6]
        == [
            "Female",
            "Male",
            "Other or not stated",
        ]
        or len(got[0]) == 7
    )
    assert ["27.00", "12.00", "1.00", "40.00"] == got[1][3:]


def test_a_municipality_cannot_see_the_national_breakdown(split, reference):

    editor = user_with_role("editor", Role.MUNICIPALITY_EDITOR, "21009")
    assert client_for(editor).get("/dashboards/federal/?year=2024&by=sex").status_code == 403
