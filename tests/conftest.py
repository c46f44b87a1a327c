from __future__ import annotations

from pathlib import Path

import pytest

from balise.accounts.roles import Role
from balise.reference.loader import load_reference
from balise.reference.models import Phenomenon
from tests.demo_database import load_demo_copy
from tests.factories import user_with_role
from tests.migrated_template import templated_create_test_db, templated_postgres_create_test_db

TESTS = Path(__file__).resolve().parent

# Folders whose tests share a costly fixture of session, package or module scope (a prepared
# installation, the browser and its live server, the demo loaded once): under make test's
# pytest-xdist (--dist loadgroup) each folder runs on one worker, so that it is built once.
SHARED_SETUP = (
    "e2e",
    "integration/operations",
    "integration/report",
    "integration/jobs",
    "integration/exports",
)


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(TESTS):
            folder = item.path.parent.relative_to(TESTS)
            group = next((group for group in SHARED_SETUP if folder.is_relative_to(group)), None)
            if group is not None:
                item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """Each worker's test database is copied from the migrated schema an earlier run saved (a file
    on SQLite in memory, a template database on PostgreSQL: tests/migrated_template.py) instead of
    being migrated again (~25 CPU seconds)."""
    from django.db import connection

    if connection.vendor == "sqlite" and connection.settings_dict.get("TEST", {}).get("NAME") == ":memory:":
        connection.creation.create_test_db = templated_create_test_db(connection)
    elif connection.vendor == "postgresql":
        connection.creation.create_test_db = templated_postgres_create_test_db(connection)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The reference lists are loaded once per session into the test database; every test's
    transaction rolls back to it (instead of ~180 update_or_create per test)."""
    with django_db_blocker.unblock():
        load_reference()


@pytest.fixture(autouse=True)
def _reference_survives_flushes(request, django_db_blocker):
    """A transactional test (live server) empties every table when it ends: load the lists again
    for the tests after it. Autouse, so it is torn down after ``transactional_db``."""
    yield
    if "transactional_db" in request.fixturenames:
        with django_db_blocker.unblock():
            load_reference()


@pytest.fixture
def demo_db(transactional_db):
    """The demo loaded for this test alone, emptied after it as any transactional test leaves the
    database: on SQLite in memory a copy of the process's first load (tests/demo_database.py)."""
    load_demo_copy()


@pytest.fixture
def outsider(reference):
    """An editor of another municipality (Molenbeek): every plan of the tests' municipalities is
    someone else's to them."""
    return user_with_role("outsider", Role.MUNICIPALITY_EDITOR, "21012")


@pytest.fixture
def reference(db):
    """The reference lists in the test database (loaded once per session, see django_db_setup)."""
    if not Phenomenon.objects.exists():  # a test emptied the tables without the flush above
        load_reference()


@pytest.fixture(autouse=True)
def _source_language():
    """Each test starts in the source language, whatever a previous request activated."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def in_french(settings):
    """Pages rendered in French, the default language of a real installation."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "fr"
    translation.activate("fr")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rendered trees and charts are cached by ids that the test database reuses: start empty."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _private_var_dir(settings, tmp_path):
    """Generated files (jobs, charts, uploads) go to a temporary folder, never the developer's var/."""
    settings.VAR_DIR = tmp_path / "var"
