"""The finance pages: who sees and does what (owner, colleague, other municipality, anonymous,
federal analyst), the writes through forms, the downloads and the overview."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from balise.finance import actions, calendar
from balise.finance.models import Expense, FinanceYear, ReportDeadline
from tests.integration.finance.conftest import CONTINGENT, YEAR, expense
from tests.jobs import job_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(plan, owner):
    return actions.add_expense(plan, YEAR, expense(), owner)


def reads(plan_id: int) -> list[str]:
    base = f"/plans/{plan_id}/finance/"
    return [base, f"{base}{YEAR}/"]


def reports(plan_id: int) -> list[str]:
    """Asked for by POST: each starts a job."""
    base = f"/plans/{plan_id}/finance/{YEAR}/"
    return [f"{base}report.xlsx", f"{base}report.pdf"]


def writes(plan_id: int, expense_id: int) -> list[tuple[str, dict]]:
    base = f"/plans/{plan_id}/finance/{YEAR}/"
    return [
        (f"{base}allocation/", {"allocation_eur": "1"}),
        (f"{base}contingents/", {"name": "X 12", "fte": "1"}),
        (f"{base}occupation/", {"contingent": CONTINGENT, "m1": "1"}),
        (f"{base}expenses/", {**expense(reference="F-NEW"), "spent_on": "2024-04-01"}),
        (f"{base}expenses/{expense_id}/", {"amount_eur": "1"}),
        (f"{base}expenses/{expense_id}/delete/", {}),
        (f"{base}reports/activity/", {"sent_on": "2025-01-10"}),
        (f"{base}reports/defaults/", {}),
        (f"{base}reports/transmissions/", {}),
        (f"{base}close/", {}),
        (f"{base}reopen/", {}),
    ]


def test_the_owner_and_a_colleague_read_every_page(client, plan, owner, colleague, recorded):
    for user in (owner, colleague):
        client.force_login(user)
        for url in reads(plan.pk):
            response = client.get(url, follow=True)
            assert response.status_code == 200, url
        for url in reports(plan.pk):
            response = client.post(url, follow=True)
            assert response.status_code == 200 and "job-queued" in response.content.decode(), url


def test_another_municipality_gets_a_404_everywhere_and_changes_nothing(client, plan, outsider, recorded):
    client.force_login(outsider)
    for url in reads(plan.pk):
        assert client.get(url).status_code == 404, url
    for url in reports(plan.pk):
        assert client.post(url).status_code == 404, url
    for url, data in writes(plan.pk, recorded.pk):
        assert client.post(url, data).status_code == 404, url
    assert Expense.objects.get().amount_eur == Decimal("1234.56")


def test_anonymous_is_sent_to_the_login_page_everywhere(client, plan, recorded):
    for url in reads(plan.pk) + ["/finance/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    for url, data in writes(plan.pk, recorded.pk) + [(url, {}) for url in reports(plan.pk)]:
        response = client.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    assert Expense.objects.count() == 1 and not ReportDeadline.objects.exists()


def test_a_colleague_who_only_reads_cannot_write(client, plan, colleague, recorded):
    client.force_login(colleague)
    for url, data in writes(plan.pk, recorded.pk):
        assert client.post(url, data).status_code == 403, url
    assert Expense.objects.count() == 1 and not ReportDeadline.objects.exists()
    page = client.get(f"/plans/{plan.pk}/finance/{YEAR}/").content.decode()
    assert "Record the expense" not in page and "1\u202f234,56 €" in page


def test_a_federal_analyst_reads_closes_moves_deadlines_but_records_no_expense(
    client, plan, analyst, recorded
):
    client.force_login(analyst)
    base = f"/plans/{plan.pk}/finance/{YEAR}/"
    assert client.get(base).status_code == 200
    assert client.post(f"{base}expenses/", expense(reference="F-A")).status_code == 403
    assert client.post(f"{base}reports/activity/", {"sent_on": "2025-01-10"}).status_code == 403
    assert client.post(f"{base}reports/activity/", {"due_on": "2025-04-30"}).status_code == 302
    assert ReportDeadline.objects.get().due_on == date(2025, 4, 30)
    assert client.post(f"{base}close/").status_code == 302
    assert FinanceYear.objects.get(year=YEAR).closed
    assert client.post(f"{base}reopen/").status_code == 403  # administrators only


def test_the_year_page_shows_the_computed_totals_in_belgian_format(client, plan, owner, recorded):
    client.force_login(owner)
    page = client.get(f"/plans/{plan.pk}/finance/{YEAR}/").content.decode()
    assert "250\u202f000,00 €" in page  # allocation
    assert "7\u202f560,00 €" in page and "550,29 €" in page and "8\u202f110,29 €" in page
    assert "258\u202f110,29 €" in page  # total due
    assert "256\u202f875,73 €" in page  # remaining
    assert "/dashboards/charts/" in page  # the chart


def test_the_owner_records_an_expense_through_the_form(client, plan, owner):
    client.force_login(owner)
    data = {**expense(), "spent_on": "2024-05-02", "amount_eur": "99,99"}
    response = client.post(f"/plans/{plan.pk}/finance/{YEAR}/expenses/", data)
    assert response.status_code == 302 and response["Location"].endswith(f"/finance/{YEAR}/#expenses")
    assert Expense.objects.get().amount_eur == Decimal("99.99")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount_eur": "-5"}, "An amount cannot be negative."),
        ({"amount_eur": "cinq"}, "is not an amount"),
        ({"spent_on": "2026-01-04"}, "outside the period of the plan"),
        ({"reference": "F-2024-001"}, "already justifies another expense"),
    ],
)
def test_a_bad_expense_comes_back_with_its_error_and_nothing_saved(
    client, plan, owner, recorded, changes, message
):
    client.force_login(owner)
    data = {**expense(reference="F-2"), "spent_on": "2024-05-02", **changes}
    response = client.post(f"/plans/{plan.pk}/finance/{YEAR}/expenses/", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Expense.objects.count() == 1


def test_more_fte_than_the_contingent_is_refused_on_the_page(client, plan, owner):
    client.force_login(owner)
    response = client.post(
        f"/plans/{plan.pk}/finance/{YEAR}/occupation/",
        {"contingent": CONTINGENT, "m3": "2"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422 and "more than the contingent" in response.content.decode()
    assert not FinanceYear.objects.exists()


def test_a_closed_year_refuses_writes_with_a_409_and_says_why(client, plan, owner, analyst, recorded):
    actions.close_year(plan, YEAR, analyst)
    client.force_login(owner)
    response = client.post(
        f"/plans/{plan.pk}/finance/{YEAR}/expenses/{recorded.pk}/delete/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409 and "is closed" in response.content.decode()
    assert Expense.objects.exists()
    page = client.get(f"/plans/{plan.pk}/finance/{YEAR}/").content.decode()
    assert "Record the expense" not in page


def test_a_year_outside_the_plan_is_not_found(client, plan, owner):
    client.force_login(owner)
    assert client.get(f"/plans/{plan.pk}/finance/2019/").status_code == 404


def test_the_financial_report_downloads_as_a_workbook_with_numbers(client, plan, owner, recorded):
    calendar.ensure_calendar(plan, owner)
    client.force_login(owner)
    response = job_file(client, client.post(f"/plans/{plan.pk}/finance/{YEAR}/report.xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert book.sheetnames == ["Summary", "Categories", "Contingents", "Expenses", "Reports"]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    assert summary["Total due"] == 258110.29 and summary["Total spent"] == 1234.56
    contingent = list(book["Contingents"].iter_rows(values_only=True))[1]
    assert contingent[0] == CONTINGENT and contingent[8] == 8110.29
    assert list(book["Expenses"].iter_rows(values_only=True))[1][-1] == "F-2024-001"
    assert len(list(book["Reports"].iter_rows())) == 3


def test_the_financial_report_downloads_as_a_pdf_in_belgian_format(client, plan, owner, recorded):
    client.force_login(owner)
    response = job_file(client, client.post(f"/plans/{plan.pk}/finance/{YEAR}/report.pdf"))
    content = response.getvalue()
    assert response["Content-Type"] == "application/pdf" and content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Financial report 2024" in text
    assert "258 110,29 €" in text.replace("\u202f", " ") and "F-2024-001" in text


def test_the_overview_is_for_federal_and_regional_users_only(
    client, plan, owner, colleague, outsider, analyst, coordinator, recorded
):
    for user in (owner, colleague, outsider):
        client.force_login(user)
        assert client.get("/finance/", {"year": YEAR}).status_code == 403
    for user in (analyst, coordinator):
        client.force_login(user)
        page = client.get("/finance/", {"year": YEAR}).content.decode()
        assert "Ixelles" in page and "258\u202f110,29 €" in page and "1\u202f234,56 €" in page


def test_the_plan_page_links_to_the_finance_pages(client, plan, owner):
    client.force_login(owner)
    assert f"/plans/{plan.pk}/finance/" in client.get(f"/plans/{plan.pk}/").content.decode()


def test_the_owner_changes_an_expense_through_its_form(client, plan, owner, recorded):
    client.force_login(owner)
    page = client.get(f"/plans/{plan.pk}/finance/{YEAR}/").content.decode()
    assert f"/finance/{YEAR}/expenses/{recorded.pk}/" in page
    response = client.post(
        f"/plans/{plan.pk}/finance/{YEAR}/expenses/{recorded.pk}/", {"amount_eur": "12,30"}
    )
    assert response.status_code == 302
    recorded.refresh_from_db()
    assert recorded.amount_eur == Decimal("12.30")
    refused = client.post(
        f"/plans/{plan.pk}/finance/{YEAR}/expenses/{recorded.pk}/",
        {"amount_eur": "-1"},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 422 and "cannot be negative" in refused.content.decode()
