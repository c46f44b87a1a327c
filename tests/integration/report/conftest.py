"""The demo plan (Valmont-sur-Senne: values for 2023-2024, an analysed 2023 evaluation, a 2024
draft) and its demo users, for the annual report."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from balise.demo import load_demo
from balise.plans.models import Plan

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "report"


@pytest.fixture
def demo_plan(db) -> Plan:
    load_demo()
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
