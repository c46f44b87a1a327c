"""A refusal that a page does not show itself still reaches the user as a page: its message in
the user's terms, with the status of its kind, never a crash page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from balise import errors
from balise.finance.errors import YearClosed
from balise.imports.report import DocumentRefused
from balise.web.refusals import RefusalMiddleware


def answer(error: Exception, **headers: str):
    request = RequestFactory().get("/plans/1/", headers=headers)
    request.user = AnonymousUser()
    return RefusalMiddleware(lambda request: None).process_exception(request, error)


@pytest.mark.django_db
def test_a_locked_year_is_a_409_page_saying_why():
    response = answer(YearClosed(2023))
    assert response.status_code == 409
    assert "The year 2023 is closed" in response.content.decode()


@pytest.mark.django_db
def test_invalid_input_is_a_422_listing_each_message_by_field():
    response = answer(errors.Invalid({"amount": ["Enter a number."], "period": ["Unknown period."]}))
    html = response.content.decode()
    assert response.status_code == 422
    assert "<code>amount</code>: Enter a number." in html and "<code>period</code>: Unknown period." in html


@pytest.mark.django_db
def test_an_htmx_request_gets_the_message_alone_and_an_unknown_thing_is_a_404():
    fragment = answer(DocumentRefused("plan.docx: not a Word document"), HX_Request="true")
    assert fragment.status_code == 422
    assert (
        "<html" not in fragment.content.decode()
        and "plan.docx: not a Word document" in fragment.content.decode()
    )
    assert answer(errors.NotFound("No plan 7.")).status_code == 404


def test_other_exceptions_are_left_to_django():
    assert answer(ValueError("a bug")) is None
