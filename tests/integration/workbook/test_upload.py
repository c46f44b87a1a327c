"""Uploading a filled-in workbook: changed values recorded through the monitoring actions, and
every bad cell reported as ``Sheet!Cell: reason`` with nothing applied."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from balise.monitoring.actions import record_measurement
from balise.monitoring.models import Evaluation, Measurement
from balise.plans.models import Indicator
from balise.plans.versioning import amend_plan
from balise.workbook.apply import import_workbook
from balise.workbook.read import WorkbookRefused
from tests.factories import outside_plan
from tests.integration.workbook.conftest import download


def refused(data: bytes, user, plan) -> list[str]:
    with pytest.raises(WorkbookRefused) as caught:
        import_workbook(data, user, plan=plan)
    return [str(e) for e in caught.value.problems]


@pytest.mark.django_db
def test_filled_cells_are_recorded_in_the_name_of_the_uploading_user(plan, ind, owner):
    book = download(plan)
    book.cell(ind["monthly"], "2024-03").value = 12
    book.cell(ind["monthly"], "2024-04").value = "8"
    book.cell(ind["boolean"], "2024").value = "yes"
    book.cell(ind["percent"], "2024", "numerator").value = 3
    book.cell(ind["percent"], "2024", "denominator").value = 10
    book.cell(ind["daily_hours"], "2024-05").value = 140.5
    book.cell(ind["daily_hours"], "2024-05", "days").value = 20
    book.cell(ind["deadline"], "2024").value = "oui"
    book.cell(ind["deadline"], "2024", "done_on").value = date(2024, 9, 1)
    outcome = import_workbook(book.save(), owner, plan=plan)
    assert (outcome.created, outcome.updated, outcome.unchanged, outcome.applied) == (6, 0, 0, True)
    values = {(m.indicator_id, m.period): m for m in Measurement.objects.all()}
    assert values[(ind["monthly"].pk, "2024-03")].amount == Decimal("12.00")
    assert values[(ind["monthly"].pk, "2024-04")].amount == Decimal("8.00")
    assert values[(ind["boolean"].pk, "2024")].done is True
    percent = values[(ind["percent"].pk, "2024")]
    assert (percent.numerator, percent.denominator) == (Decimal(3), Decimal(10))
    hours = values[(ind["daily_hours"].pk, "2024-05")]
    assert (hours.amount, hours.days) == (Decimal("140.50"), Decimal(20))
    assert values[(ind["deadline"].pk, "2024")].done_on == date(2024, 9, 1)
    assert {m.entered_by for m in values.values()} == {owner}
    assert {h.history_user for h in Measurement.history.all()} == {owner}


@pytest.mark.django_db
def test_an_unchanged_workbook_uploaded_again_changes_nothing(plan, ind, owner):
    record_measurement(ind["count"], "2024-03", {"amount": "12", "comment": "registre"}, owner)
    record_measurement(ind["percent"], "2024", {"numerator": "2,5", "denominator": "7"}, owner)
    record_measurement(ind["deadline"], "2024", {"done": "yes", "done_on": "2024-02-29"}, owner)
    record_measurement(ind["none"], "2024", {"done": "no"}, owner)
    outcome = import_workbook(download(plan).save(), owner, plan=plan)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 4)
    assert set(Measurement.objects.values_list("revision", flat=True)) == {1}
    assert Measurement.history.count() == 4


@pytest.mark.django_db
def test_a_changed_cell_updates_its_value_and_keeps_its_comment(plan, ind, owner, evaluator):
    record_measurement(ind["count"], "2024-03", {"amount": "12", "comment": "registre"}, evaluator)
    record_measurement(ind["count"], "2024-04", {"amount": "9"}, evaluator)
    book = download(plan)
    book.cell(ind["count"], "2024-03").value = 15
    outcome = import_workbook(book.save(), owner, plan=plan)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 1)
    march = Measurement.objects.get(period="2024-03")
    assert (march.amount, march.comment, march.revision, march.entered_by) == (
        Decimal(15),
        "registre",
        2,
        owner,
    )
    assert Measurement.objects.get(period="2024-04").revision == 1


@pytest.mark.django_db
def test_a_dry_run_counts_the_changes_and_applies_nothing(plan, ind, owner):
    book = download(plan)
    book.cell(ind["monthly"], "2024-01").value = 1
    outcome = import_workbook(book.save(), owner, plan=plan, dry_run=True)
    assert (outcome.created, outcome.applied) == (1, False)
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_every_bad_cell_is_reported_and_nothing_is_applied(plan, ind, owner):
    book = download(plan)
    book.cell(ind["count"], "2024").value = 1  # valid, yet not applied
    book.cell(ind["monthly"], "2024-01").value = "douze"
    book.cell(ind["monthly"], "2024-02").value = 12.5
    book.cell(ind["monthly"], "2024-03").value = "=SUM(J6:K6)"
    book.cell(ind["boolean"], "2024").value = "maybe"
    book.cell(ind["daily_hours"], "2024-02").value = 100
    book.cell(ind["percent"], "2024", "numerator").value = 11
    book.cell(ind["percent"], "2024", "denominator").value = 10
    book.cell(ind["daily_hours"], "2024-03").value = 150
    book.cell(ind["daily_hours"], "2024-03", "days").value = "=20+1"  # one error, not two
    grey = book.module.cell(book.row_of(ind["boolean"]), book.col_of("2024-03"))
    grey.value = 4  # a yearly yes/no has no month
    w = book.where
    errors = refused(book.save(), owner, plan)
    assert errors == [
        f"{w(ind['boolean'], '2024')}: Answer yes or no. (found “maybe”)",
        f"Cambriolage!{grey.coordinate}: this cell takes no value for this indicator.",
        f"{w(ind['monthly'], '2024-01')}: Enter a number. (found “douze”)",
        f"{w(ind['monthly'], '2024-02')}: Enter a whole number. (found “12.5”)",
        f"{w(ind['monthly'], '2024-03')}: a formula (=SUM(J6:K6)) instead of a value: type the value itself.",
        f"{w(ind['daily_hours'], '2024-02', 'days')}: This value is required.",
        f"{w(ind['daily_hours'], '2024-03', 'days')}: a formula (=20+1) instead of a value: "
        "type the value itself.",
        f"{w(ind['percent'], '2024', 'numerator')}: The numerator cannot exceed the denominator. "
        "(found “11”)",
    ]
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_a_recorded_value_cannot_be_emptied_from_the_workbook(plan, ind, owner):
    record_measurement(ind["count"], "2024-03", {"amount": "12"}, owner)
    book = download(plan)
    book.cell(ind["count"], "2024-03").value = None
    assert refused(book.save(), owner, plan) == [
        f"{book.where(ind['count'], '2024-03')}: a recorded value cannot be removed here: "
        "delete it on the values page."
    ]


@pytest.mark.django_db
def test_an_unknown_indicator_id_is_refused(plan, ind, owner):
    book = download(plan)
    book.module.cell(book.row_of(ind["count"]), 1).value = 99999
    errors = refused(book.save(), owner, plan)
    assert errors == ["Cambriolage!A6: unknown indicator id 99999 (not in this plan)."]


@pytest.mark.django_db
def test_a_deleted_row_is_a_changed_structure(plan, ind, owner):
    book = download(plan)
    book.module.delete_rows(book.row_of(ind["weekly"]))
    errors = refused(book.save(), owner, plan)
    weekly, next_one = ind["weekly"].pk, ind["daily_hours"].pk
    assert errors[0] == f"Cambriolage!A8: row changed (expected indicator {weekly}, found “{next_one}”)."
    assert errors[-1] == f"Cambriolage!A13: row changed (expected indicator {ind['none'].pk}, found “”)."


@pytest.mark.django_db
def test_a_deleted_column_is_a_changed_structure(plan, ind, owner):
    book = download(plan)
    col = book.col_of("2024-02")
    book.module.delete_cols(col)
    errors = refused(book.save(), owner, plan)
    letter = book.module.cell(4, col).column_letter
    # the days of February slid into the place of its value
    assert errors[0] == f"Cambriolage!{letter}4: column changed (expected “value”, found “days worked”)."
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_a_renamed_or_moved_sheet_is_a_changed_structure(plan, owner):
    book = download(plan)
    book.module.title = "Burglary"
    assert refused(book.save(), owner, plan) == [
        "Cambriolage!A1: sheet missing (deleted or renamed).",
        "Burglary!A1: unexpected sheet (added or renamed).",
    ]
    book = download(plan)
    book.book.move_sheet("Cambriolage", offset=-1)
    assert refused(book.save(), owner, plan) == [
        "README!A1: sheet moved (expected in position 1).",
        "Cambriolage!A1: sheet moved (expected in position 2).",
    ]


@pytest.mark.django_db
def test_a_workbook_of_another_plan_is_refused_with_one_error(plan, owner):
    other = outside_plan()
    book = download(other)
    assert refused(book.save(), owner, plan) == [
        f"This workbook belongs to another plan (plan {other.pk}), not to “{plan.title}”."
    ]


@pytest.mark.django_db
def test_a_workbook_of_another_version_is_refused_with_one_error(plan, owner):
    book = download(plan)
    draft = amend_plan(plan, owner)
    assert refused(book.save(), owner, draft) == [
        "This workbook was produced for version 1 of this plan, not for version 2: "
        "download the workbook of this version."
    ]


@pytest.mark.django_db
def test_a_workbook_of_a_plan_changed_since_is_refused(plan, ind, owner):
    book = download(plan)
    Indicator.objects.create(strategic_objective=ind["count"].strategic_objective, text="Nouveau", order=99)
    errors = refused(book.save(), owner, plan)
    assert len(errors) == 1 and errors[0].startswith("The plan has changed since this workbook was produced")


@pytest.mark.django_db
def test_a_value_for_a_locked_year_is_refused(plan, ind, owner):
    record_measurement(ind["count"], "2024-03", {"amount": "12"}, owner)
    book = download(plan)
    Evaluation.objects.create(plan=plan, lineage=plan.lineage, year=2024, state=Evaluation.State.SUBMITTED)
    book.cell(ind["count"], "2024-03").value = 13
    book.cell(ind["count"], "2024-04").value = 2
    assert refused(book.save(), owner, plan) == [
        f"{book.where(ind['count'], '2024-03')}: the evaluation of 2024 is submitted: "
        "its values can no longer be changed.",
        f"{book.where(ind['count'], '2024-04')}: the evaluation of 2024 is submitted: "
        "its values can no longer be changed.",
    ]
    assert Measurement.objects.get().amount == Decimal(12)


@pytest.mark.django_db
def test_a_value_changed_in_balise_after_the_download_is_not_overwritten(plan, ind, owner, evaluator):
    record_measurement(ind["count"], "2024-03", {"amount": "12"}, owner)
    book = download(plan)
    record_measurement(ind["count"], "2024-03", {"amount": "20"}, evaluator)
    book.cell(ind["count"], "2024-03").value = 14
    assert refused(book.save(), owner, plan) == [
        f"{book.where(ind['count'], '2024-03')}: this value was changed in Balise after the workbook was "
        "produced: download a new workbook."
    ]


@pytest.mark.django_db
def test_a_file_that_is_not_a_workbook_is_refused(plan, owner):
    assert refused(b"PK not really a zip", owner, plan)[0].startswith("This file is not an XLSX workbook")
