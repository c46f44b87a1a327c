from __future__ import annotations

import pytest

from tests.demo_database import demo_loaded


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module's tests that ask for it (each rolls back to it)."""
    with demo_loaded(django_db_blocker):
        yield
