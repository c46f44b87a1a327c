from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from balise.demo import load_demo
from balise.plans.models import Plan


@pytest.fixture
def demo_plan(db) -> Plan:
    load_demo()
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
