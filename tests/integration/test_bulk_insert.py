"""`balise.plans.bulk` stores what Django's `bulk_create` and simple-history's
`bulk_create_with_history` store, row for row and statement for statement."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Value
from django.test.utils import CaptureQueriesContext
from simple_history.utils import bulk_create_with_history

from balise.accounts.history import set_author, set_change_reason
from balise.monitoring.models import IndicatorYearProgress
from balise.plans.bulk import insert, insert_with_history
from balise.plans.models import Indicator, OperationalObjective
from tests.factories import outside_plan, user_with_role

HISTORY_ONLY = {"history_id", "history_date", "id"}


def _indicators(tag: str, author, count: int = 80) -> list[Indicator]:
    """Rows of every kind of column: text, decimals, a date, JSON (empty or not), a UUID, a
    nullable foreign key; some with an author and a reason of their own."""
    oo = OperationalObjective.objects.select_related("strategic_objective").first()
    rows = []
    for n in range(count):
        row = Indicator(
            strategic_objective=oo.strategic_objective,
            operational_objective=oo if n % 2 else None,
            order=n,
            key=uuid.UUID(int=n),
            text=f"{tag} indicateur n° {n} — « test »",
            target_kind="count" if n % 3 else "",
            target_value=Decimal("12.5") * n if n % 3 else None,
            target_deadline=date(2026, 1 + n % 12, 1) if n % 4 == 0 else None,
            translations={"nl": {"text": f"indicator {n}"}} if n % 5 == 0 else {},
        )
        if n % 7 == 0:
            set_author(row, author)
            set_change_reason(row, "imported")
        rows.append(row)
    return rows


def _stored(tag: str) -> tuple[list[dict], list[dict]]:
    rows = Indicator.objects.filter(text__startswith=tag).order_by("order")
    history = Indicator.history.filter(text__startswith=tag).order_by("order")
    return (
        [{k: v for k, v in r.items() if k != "id"} for r in rows.values()],
        [{k: v for k, v in r.items() if k not in HISTORY_ONLY} for r in history.values()],
    )


def _shape(queries) -> list[str]:
    """Each statement as its verb and table, and its form of rows: "INSERT plans_indicator
    VALUES" ("UNNEST" where Django sends one array per column: PostgreSQL)."""
    shapes = []
    for query in queries:
        words = query["sql"].replace('"', "").split()
        if words[0] != "INSERT":
            shapes.append(words[0])
        else:
            shapes.append(" ".join([*words[:3:2], "UNNEST" if "UNNEST(" in query["sql"] else "VALUES"]))
    return shapes


@pytest.mark.django_db
def test_rows_and_history_are_those_simple_history_writes(reference):
    outside_plan()
    author = user_with_role("auteur")
    django_rows = _indicators("bulk-A", author, count=150)  # more than one SQLite batch
    with CaptureQueriesContext(connection) as theirs:
        bulk_create_with_history(django_rows, Indicator, default_change_reason="bulk")
    ours_rows = _indicators("bulk-B", author, count=150)
    with CaptureQueriesContext(connection) as ours:
        insert_with_history(ours_rows, Indicator, default_change_reason="bulk")
    assert _shape(ours.captured_queries) == _shape(theirs.captured_queries)
    expected, expected_history = _stored("bulk-A")
    found, found_history = _stored("bulk-B")
    assert found == [{**row, "text": row["text"].replace("bulk-A", "bulk-B")} for row in expected]
    assert found_history == [
        {**row, "text": row["text"].replace("bulk-A", "bulk-B")} for row in expected_history
    ]
    assert {r["history_user_id"] for r in found_history} == {None, author.pk}
    assert {r["history_change_reason"] for r in found_history} == {"bulk", "imported"}


@pytest.mark.django_db
def test_each_object_gets_the_key_of_its_own_row(reference):
    outside_plan()
    rows = insert(_indicators("bulk-C", None), Indicator)
    assert all(not row._state.adding for row in rows)
    stored = dict(Indicator.objects.filter(pk__in=[r.pk for r in rows]).values_list("pk", "text"))
    assert [stored[r.pk] for r in rows] == [r.text for r in rows]


@pytest.mark.django_db
def test_what_the_quick_path_does_not_cover_goes_through_django(reference):
    outside_plan()
    rows = _indicators("bulk-D", None, count=3)
    rows[1].target_raw = Value("≥ 3")  # an expression: only Django's compiler resolves it
    insert_with_history(rows, Indicator)
    assert Indicator.objects.get(pk=rows[1].pk).target_raw == "≥ 3"
    assert Indicator.history.get(id=rows[1].pk).target_raw == "≥ 3"
    given = _indicators("bulk-E", None, count=2)
    given[0].pk = Indicator.objects.order_by("-pk").first().pk + 100  # a key given in advance
    insert(given, Indicator)
    assert Indicator.objects.filter(text__startswith="bulk-E").count() == 2


@pytest.mark.django_db
def test_progress_rows_take_the_same_values_as_django_s(reference):
    plan = outside_plan()
    stored = list(IndicatorYearProgress.objects.filter(plan=plan).order_by("pk").values())
    IndicatorYearProgress.objects.filter(plan=plan).delete()
    insert(
        [IndicatorYearProgress(**{k: v for k, v in row.items() if k != "id"}) for row in stored],
        IndicatorYearProgress,
    )
    again = list(IndicatorYearProgress.objects.filter(plan=plan).order_by("pk").values())
    assert stored and [{**r, "id": 0} for r in again] == [{**r, "id": 0} for r in stored]
