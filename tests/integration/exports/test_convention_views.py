"""Downloading the convention from the plan page: readers of the plan only."""

from __future__ import annotations

import pytest

from balise.accounts.roles import Role
from tests.factories import user_with_role
from tests.integration.exports.convention_support import demo_plan

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def plan(demo_database, reference):
    return demo_plan()


@pytest.fixture
def owner(plan):
    return user_with_role("owner", Role.MUNICIPALITY_EDITOR, plan.municipality.code)


@pytest.fixture
def colleague(plan):
    return user_with_role("colleague", Role.MUNICIPALITY_VIEWER, plan.municipality.code)


def url(plan, format: str, query: str = "") -> str:
    return f"/plans/{plan.pk}/documents/convention.{format}{query}"


def test_the_owner_downloads_the_word_convention(client, plan, owner):
    client.force_login(owner)
    response = client.get(url(plan, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == f'attachment; filename="convention-{plan.pk}-fr.docx"'
    assert response.content.startswith(b"PK")


def test_a_colleague_downloads_the_pdf_of_a_year_in_dutch(client, plan, colleague):
    client.force_login(colleague)
    response = client.get(url(plan, "pdf", "?year=2023&lang=nl"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"convention-{plan.pk}-nl-2023.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("format", ["docx", "pdf"])
def test_a_user_of_another_municipality_gets_not_found(client, plan, outsider, format):
    client.force_login(outsider)
    assert client.get(url(plan, format)).status_code == 404


@pytest.mark.parametrize("format", ["docx", "pdf"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, plan, format):
    response = client.get(url(plan, format))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("query", ["?year=2031", "?year=abc", "?lang=es"])
def test_a_year_without_evaluation_or_an_unknown_language_is_not_found(client, plan, owner, query):
    client.force_login(owner)
    assert client.get(url(plan, "docx", query)).status_code == 404


def test_an_unknown_format_is_not_found(client, plan, owner):
    client.force_login(owner)
    assert client.get(url(plan, "odt")).status_code == 404


def test_the_plan_page_offers_both_downloads(client, plan, colleague):
    client.force_login(colleague)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert url(plan, "docx") in page
    assert url(plan, "pdf") in page
