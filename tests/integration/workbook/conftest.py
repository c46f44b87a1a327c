"""A plan of Ixelles (2023-2025) with one indicator of each kind of target, its users, and
helpers to fill a downloaded workbook with openpyxl as a person would."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.plans.actions import import_plan
from balise.workbook.apply import export_workbook
from balise.workbook.spec import FIRST_ROW, FIRST_SLOT_COL, README
from tests.factories import user_with_role
from tests.integration.monitoring.conftest import indicators_by_name, monitoring_outline

YEAR = 2024


@pytest.fixture
def plan(reference):
    return import_plan(monitoring_outline(), user=SYSTEM).plan


@pytest.fixture
def ind(plan):
    return indicators_by_name(plan)


@pytest.fixture
def owner(reference):
    return user_with_role("owner", Role.MUNICIPALITY_EDITOR, "21009")


@pytest.fixture
def colleague(reference):
    return user_with_role("colleague", Role.MUNICIPALITY_VIEWER, "21009")


@pytest.fixture
def evaluator(reference):
    """Someone else of the municipality who records values too."""
    return user_with_role("evaluator", Role.INTERNAL_EVALUATOR, "21009")


class Sheet:
    """A downloaded workbook opened for editing: cells found by indicator and column header."""

    def __init__(self, data: bytes):
        self.book = load_workbook(io.BytesIO(data))

    @property
    def module(self):
        return self.book[self.book.sheetnames[1]]

    def row_of(self, indicator) -> int:
        ws = self.module
        for r in range(FIRST_ROW, ws.max_row + 1):
            if ws.cell(r, 1).value == indicator.pk:
                return r
        raise LookupError(indicator)

    def col_of(self, period: str, field: str = "value") -> int:
        from balise.monitoring.period_names import period_name
        from balise.workbook.spec import field_label

        ws = self.module
        for c in range(FIRST_SLOT_COL, ws.max_column + 1):
            if ws.cell(3, c).value == period_name(period) and ws.cell(4, c).value == field_label(field):
                return c
        raise LookupError((period, field))

    def cell(self, indicator, period: str, field: str = "value"):
        return self.module.cell(self.row_of(indicator), self.col_of(period, field))

    def where(self, indicator, period: str, field: str = "value") -> str:
        return f"{self.module.title}!{self.cell(indicator, period, field).coordinate}"

    def readme(self, key: str):
        ws = self.book[README]
        return next(ws.cell(r, 3) for r in range(1, 20) if ws.cell(r, 1).value == key)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()


def download(plan, year: int = YEAR) -> Sheet:
    return Sheet(export_workbook(plan, year))
