"""The report page and download: whoever may read the plan downloads; an outsider gets 404,
an anonymous visitor the login page."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document as OpenDocx

from tests.jobs import job_file

pytestmark = pytest.mark.django_db

READERS = ("editeur", "lecteur", "evaluateur", "analyste")  # owner, colleague, evaluator, federal


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("username", READERS)
def test_those_who_read_the_plan_are_offered_its_evaluated_years(demo_plan, demo_user, username):
    response = client_for(demo_user(username)).get(f"/plans/{demo_plan.pk}/report/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<option value="2023">2023' in page and '<option value="2024">2024' in page
    assert "<!doctype html>" in page  # the whole page, from web/base.html


def test_the_owner_downloads_the_pdf(demo_plan, demo_user):
    client = client_for(demo_user("editeur"))
    started = client.post(f"/plans/{demo_plan.pk}/report/", {"year": 2023, "format": "pdf", "lang": "fr"})
    response = job_file(client, started)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="plan-{demo_plan.pk}-report-2023-fr.pdf"'
    assert response.getvalue().startswith(b"%PDF")


def test_a_colleague_downloads_the_docx_in_dutch(demo_plan, demo_user):
    client = client_for(demo_user("lecteur"))
    started = client.post(f"/plans/{demo_plan.pk}/report/", {"year": 2023, "format": "docx", "lang": "nl"})
    docx = OpenDocx(io.BytesIO(job_file(client, started).getvalue()))
    assert docx.core_properties.language == "nl"


@pytest.mark.parametrize("query", [{}, {"year": 2023}, {"year": 2023, "format": "docx"}])
def test_a_user_of_another_municipality_gets_404(demo_plan, demo_user, query):
    client = client_for(demo_user("molenbeek"))
    for response in (
        client.get(f"/plans/{demo_plan.pk}/report/"),
        client.post(f"/plans/{demo_plan.pk}/report/", query),
    ):
        assert response.status_code == 404
        assert b"Valmont" not in response.content


@pytest.mark.parametrize("query", [{}, {"year": 2023}])
def test_anonymous_visitors_are_sent_to_the_login_page(demo_plan, query):
    for response in (
        client_for(None).get(f"/plans/{demo_plan.pk}/report/"),
        client_for(None).post(f"/plans/{demo_plan.pk}/report/", query),
    ):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "query",
    [{"year": 2025}, {"year": "twenty"}, {"year": 2023, "format": "odt"}, {"year": 2023, "lang": "es"}],
)
def test_a_year_without_evaluation_or_a_bad_choice_is_not_found(demo_plan, demo_user, query):
    response = client_for(demo_user("editeur")).post(f"/plans/{demo_plan.pk}/report/", query)
    assert response.status_code == 404


def test_the_plan_page_links_to_the_annual_report(demo_plan, demo_user):
    response = client_for(demo_user("lecteur")).get(f"/plans/{demo_plan.pk}/")
    assert f'href="/plans/{demo_plan.pk}/report/"' in response.content.decode()
