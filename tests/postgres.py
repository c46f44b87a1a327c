"""A PostgreSQL database of one test's own: created on the server the suite is pointed at, dropped after.

The server is the one of ``DATABASE_URL`` when it names PostgreSQL (the CI's second run), otherwise
``BALISE_TEST_POSTGRES`` (default ``postgresql://postgres@127.0.0.1:5432``). Unreachable: the test
is skipped with the reason, except in CI (``CI=true``) where that fails."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432"


def postgres_server() -> str:
    """The server's URL without a database name."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = os.environ.get("BALISE_TEST_POSTGRES", DEFAULT_SERVER)
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


@contextmanager
def fresh_postgres_database(prefix: str) -> Iterator[str]:
    """Yields the URL of a new, empty database named ``<prefix>_<random>``, dropped on exit."""
    import psycopg

    server = postgres_server()
    name = f"{prefix}_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"PostgreSQL is unreachable at {server} ({exc.__class__.__name__}): not in CI, skipped")
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        yield f"{server}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
