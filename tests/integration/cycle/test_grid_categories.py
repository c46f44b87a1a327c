"""The data-entry grid of a disaggregated indicator: one sub-row per category, each cell saved as
it changes with the revision of its period's value checked, and the total computed (shown,
never typed)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balise.accounts.actors import SYSTEM
from balise.monitoring.actions import record_measurement
from balise.monitoring.dimensions import set_dimensions
from balise.monitoring.models import Measurement, MeasurementPart
from balise.plans.models import Indicator
from tests.integration.monitoring_web.conftest import YEAR, indicator

VISITS = "Nombre de visites techno"  # ≥ 50 /an: one yearly cell, a count
SHARE = "Part des visites suivies"  # 30%: count / total
FEMALE, MALE, OTHER = "sex=female", "sex=male", "sex=other"


@pytest.fixture
def visits(plan):
    split = indicator(plan, VISITS)
    set_dimensions(split, ["sex"], SYSTEM)
    return split


@pytest.fixture
def share(plan):
    split = indicator(plan, SHARE)
    set_dimensions(split, ["sex"], SYSTEM)
    return split


def grid_url(plan) -> str:
    return f"/plans/{plan.pk}/monitoring/grid/?year={YEAR}"


def send(client, plan, *cells: tuple):
    """POST cells as the page's script does: ``(indicator, period, category, text[, revision])``."""
    body = {
        "cells": [
            {
                "key": f"{ind.pk}:{period}:{category}" if category else f"{ind.pk}:{period}",
                "text": text,
                "revision": rest[0] if rest else 0,
            }
            for ind, period, category, text, *rest in cells
        ]
    }
    return client.post(
        f"/plans/{plan.pk}/monitoring/grid/cells/?year={YEAR}",
        json.dumps(body),
        content_type="application/json",
    )


def value(ind, period=str(YEAR)):
    return Measurement.objects.filter(indicator_key=ind.key, period=period).first()


@pytest.mark.django_db
def test_a_disaggregated_indicator_has_one_input_per_category_and_no_input_for_its_total(
    client, plan, owner, visits
):
    client.force_login(owner)
    html = client.get(grid_url(plan)).content.decode()
    for category in (FEMALE, MALE, OTHER):
        assert f'data-key="{visits.pk}:{YEAR}:{category}"' in html
    assert f'data-key="{visits.pk}:{YEAR}"' not in html  # the total is not an input
    assert f'data-total-key="{visits.pk}:{YEAR}"' in html
    assert ">Femme<" in html or ">Female<" in html or "Vrouw" in html


@pytest.mark.django_db
def test_category_cells_are_saved_one_by_one_and_the_total_is_their_sum(client, plan, owner, visits):
    client.force_login(owner)
    first = send(client, plan, (visits, str(YEAR), FEMALE, "20"))
    assert first.status_code == 200, first.content
    answer = first.json()["cells"]
    assert answer[f"{visits.pk}:{YEAR}"] == {"text": "20", "revision": 1}  # the total, shown
    assert answer[f"{visits.pk}:{YEAR}:{MALE}"] == {"text": "", "revision": 1}  # a sibling's revision
    second = send(client, plan, (visits, str(YEAR), MALE, "7", 1))
    assert second.status_code == 200, second.content
    assert second.json()["cells"][f"{visits.pk}:{YEAR}"]["text"] == "27"
    m = value(visits)
    assert m.amount == Decimal(27) and m.revision == 2
    assert {p.cell: p.amount for p in MeasurementPart.objects.filter(measurement=m)} == {
        FEMALE: Decimal(20),
        MALE: Decimal(7),
    }
    html = client.get(grid_url(plan)).content.decode()
    assert f'data-key="{visits.pk}:{YEAR}:{FEMALE}"' in html and 'value="20"' in html


@pytest.mark.django_db
def test_the_total_of_a_percentage_is_recomputed_from_the_categories_numerators_and_denominators(
    client, plan, owner, share
):
    client.force_login(owner)
    response = send(client, plan, (share, str(YEAR), FEMALE, "2 / 4"), (share, str(YEAR), MALE, "90 / 100"))
    assert response.status_code == 200, response.content
    m = value(share)
    assert (m.numerator, m.denominator) == (Decimal(92), Decimal(104))


@pytest.mark.django_db
def test_the_total_of_a_disaggregated_indicator_cannot_be_typed(client, plan, owner, visits):
    client.force_login(owner)
    response = send(client, plan, (visits, str(YEAR), "", "27"))
    assert response.status_code == 422
    assert "computed" in " ".join(response.json()["errors"][f"{visits.pk}:{YEAR}"])
    assert value(visits) is None


@pytest.mark.django_db
def test_an_invalid_category_cell_is_refused_on_that_cell_and_nothing_of_the_block_is_saved(
    client, plan, owner, visits
):
    client.force_login(owner)
    response = send(client, plan, (visits, str(YEAR), FEMALE, "20"), (visits, str(YEAR), MALE, "beaucoup"))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert list(errors) == [f"{visits.pk}:{YEAR}:{MALE}"]
    assert value(visits) is None


