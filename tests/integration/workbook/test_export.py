"""The workbook as produced: the read-me ids, one protected sheet per module, input columns by
the period the target implies, pre-filled values, validation and coloured statuses."""

from __future__ import annotations

from datetime import date

import pytest

from balise.monitoring.actions import record_measurement
from balise.monitoring.models import Evaluation
from balise.workbook.apply import workbook_spec
from balise.workbook.spec import FIELD_ROW, FIRST_SLOT_COL, sheet_title
from tests.integration.workbook.conftest import YEAR, download


@pytest.mark.django_db
def test_the_read_me_names_the_plan_version_lineage_year_and_structure(plan):
    book = download(plan)
    assert book.book.sheetnames == ["README", "Cambriolage"]
    assert book.readme("format").value == "balise.workbook/1"
    assert book.readme("plan_id").value == plan.pk
    assert book.readme("version").value == plan.version
    assert book.readme("lineage").value == str(plan.lineage)
    assert book.readme("year").value == YEAR
    assert book.readme("fingerprint").value == workbook_spec(plan, YEAR).fingerprint


@pytest.mark.django_db
def test_id_columns_are_hidden_and_only_input_cells_are_unlocked(plan, ind):
    book = download(plan)
    ws = book.module
    assert ws.protection.sheet and not ws.protection.password
    assert book.book.security.lockStructure
    assert all(ws.column_dimensions[c].hidden for c in "ABC")
    r = book.row_of(ind["count"])
    assert ws.cell(r, 2).value == str(ind["count"].key)
    assert ws.cell(r, 1).protection.locked and ws.cell(r, 6).protection.locked
    assert not book.cell(ind["count"], "2024").protection.locked
    # A yearly yes/no has no month: its month cells are grey and locked.
    month = book.col_of("2024-03")
    assert ws.cell(book.row_of(ind["boolean"]), month).protection.locked


@pytest.mark.django_db
def test_columns_follow_the_period_each_target_implies(plan, ind):
    book = download(plan)
    # as on the pages: a count per year in one yearly cell (not twelve months), a count per
    # month monthly, a yes/no once a year, a count per week weekly
    assert not book.cell(ind["count"], "2024").protection.locked
    assert book.module.cell(book.row_of(ind["count"]), book.col_of("2024-12")).protection.locked
    assert not book.cell(ind["monthly"], "2024-12").protection.locked
    assert not book.cell(ind["boolean"], "2024").protection.locked
    assert not book.cell(ind["weekly"], "2024-W52").protection.locked
    # a percentage as numerator and denominator, hours per day with the days worked
    assert not book.cell(ind["percent"], "2024", "numerator").protection.locked
    assert not book.cell(ind["percent"], "2024", "denominator").protection.locked
    assert not book.cell(ind["daily_hours"], "2024-05", "days").protection.locked
    assert not book.cell(ind["deadline"], "2024", "done_on").protection.locked
    headers = [book.module.cell(FIELD_ROW, c).value for c in range(1, FIRST_SLOT_COL)]
    assert headers[3:6] == ["Strategic objective", "Operational objective", "Indicator"]


@pytest.mark.django_db
def test_recorded_values_are_pre_filled_with_the_computed_progress(plan, ind, owner):
    record_measurement(ind["count"], "2024-03", {"amount": "30"}, owner)
    record_measurement(ind["count"], "2024-04", {"amount": "25"}, owner)
    record_measurement(ind["percent"], "2024", {"numerator": "3", "denominator": "12,5"}, owner)
    record_measurement(ind["boolean"], "2024", {"done": "yes"}, owner)
    record_measurement(ind["deadline"], "2024", {"done": "yes", "done_on": "2024-06-30"}, owner)
    book = download(plan)
    assert book.cell(ind["count"], "2024-03").value == 30
    assert book.cell(ind["percent"], "2024", "denominator").value == 12.5
    assert book.cell(ind["boolean"], "2024").value == "yes"
    assert book.cell(ind["deadline"], "2024", "done_on").value.date() == date(2024, 6, 30)
    ws, r = book.module, book.row_of(ind["count"])
    progress = [ws.cell(r, c).value for c in range(ws.max_column - 3, ws.max_column + 1)]
    assert progress == [55, 50, "met", None]
    assert ws.cell(r, 3).value == "2024-03=1 2024-04=1"


@pytest.mark.django_db
def test_a_value_of_another_period_is_listed_read_only_and_counts(plan, ind, owner):
    record_measurement(ind["count"], "2024-01", {"amount": "5"}, owner)
    record_measurement(ind["count"], "2024-02", {"amount": "5"}, owner)
    record_measurement(ind["count"], "2024-Q2", {"amount": "40"}, owner)
    book = download(plan)  # mostly monthly: month columns, the quarter apart, named for people
    ws, r = book.module, book.row_of(ind["count"])
    assert ws.cell(r, ws.max_column).value == "Q2 2024: 40"
    assert ws.cell(r, ws.max_column - 3).value == 50  # the actual of the year


@pytest.mark.django_db
def test_input_cells_carry_data_validation_by_kind(plan, ind):
    book = download(plan)
    by_cell = {}
    for dv in book.module.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_cell[rng.coord] = (dv.type, dv.operator, dv.formula1)
    assert by_cell[book.cell(ind["monthly"], "2024-01").coordinate] == ("whole", "greaterThanOrEqual", "0")
    assert by_cell[book.cell(ind["daily_hours"], "2024-01").coordinate][0] == "decimal"
    assert by_cell[book.cell(ind["daily_hours"], "2024-01", "days").coordinate][:2] == (
        "decimal",
        "greaterThan",
    )
    assert by_cell[book.cell(ind["boolean"], "2024").coordinate] == ("list", None, '"yes,no"')
    assert by_cell[book.cell(ind["deadline"], "2024", "done_on").coordinate][0] == "date"


@pytest.mark.django_db
def test_the_status_cell_is_coloured_by_conditional_formatting(plan):
    ws = download(plan).module
    rules = [(str(cf.sqref), r.formula[0]) for cf in ws.conditional_formatting for r in cf.rules]
    status = {formula for _cells, formula in rules}
    assert status == {'"met"', '"partly met"', '"not met"', '"no data"'}
    assert all(cells.endswith(str(ws.max_row)) for cells, _f in rules)


@pytest.mark.django_db
def test_a_locked_year_has_no_input_cell(plan, ind):
    Evaluation.objects.create(plan=plan, lineage=plan.lineage, year=YEAR, state=Evaluation.State.SUBMITTED)
    book = download(plan)
    assert book.cell(ind["monthly"], "2024-03").protection.locked
    assert not any(dv.sqref.ranges for dv in book.module.data_validations.dataValidation)


def test_sheet_names_are_short_legal_and_unique():
    taken: set[str] = set()
    long = "Gestion de crise et résilience: mesures [régionales] / locales"
    first, second = sheet_title(long, taken), sheet_title(long, taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not set("[]:*?/\\") & set(first + second)
    assert sheet_title("readme", taken) == "readme (2)"
