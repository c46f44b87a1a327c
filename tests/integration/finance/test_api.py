"""/api/…/finance: every endpoint as owner, colleague, other municipality and anonymous; bad input
as 422 with field paths and nothing saved; closed years as 409."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from balise.accounts.tokens import issue_token
from balise.finance import actions
from balise.finance.models import Expense, FinanceYear, Occupation, ReportDeadline
from tests.integration.finance.conftest import CONTINGENT, YEAR

pytestmark = pytest.mark.django_db

EXPENSE = {
    "category": "investment",
    "spent_on": "2024-06-01",
    "supplier": "Vélos Bruxelles",
    "amount_eur": "2499.90",
    "reference": "INV-7",
}


def client_of(user) -> Client:
    if user is None:
        return Client()
    _token, secret = issue_token(user, "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def call(client, method: str, url: str, body: dict | None = None):
    if method in ("get", "delete"):
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def endpoints(plan_id: int, expense_id: int) -> list[tuple[str, str, dict | None]]:
    base = f"/api/plans/{plan_id}/finance/{YEAR}"
    return [
        ("get", base, None),
        ("put", f"{base}/allocation", {"allocation_eur": "1"}),
        ("put", f"{base}/occupation", {"contingent": CONTINGENT, "months": {"1": "1"}}),
        ("post", f"{base}/expenses", EXPENSE),
        ("delete", f"{base}/expenses/{expense_id}", None),
        ("put", f"{base}/reports/activity", {"sent_on": "2025-01-10"}),
        ("post", f"{base}/close", {}),
    ]


@pytest.fixture
def first(plan, owner):
    return actions.add_expense(
        plan,
        YEAR,
        {**EXPENSE, "reference": "INV-1", "category": "functioning", "amount_eur": "10"},
        owner,
    )


@pytest.mark.parametrize("who", ["outsider", None])
def test_outsiders_get_404_and_anonymous_401_on_every_endpoint(request, plan, first, who):
    client = client_of(request.getfixturevalue(who) if who else None)
    for method, url, body in endpoints(plan.pk, first.pk):
        response = call(client, method, url, body)
        assert response.status_code == (404 if who else 401), (method, url, response.content)
        assert "amount" not in response.content.decode()
    assert Expense.objects.count() == 1 and not Occupation.objects.exists()
    assert not ReportDeadline.objects.exists() and not FinanceYear.objects.get().closed


def test_a_colleague_reads_but_every_write_is_403(plan, colleague, first):
    client = client_of(colleague)
    for method, url, body in endpoints(plan.pk, first.pk):
        response = call(client, method, url, body)
        assert response.status_code == (200 if method == "get" else 403), (method, url, response.content)
    assert Expense.objects.count() == 1


def test_the_owner_reaches_every_write_but_closing(plan, owner, first):
    client = client_of(owner)
    expected = {"get": 200, "put": 200, "post": 201, "delete": 204}
    for method, url, body in endpoints(plan.pk, first.pk):
        response = call(client, method, url, body)
        wanted = 403 if url.endswith("/close") else expected[method]
        assert response.status_code == wanted, (method, url, response.content)
    budget = call(client, "get", f"/api/plans/{plan.pk}/finance/{YEAR}").json()
    assert budget["allocation_eur"] == "1.00"
    assert budget["contingents"][0]["personnel_due_eur"] == "7350.00"  # January at 1 FTE of 1,5
    assert [e["reference"] for e in budget["expenses"]] == ["INV-7"]
    assert [(r["kind"], r["sent_on"]) for r in budget["reports"]] == [("activity", "2025-01-10")]


def test_the_budget_reads_as_strings_to_the_cent(plan, analyst):
    body = call(client_of(analyst), "get", f"/api/plans/{plan.pk}/finance/{YEAR}").json()
    assert (body["total_due_eur"], body["contingents"][0]["total_due_eur"]) == ("258110.29", "8110.29")
    assert body["contingents"][0]["equipment_cap_eur"] == "550.29"


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"amount_eur": -3}, "amount_eur"),
        ({"amount_eur": "trois"}, "amount_eur"),
        ({"spent_on": "2027-01-01"}, "spent_on"),
        ({"reference": "INV-1"}, "reference"),
        ({"contingent_name": "Nope 1"}, "contingent_name"),
    ],
)
def test_bad_expenses_are_422_with_the_field_and_nothing_saved(plan, owner, first, changes, loc):
    response = call(
        client_of(owner), "post", f"/api/plans/{plan.pk}/finance/{YEAR}/expenses", {**EXPENSE, **changes}
    )
    assert response.status_code == 422, response.content
    assert [e["loc"] for e in response.json()["detail"]] == [loc]
    assert Expense.objects.count() == 1


def test_an_expense_as_a_json_number_is_read_exactly(plan, owner):
    response = call(
        client_of(owner),
        "post",
        f"/api/plans/{plan.pk}/finance/{YEAR}/expenses",
        {**EXPENSE, "amount_eur": 0.1},
    )
    assert response.status_code == 201 and response.json()["amount_eur"] == "0.10"


def test_more_fte_than_the_contingent_is_422(plan, owner):
    response = call(
        client_of(owner),
        "put",
        f"/api/plans/{plan.pk}/finance/{YEAR}/occupation",
        {"contingent": CONTINGENT, "months": {"2": "1.6"}},
    )
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == "m2"
    assert not Occupation.objects.exists()


def test_a_closed_year_is_409(plan, owner, analyst, first):
    assert (
        call(client_of(analyst), "post", f"/api/plans/{plan.pk}/finance/{YEAR}/close", {}).status_code == 200
    )
    response = call(client_of(owner), "delete", f"/api/plans/{plan.pk}/finance/{YEAR}/expenses/{first.pk}")
    assert response.status_code == 409 and "closed" in response.json()["detail"]
    assert Expense.objects.exists()


def test_the_overview_is_for_federal_and_regional_users(plan, owner, outsider, analyst, coordinator, first):
    for user in (owner, outsider):
        assert call(client_of(user), "get", f"/api/finance/overview?year={YEAR}").status_code == 403
    assert call(client_of(None), "get", f"/api/finance/overview?year={YEAR}").status_code == 401
    for user in (analyst, coordinator):
        body = call(client_of(user), "get", f"/api/finance/overview?year={YEAR}").json()
        assert [p["plan_id"] for p in body["plans"]] == [plan.pk]
        assert body["spent_by_category"]["functioning"] == "10.00"
        assert body["total_due_eur"] == "258110.29"
