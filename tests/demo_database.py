"""The demo loaded once for a group of tests instead of once per test.

Loading the demo (two plans, their users, two years of values, the regional plan) costs seconds;
a fixture of module or package scope loads it once with :func:`demo_loaded`, each test of the group
runs in its own transaction that rolls back to it, and the tables are emptied when the group ends
(the reference lists loaded again), so the tests after the group start from the session's state.

On SQLite in memory (the suite's default) only the first load of a test process runs
:func:`load_demo`: the database it leaves is kept (SQLite's backup API) and copied back for every
later load of the process, in milliseconds (:func:`load_demo_copy`). On PostgreSQL the demo is
loaded each time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from balise.demo import load_demo
from balise.reference.loader import load_reference

# The test database just after the process's first load of the demo (SQLite in memory only).
_DEMO_SNAPSHOT: list[sqlite3.Connection] = []


def load_demo_copy() -> None:
    """The demo in the test database, outside any transaction (a fixture of module scope, or a
    transactional test): a copy of the process's first load on SQLite in memory, else loaded."""
    connection.ensure_connection()
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        load_demo()
        return
    assert not connection.in_atomic_block, "the demo is copied outside a transaction only"
    if _DEMO_SNAPSHOT:
        _DEMO_SNAPSHOT[0].backup(connection.connection)
        ContentType.objects.clear_cache()  # the copy's ids, not those of a flushed database
        return
    load_demo()
    snapshot = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(snapshot)
    _DEMO_SNAPSHOT.append(snapshot)


@contextmanager
def demo_loaded(django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock():
        load_demo_copy()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            load_reference()
