"""The demo loaded once for a group of tests instead of once per test.

Loading the demo (two plans, their users, two years of values, the regional plan) costs seconds;
a fixture of module or package scope loads it once with :func:`demo_loaded`, each test of the group
runs in its own transaction that rolls back to it, and the tables are emptied when the group ends
(the reference lists loaded again), so the tests after the group start from the session's state.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command

from balise.demo import load_demo
from balise.reference.loader import load_reference


@contextmanager
def demo_loaded(django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock():
        load_demo()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            load_reference()
