"""The workbook pages: readers download, those who record values upload; another municipality
gets a 404 and an anonymous visitor the login page."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from balise.monitoring.models import Measurement
from tests.integration.workbook.conftest import Sheet, download

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def urls(plan) -> dict[str, str]:
    base = f"/plans/{plan.pk}/monitoring/workbook"
    return {"download": f"{base}/?year=2024", "upload": f"{base}/upload/"}


def upload(client, plan, data: bytes, follow: bool = False, **extra):
    file = io.BytesIO(data)
    file.name = "values.xlsx"
    return client.post(urls(plan)["upload"], {"workbook": file, **extra}, follow=follow)


@pytest.mark.django_db
def test_a_colleague_downloads_the_workbook_of_a_year(client, plan, colleague):
    client.force_login(colleague)
    response = client.get(urls(plan)["download"])
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert f'filename="balise-plan-{plan.pk}-v1-2024.xlsx"' in response["Content-Disposition"]
    assert Sheet(response.content).readme("year").value == 2024


@pytest.mark.django_db
def test_a_colleague_sees_the_download_form_but_may_not_upload(client, plan, colleague):
    client.force_login(colleague)
    page = client.get(urls(plan)["upload"])
    assert page.status_code == 200 and b'name="workbook"' not in page.content
    assert upload(client, plan, download(plan).save()).status_code == 403


@pytest.mark.django_db
def test_the_owner_uploads_and_is_told_what_changed(client, plan, ind, owner):
    client.force_login(owner)
    assert b'name="workbook"' in client.get(urls(plan)["upload"]).content
    book = download(plan)
    book.cell(ind["count"], "2024").value = 12
    response = upload(client, plan, book.save(), follow=True)
    assert response.redirect_chain[-1][0].startswith(f"/plans/{plan.pk}/monitoring/values/?year=2024")
    assert (
        "Workbook of 2024 applied. Values created: 1, updated: 0, unchanged: 0." in response.content.decode()
    )
    assert Measurement.objects.get().amount == Decimal(12)


@pytest.mark.django_db
def test_a_refused_upload_lists_every_error_in_a_table_with_a_400(client, plan, ind, owner):
    client.force_login(owner)
    book = download(plan)
    book.cell(ind["count"], "2024").value = "douze"
    book.cell(ind["boolean"], "2024").value = "=TRUE()"
    response = upload(client, plan, book.save())
    assert response.status_code == 400
    html = response.content.decode()
    assert "2 errors. Nothing was saved." in html
    assert f"<code>{book.where(ind['count'], '2024')}</code>" in html
    assert "Enter a number. (found “douze”)" in html
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_a_check_only_upload_saves_nothing(client, plan, ind, owner):
    client.force_login(owner)
    book = download(plan)
    book.cell(ind["count"], "2024").value = 12
    response = upload(client, plan, book.save(), dry_run="1")
    assert response.status_code == 200
    assert "Values it would create: 1, update: 0" in response.content.decode()
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_an_upload_without_a_file_is_a_400(client, plan, owner):
    client.force_login(owner)
    response = client.post(urls(plan)["upload"], {})
    assert response.status_code == 400 and "Choose the workbook" in response.content.decode()


@pytest.mark.django_db
def test_another_municipality_gets_404_everywhere(client, plan, outsider):
    client.force_login(outsider)
    for name, url in urls(plan).items():
        assert client.get(url).status_code == 404, name
    assert upload(client, plan, download(plan).save()).status_code == 404


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login_page(client, plan):
    for url in urls(plan).values():
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = upload(client, plan, download(plan).save())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_plan_page_links_to_the_workbook(client, plan, colleague):
    client.force_login(colleague)
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f'href="/plans/{plan.pk}/monitoring/workbook/upload/">Workbook (XLSX)</a>' in html


@pytest.mark.django_db
def test_download_and_upload_run_a_bounded_number_of_queries(
    client, plan, ind, owner, django_assert_max_num_queries
):
    client.force_login(owner)
    with django_assert_max_num_queries(10):
        data = client.get(urls(plan)["download"]).content
    book = Sheet(data)
    book.cell(ind["daily_hours"], "2024-03").value = 140
    book.cell(ind["daily_hours"], "2024-03", "days").value = 20
    book.cell(ind["monthly"], "2024-03").value = 1
    # 25, which indicators are broken down by category, whether the federal overview counts the plan
    with django_assert_max_num_queries(27):
        assert upload(client, plan, book.save()).status_code == 302