@pytest.mark.django_db
def test_a_category_that_is_not_the_indicators_is_refused(client, plan, owner, visits):
    client.force_login(owner)
    response = send(client, plan, (visits, str(YEAR), "sex=robot", "3"))
    assert response.status_code == 422
    assert "robot" in " ".join(response.json()["errors"][f"{visits.pk}:{YEAR}:sex=robot"])
    assert value(visits) is None


@pytest.mark.django_db
def test_a_category_cell_changed_by_someone_else_since_the_page_was_loaded_is_shown_not_overwritten(
    client, plan, owner, evaluator, visits
):
    record_measurement(visits, str(YEAR), {"parts": [{"cell": FEMALE, "amount": 5}]}, evaluator)
    client.force_login(owner)
    response = send(client, plan, (visits, str(YEAR), FEMALE, "9", 0))  # the page showed no value
    assert response.status_code == 409
    theirs = response.json()["theirs"][f"{visits.pk}:{YEAR}:{FEMALE}"]
    assert theirs["text"] == "5" and theirs["revision"] == 1 and theirs["by"] == "Eva Luyten"
    assert value(visits).amount == Decimal(5)


@pytest.mark.django_db
def test_emptying_a_category_keeps_the_others_and_emptying_the_last_removes_the_value(
    client, plan, owner, visits
):
    record_measurement(
        visits, str(YEAR), {"parts": [{"cell": FEMALE, "amount": 5}, {"cell": MALE, "amount": 4}]}, owner
    )
    client.force_login(owner)
    assert send(client, plan, (visits, str(YEAR), FEMALE, "", 1)).status_code == 200
    assert value(visits).amount == Decimal(4)
    assert send(client, plan, (visits, str(YEAR), MALE, "", 2)).status_code == 200
    assert value(visits) is None


@pytest.mark.django_db
def test_writing_a_category_keeps_the_values_comment_and_source(client, plan, owner, visits):
    record_measurement(
        visits,
        str(YEAR),
        {"parts": [{"cell": FEMALE, "amount": 5}], "comment": "Relevé", "source": "Registre"},
        owner,
    )
    client.force_login(owner)
    assert send(client, plan, (visits, str(YEAR), MALE, "4", 1)).status_code == 200
    m = value(visits)
    assert (m.amount, m.comment, m.source) == (Decimal(9), "Relevé", "Registre")


@pytest.mark.django_db
def test_an_indicator_without_dimensions_refuses_a_category_cell(client, plan, owner):
    share = indicator(plan, SHARE)
    client.force_login(owner)
    response = send(client, plan, (share, str(YEAR), FEMALE, "2 / 4"))
    assert response.status_code == 422
    assert value(share) is None


@pytest.mark.django_db
def test_without_script_the_form_saves_the_changed_category_cells(client, plan, owner, visits):
    client.force_login(owner)
    key = f"{visits.pk}:{YEAR}:{FEMALE}"
    response = client.post(
        f"/plans/{plan.pk}/monitoring/grid/cells/?year={YEAR}",
        {f"cell-{key}": "12", f"was-{key}": "", f"rev-{key}": "0"},
    )
    assert response.status_code == 302
    assert value(visits).amount == Decimal(12)


@pytest.mark.django_db
def test_the_grid_runs_the_same_number_of_queries_whatever_the_number_of_disaggregated_indicators(
    client, plan, owner, visits
):
    record_measurement(visits, str(YEAR), {"parts": [{"cell": FEMALE, "amount": 5}]}, owner)
    client.force_login(owner)
    client.get(grid_url(plan))  # session, caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(grid_url(plan)).status_code == 200
        return len(queries)

    before = count()
    for n in range(10):
        more = Indicator.objects.create(
            strategic_objective=visits.strategic_objective,
            text=f"Visites {n} : ≥ 50 /an",
            order=100 + n,
            target_kind=visits.target_kind,
            target_comparator=visits.target_comparator,
            target_value=visits.target_value,
            target_per=visits.target_per,
            target_raw=visits.target_raw,
        )
        set_dimensions(more, ["sex", "age_band"], SYSTEM)
        record_measurement(
            more, str(YEAR), {"parts": [{"cell": "age_band=18-25|sex=male", "amount": 1}]}, owner
        )
    assert count() == before
    assert before <= 17


@pytest.mark.django_db
def test_a_reader_of_the_plan_cannot_write_a_category_cell(client, plan, colleague, visits):
    client.force_login(colleague)
    assert send(client, plan, (visits, str(YEAR), FEMALE, "3")).status_code == 403
    assert value(visits) is None


@pytest.mark.django_db
def test_another_municipality_cannot_write_a_category_cell(client, plan, outsider, visits):
    client.force_login(outsider)
    assert send(client, plan, (visits, str(YEAR), FEMALE, "3")).status_code == 404
    assert value(visits) is None
