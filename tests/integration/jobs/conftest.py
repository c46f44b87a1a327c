from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from balise.plans.models import Plan
from tests.demo_database import demo_loaded


@pytest.fixture(scope="module")
def _demo_database(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module's tests that ask for it (each rolls back to it)."""
    with demo_loaded(django_db_blocker):
        yield


@pytest.fixture
def demo_plan(_demo_database, db) -> Plan:
    return Plan.objects.select_related("municipality").get(municipality__code="99001")


@pytest.fixture
def client_of(demo_plan):
    """``client_of("editeur")``: a client logged in as that demo user (None: anonymous)."""

    def make(username: str | None) -> Client:
        client = Client()
        if username is not None:
            client.force_login(get_user_model().objects.get(username=username))
        return client

    return make
