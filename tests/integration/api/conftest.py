from __future__ import annotations

import json

import pytest
from django.test import Client

from balise.accounts.actors import SYSTEM
from balise.accounts.roles import Role
from balise.accounts.tokens import issue_token
from balise.domain.interchange import outline_from_dict
from balise.plans.actions import import_plan
from tests.factories import FIXTURES, outside_plan, user_with_role


def outside_document() -> dict:
    """The interchange document of tests/fixtures/outside_plan.json (Ixelles, signed)."""
    return json.loads((FIXTURES / "outside_plan.json").read_text(encoding="utf-8"))


@pytest.fixture
def signed_plan(reference):
    return outside_plan()


@pytest.fixture
def plan(reference):
    """A draft (editable) plan of Ixelles: the outside plan without its signature."""
    document = outside_document()
    document["signed_on"] = None
    return import_plan(outline_from_dict(document), user=SYSTEM).plan


@pytest.fixture
def owner(reference):
    return user_with_role("owner", Role.MUNICIPALITY_EDITOR, "21009")


@pytest.fixture
def colleague(reference):
    return user_with_role("colleague", Role.MUNICIPALITY_VIEWER, "21009")


def client_of(user) -> Client:
    """A client authenticated with a personal token of ``user`` (no session, no CSRF)."""
    _token, secret = issue_token(user, "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def as_owner(owner):
    return client_of(owner)


@pytest.fixture
def as_colleague(colleague):
    return client_of(colleague)


@pytest.fixture
def as_outsider(outsider):
    return client_of(outsider)


@pytest.fixture
def anonymous():
    return Client()
