"""The demo plan (Valmont-sur-Senne: values for 2023-2024, an analysed 2023 evaluation, a 2024
draft) and its demo users, for the annual report."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from balise.plans.models import Plan
from tests.demo_database import demo_loaded

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "report"


@pytest.fixture(scope="package")
def _demo_database(django_db_setup, django_db_blocker):
    """The demo, loaded once for the package's tests (each rolls back to it) instead of once per
    test; emptied afterwards, as a transactional test leaves the database, for the next tests."""
    with demo_loaded(django_db_blocker):
        yield


@pytest.fixture
def demo_plan(_demo_database, db) -> Plan:
    return Plan.objects.select_related("municipality").get(municipality__code="99001")


@pytest.fixture
def demo_user(demo_plan):
    def user(username: str):
        return get_user_model().objects.get(username=username)

    return user


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
