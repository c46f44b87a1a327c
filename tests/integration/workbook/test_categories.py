"""The workbook of a disaggregated indicator: one row per category under the indicator's row,
whose total is computed (it takes no value); categories read back, checked and applied like any
value, each error on its sheet and cell."""

from __future__ import annotations

from decimal import Decimal

import pytest

from balise.accounts.actors import SYSTEM
from balise.monitoring.actions import record_measurement
from balise.monitoring.dimensions import set_dimensions
from balise.monitoring.models import Measurement
from balise.workbook.apply import import_workbook
from balise.workbook.read import WorkbookRefused
from balise.workbook.spec import FIRST_ROW
from tests.integration.workbook.conftest import Sheet, download

MARCH = "2024-03"


@pytest.fixture
def meetings(ind):
    split = ind["monthly"]
    set_dimensions(split, ["sex"], SYSTEM)
    return split


def rows_of(book: Sheet, indicator) -> list[int]:
    ws = book.module
    return [r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, 1).value == indicator.pk]


def category_cell(book: Sheet, indicator, name: str, period: str = MARCH):
    ws = book.module
    row = next(r for r in rows_of(book, indicator) if str(ws.cell(r, 6).value).endswith(f"— {name}"))
    return ws.cell(row, book.col_of(period))


def refused(data: bytes, user, plan) -> list[str]:
    with pytest.raises(WorkbookRefused) as caught:
        import_workbook(data, user, plan=plan)
    return [str(e) for e in caught.value.problems]


def value(indicator, period: str = MARCH):
    return Measurement.objects.filter(indicator_key=indicator.key, period=period).first()


@pytest.mark.django_db
def test_a_disaggregated_indicator_has_a_row_per_category_under_its_total_row(plan, meetings, owner):
    book = download(plan)
    rows = rows_of(book, meetings)
    assert len(rows) == 4  # the total, then female, male, other
    texts = [book.module.cell(r, 6).value for r in rows]
    assert texts[0] == meetings.text and texts[1].startswith(meetings.text + " — ")


@pytest.mark.django_db
def test_a_value_typed_on_the_total_row_is_refused_on_its_cell(plan, meetings, owner):
    book = download(plan)
    book.cell(meetings, MARCH).value = 15  # the first row of the indicator: its total
    problems = refused(book.save(), owner, plan)
    assert problems == [f"{book.where(meetings, MARCH)}: this cell takes no value for this indicator."]
    assert value(meetings) is None


@pytest.mark.django_db
def test_categories_filled_in_the_workbook_are_recorded_and_their_total_computed_and_read_back(
    plan, meetings, owner
):
    book = download(plan)
    category_cell(book, meetings, "Femme").value = 12
    category_cell(book, meetings, "Homme").value = 3
    outcome = import_workbook(book.save(), owner, plan=plan)
    assert (outcome.created, outcome.updated) == (1, 0)  # one value, with two of its categories
    m = value(meetings)
    assert m.amount == Decimal(15) and m.entered_by == owner
    assert {p.cell: p.amount for p in m.parts.all()} == {"sex=female": Decimal(12), "sex=male": Decimal(3)}

    again = download(plan)  # the round trip: the categories come back as typed
    assert category_cell(again, meetings, "Femme").value == 12
    assert category_cell(again, meetings, "Homme").value == 3
    assert category_cell(again, meetings, "Autre ou non précisé").value is None
    outcome = import_workbook(again.save(), owner, plan=plan)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 2)
    assert value(meetings).revision == 1

    category_cell(again, meetings, "Autre ou non précisé").value = 2
    import_workbook(again.save(), owner, plan=plan)
    m = value(meetings)
    assert (m.amount, m.revision) == (Decimal(17), 2)  # the other categories are kept


@pytest.mark.django_db
def test_an_invalid_category_cell_is_reported_by_sheet_and_cell_and_nothing_is_applied(plan, meetings, owner):
    book = download(plan)
    category_cell(book, meetings, "Femme").value = 12
    wrong = category_cell(book, meetings, "Homme")
    wrong.value = "douze"
    problems = refused(book.save(), owner, plan)
    assert len(problems) == 1
    assert problems[0].startswith(f"{book.module.title}!{wrong.coordinate}: ")
    assert "douze" in problems[0]
    assert value(meetings) is None


@pytest.mark.django_db
def test_category_rows_swapped_are_a_changed_structure(plan, meetings, owner):
    book = download(plan)
    ws = book.module
    female, male = rows_of(book, meetings)[1:3]
    a, b = ws.cell(female, 6).value, ws.cell(male, 6).value
    ws.cell(female, 6).value, ws.cell(male, 6).value = b, a
    problems = refused(book.save(), owner, plan)
    assert any(p.startswith(f"{ws.title}!F{female}: row changed") for p in problems)


@pytest.mark.django_db
def test_a_category_recorded_in_balise_after_the_download_is_not_overwritten(
    plan, meetings, owner, evaluator
):
    book = download(plan)
    record_measurement(meetings, MARCH, {"parts": [{"cell": "sex=male", "amount": 5}]}, evaluator)
    category_cell(book, meetings, "Femme").value = 12
    problems = refused(book.save(), owner, plan)
    female = category_cell(book, meetings, "Femme").coordinate
    assert (
        f"{book.module.title}!{female}: this value was changed in Balise after the workbook was produced: "
        "download a new workbook."
    ) in problems
    assert value(meetings).amount == Decimal(5)


@pytest.mark.django_db
def test_the_download_of_a_plan_with_a_disaggregated_indicator_runs_a_fixed_number_of_queries(
    client, plan, ind, meetings, owner, django_assert_max_num_queries
):
    set_dimensions(ind["count"], ["sex", "age_band"], SYSTEM)
    record_measurement(meetings, MARCH, {"parts": [{"cell": "sex=male", "amount": 5}]}, owner)
    client.force_login(owner)
    with django_assert_max_num_queries(11):  # the plain plan's 10, and the values per category
        response = client.get(f"/plans/{plan.pk}/monitoring/workbook/?year=2024")
    assert response.status_code == 200
    assert len(rows_of(Sheet(response.content), ind["count"])) == 1 + 15
