"""An uploaded workbook updates the progress the dashboards count, in the same transaction."""

from __future__ import annotations

import pytest

from balise.monitoring.models import IndicatorYearProgress
from balise.workbook.apply import import_workbook
from tests.integration.workbook.conftest import download


@pytest.mark.django_db
def test_the_values_of_an_uploaded_workbook_are_counted_at_once(plan, ind, owner):
    book = download(plan)
    book.cell(ind["count"], "2024").value = 60
    book.cell(ind["boolean"], "2024").value = "no"
    import_workbook(book.save(), owner, plan=plan)
    statuses = dict(IndicatorYearProgress.objects.filter(year=2024).values_list("indicator_id", "status"))
    assert (statuses[ind["count"].pk], statuses[ind["boolean"].pk]) == ("met", "not_met")
