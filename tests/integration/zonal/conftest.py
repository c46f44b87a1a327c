"""A municipality's PSSP and its police zone's zonal plan: Forest (21007) in zone Midi (5341)."""

from __future__ import annotations

import pytest
from django.test import Client

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.plans.actions import import_plan
from tests.corpus.plans_fr import forest
from tests.corpus.plans_zonal import zone_midi
from tests.factories import user_with_role


@pytest.fixture
def zonal_plan(reference):
    return import_plan(zone_midi(), user=SYSTEM).plan


@pytest.fixture
def forest_plan(reference):
    return import_plan(forest(), user=SYSTEM).plan


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def forest_viewer(reference):
    return user_with_role("forest", Role.MUNICIPALITY_VIEWER, "21007")


@pytest.fixture
def zone_member(reference):
    return user_with_role("midi", Role.PARTNER, "5341")
