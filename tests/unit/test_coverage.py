"""The coverage table as data (no database): fractions, totals, columns, comparison with a report's
"Tableau 1"; the measures with approved outputs."""

from __future__ import annotations

import pytest

from balise.imports.pgsp.coverage import parse_coverage_table
from balise.regional.coverage import (
    TABLEAU_1,
    Fraction,
    build_table,
    column_for,
    columns_with,
    differences,
)
from tests.seeds import seed_text


def _row(number: int, total: int, *covered: int, any_: int | None = None) -> dict:
    row = {"number": number, "title": f"Thématique {number}", "total": total, "any": any_ or max(covered)}
    row.update({f"c{i}": n for i, n in enumerate(covered)})
    return row


def test_a_fraction_reads_like_the_report_and_adds_up():
    assert str(Fraction(5, 9)) == "5/9"
    assert Fraction(5, 9) + Fraction(5, 8) == Fraction(10, 17)
    assert Fraction(0, 0).share == 0.0 and Fraction(3, 4).share == 0.75


def test_totals_sum_every_thematic_row_per_column():
    table = build_table(
        TABLEAU_1, [_row(1, 9, 5, 6, 0, 4, 3, any_=8), _row(2, 8, 5, 7, 0, 5, 1, any_=8)], 2021, 2022
    )
    assert [str(t) for t in table.totals] == ["10/17", "13/17", "0/17", "9/17", "4/17"]
    assert str(table.overall) == "16/17"
    assert str(table.cell(2, "local")) == "7/8"
    with pytest.raises(KeyError):
        table.row(3)


def test_municipalities_and_lisa_antennas_share_the_local_column():
    assert [c.key for c in columns_with("lisa_antenna")] == ["local"]
    assert [c.key for c in columns_with("municipality")] == ["local"]
    assert columns_with(None) == TABLEAU_1
    assert columns_with("nobody") == ()


@pytest.fixture(scope="module")
def report():
    return parse_coverage_table(seed_text("004").split("\n"))


def test_every_heading_of_the_seed_finds_its_column(report):
    assert [column_for(h).key for h in report.categories] == ["police", "local", "regional", "call", "other"]


def _as_counts(report, change: tuple[int, int, int] | None = None) -> list[dict]:
    rows = []
    for row in report.rows:
        covered = [c.covered for c in row.cells]
        if change and change[0] == row.thematic:
            covered[change[1]] = change[2]
        rows.append(_row(row.thematic, row.cells[0].total, *covered))
    return rows


def test_a_table_with_the_reports_counts_has_no_differences(report):
    table = build_table(TABLEAU_1, _as_counts(report), 2021, 2022)
    assert differences(table, report) == []
    assert [str(t) for t in table.totals] == ["37/77", "48/77", "10/77", "17/77", "15/77"]


def test_each_disagreeing_cell_and_total_is_named(report):
    table = build_table(TABLEAU_1, _as_counts(report, (5, 0, 6)), 2021, 2022)
    assert differences(table, report) == [
        "thematic 5, Zones de police: report 7/7, computed 6/7",
        "TOTAL, Zones de police: report 37/77, computed 36/77",
    ]


def test_a_different_number_of_columns_is_one_difference(report):
    table = build_table(TABLEAU_1[:2], [_row(1, 9, 5, 6)], 2021, 2022)
    assert differences(table, report) == ["5 categories in the report, 2 columns here"]


def test_a_row_counts_the_measures_with_approved_outputs_apart_from_those_funded():
    table = build_table(TABLEAU_1[:1], [{**_row(1, 9, 5), "reported": 2}, _row(2, 4, 1)], 2021, 2022)
    assert str(table.row(1).overall) == "5/9" and str(table.row(1).reported) == "2/9"
    assert str(table.row(2).reported) == "0/4"  # not counted: none
    assert str(table.reported) == "2/13"
