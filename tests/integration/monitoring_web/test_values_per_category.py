"""The value page of a disaggregated indicator: one row of inputs per category, the total shown
and computed (never typed), errors on their row, and nobody else writes."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.monitoring.actions import record_measurement
from balise.monitoring.dimensions import set_dimensions
from balise.monitoring.errors import Invalid
from balise.monitoring.models import Measurement, MeasurementPart
from tests.factories import user_with_role
from tests.integration.monitoring_web.conftest import indicator

VISITS = "Nombre de visites techno"


@pytest.fixture
def visits(plan):
    split = indicator(plan, VISITS)
    set_dimensions(split, ["sex", "age_band"], SYSTEM)
    return split


def url(plan, ind, period: str = "2024") -> str:
    return f"/plans/{plan.pk}/monitoring/values/{ind.pk}/{period}/"


def row_prefix(html: str, label: str) -> str:
    match = re.search(rf'<tr data-cell="{re.escape(label)}">.*?name="(c\d+-)amount"', html, re.S)
    assert match, f"no row for {label}"
    return match.group(1)


@pytest.mark.django_db
def test_the_page_has_one_row_per_category_and_no_input_for_the_total(client, plan, owner, visits):
    client.force_login(owner)
    html = client.get(url(plan, visits)).content.decode()
    assert html.count("<tr data-cell=") == 15  # 3 sexes × 5 age bands
    assert 'name="amount"' not in html


@pytest.mark.django_db
def test_values_entered_per_category_are_summed_into_the_total(client, plan, owner, visits):
    client.force_login(owner)
    html = client.get(url(plan, visits)).content.decode()
    female, male = row_prefix(html, "age_band=18-25|sex=female"), row_prefix(html, "age_band=65+|sex=male")
    response = client.post(url(plan, visits), {"revision": 0, f"{female}amount": "20", f"{male}amount": "7"})
    assert response.status_code == 302, response.content.decode()
    m = Measurement.objects.get(indicator_key=visits.key, period="2024")
    assert m.amount == Decimal(27)
    assert MeasurementPart.objects.filter(measurement=m).count() == 2
    html = client.get(url(plan, visits)).content.decode()
    assert "Total" in html and "27" in html


@pytest.mark.django_db
def test_an_error_in_one_category_is_shown_on_its_row_and_nothing_is_saved(client, plan, owner, visits):
    client.force_login(owner)
    html = client.get(url(plan, visits)).content.decode()
    female = row_prefix(html, "age_band=18-25|sex=female")
    response = client.post(
        url(plan, visits), {"revision": 0, f"{female}amount": "beaucoup"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    row = re.search(r'<tr data-cell="age_band=18-25\|sex=female">(.*?)</tr>', response.content.decode(), re.S)
    assert row and "field-error" in row.group(1)
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_the_page_runs_a_bounded_number_of_queries(
    client, plan, owner, visits, django_assert_max_num_queries
):
    record_measurement(visits, "2024", {"parts": [{"cell": "age_band=0-11|sex=female", "amount": 3}]}, owner)
    client.force_login(owner)
    with django_assert_max_num_queries(20):
        response = client.get(url(plan, visits))
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_colleague_reads_the_categories_without_inputs_and_cannot_post(
    client, plan, owner, colleague, visits
):
    record_measurement(visits, "2024", {"parts": [{"cell": "age_band=0-11|sex=female", "amount": 3}]}, owner)
    client.force_login(colleague)
    html = client.get(url(plan, visits)).content.decode()
    assert 'name="c0-amount"' not in html
    assert "Femme · 0 à 11 ans" in html or "Femme" in html
    assert client.post(url(plan, visits), {"revision": 1, "c0-amount": "9"}).status_code == 403


@pytest.mark.django_db
def test_another_municipality_neither_reads_nor_writes_the_categories(client, plan, visits, reference):
    client.force_login(user_with_role("stranger", Role.MUNICIPALITY_EDITOR, "21012"))
    assert client.get(url(plan, visits)).status_code == 404
    assert client.post(url(plan, visits), {"revision": 0, "c0-amount": "9"}).status_code == 404
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_the_bulk_form_sends_a_disaggregated_indicator_to_its_value_page_the_grid_to_its_categories(
    client, plan, owner, visits
):
    client.force_login(owner)
    module = visits.strategic_objective.module_id
    bulk = client.get(
        f"/plans/{plan.pk}/monitoring/values/?year=2024&module={module}&period=2024"
    ).content.decode()
    entry = re.search(rf'id="entry-{visits.pk}">(.*?)</fieldset>', bulk, re.S)
    assert entry and f'name="i{visits.pk}-amount"' not in entry.group(1)
    assert url(plan, visits) in entry.group(1)
    grid = client.get(f"/plans/{plan.pk}/monitoring/grid/?year=2024").content.decode()
    assert f'data-key="{visits.pk}:2024"' not in grid  # its total is computed, not typed
    assert f'data-key="{visits.pk}:2024:age_band=18-25|sex=female"' in grid


@pytest.mark.django_db
def test_a_total_typed_in_the_grid_for_a_disaggregated_indicator_is_refused(plan, owner, visits):
    from balise.monitoring.actions import CellWrite, record_cells

    with pytest.raises(Invalid) as refused:
        record_cells(plan, [CellWrite(visits.pk, "2024", "35", 0)], owner)
    assert any(name.endswith(".amount") for name in refused.value.errors)
    assert not Measurement.objects.exists()
