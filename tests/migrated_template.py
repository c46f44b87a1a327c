"""The migrated test database kept between runs (SQLite in memory only).

Migrating an empty database costs about 25 CPU seconds (Django renders the models' state after each
of the ~85 migrations), paid by every xdist worker of every run. The migrated schema is saved once
in a file named after what it is made of (the migration files, the code data migrations import, the
models' content types and permissions, Django's and SQLite's versions) and copied into each worker's
in-memory database with SQLite's backup API, in milliseconds. A change to any of those gives another
name, so a stale schema is never restored; the migrations themselves still run whenever it changes.
``BALISE_TEST_DB_CACHE`` names the folder (default: the system's temporary folder).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from tests.processes import checkout_environ, run

ROOT = Path(__file__).resolve().parent.parent
BALISE_IMPORT = re.compile(r"^\s*(?:from|import)\s+(balise(?:\.\w+)*)", re.M)


def cache_dir() -> Path:
    return Path(os.environ.get("BALISE_TEST_DB_CACHE", Path(tempfile.gettempdir()) / "balise-test-db"))


def _module_file(name: str) -> Path | None:
    parts = name.split(".")
    for candidate in (ROOT.joinpath(*parts).with_suffix(".py"), ROOT.joinpath(*parts, "__init__.py")):
        if candidate.is_file():
            return candidate
    return None


def schema_key() -> str:
    """A digest of everything the migrated database depends on."""
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256(f"{django.get_version()} {sqlite3.sqlite_version}".encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        source = Path(sys.modules[loader.disk_migrations[key].__module__].__file__ or "").read_bytes()
        digest.update(f"{key}".encode() + source)
        for name in sorted(set(BALISE_IMPORT.findall(source.decode()))):
            used = _module_file(name)  # what a data migration imports from the project
            digest.update(name.encode() + (used.read_bytes() if used else b""))
    for model in sorted(apps.get_models(include_auto_created=True), key=lambda m: m._meta.label):
        meta = model._meta  # content types and permissions are written after migrating
        digest.update(f"{meta.label} {meta.permissions} {meta.default_permissions}".encode())
        if meta.app_label not in loader.migrated_apps:  # tables made without migrations
            columns = [(f.column, f.get_internal_type(), f.null) for f in meta.local_fields]
            digest.update(repr(columns).encode())
    return digest.hexdigest()[:20]


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    # The workers of a run build it once; runs on other migrations (other worktrees) do not wait.
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _save(connection, path: Path) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    os.replace(partial, path)  # atomic: a reader sees the whole file or none


def _after_migrating(connection, name: str, serialize: bool) -> str:
    """What Django's create_test_db does once the database is migrated, for a restored one."""
    if serialize:
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    call_command("createcachetable", database=connection.alias)
    connection.ensure_connection()
    return name


def templated_create_test_db(connection) -> Callable[..., str]:
    """``connection.creation.create_test_db`` restoring the saved migrated schema when there is one."""
    creation = connection.creation
    migrate = creation.create_test_db

    def create_test_db(verbosity=1, autoclobber=False, serialize=True, keepdb=False) -> str:
        path = cache_dir() / f"migrated-{schema_key()}.sqlite3"
        with _locked(path):
            if not path.exists():
                name = migrate(verbosity, autoclobber, serialize=serialize, keepdb=keepdb)
                _save(connection, path)
                return name
        name = creation._get_test_db_name()
        creation._create_test_db(verbosity, autoclobber, keepdb)
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = name
        connection.settings_dict["NAME"] = name
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return _after_migrating(connection, name, serialize)

    return create_test_db


def templated_postgres_create_test_db(connection) -> Callable[..., str]:
    """The same on PostgreSQL: the migrated schema kept on the server as a database named after
    the digest, each worker's test database created from it (``CREATE DATABASE … TEMPLATE``)."""
    import psycopg

    creation = connection.creation
    migrate = creation.create_test_db

    def create_test_db(verbosity=1, autoclobber=False, serialize=True, keepdb=False) -> str:
        template = f"balise_migrated_{schema_key()}"
        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as admin:
            admin.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])  # workers take turns
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
            if not exists:
                name = migrate(verbosity, autoclobber, serialize=serialize, keepdb=keepdb)
                connection.close()
                admin.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
                connection.ensure_connection()
                return name
            connection.settings_dict["TEST"]["TEMPLATE"] = template
            try:
                name = creation._get_test_db_name()
                creation._create_test_db(verbosity, autoclobber, keepdb)
            finally:
                del connection.settings_dict["TEST"]["TEMPLATE"]
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = name
        connection.settings_dict["NAME"] = name
        return _after_migrating(connection, name, serialize)

    return create_test_db


def migrated_sqlite_file() -> Path:
    """A migrated SQLite file holding the reference lists, as ``balise migrate`` leaves a new
    database, for tests that run the `balise` command on a database of its own: made once by the
    command itself (named after the schema and the reference lists, kept between runs like the
    schema above), then copied by each test, instead of every test's command migrating anew."""
    reference = b"".join(p.read_bytes() for p in sorted((ROOT / "balise" / "reference").glob("*.py")))
    key = hashlib.sha256(schema_key().encode() + reference).hexdigest()[:20]
    path = cache_dir() / f"command-{key}.sqlite3"
    with _locked(path):
        if not path.exists():
            partial = path.with_name(f"{path.name}.{os.getpid()}.part")
            partial.unlink(missing_ok=True)
            env = checkout_environ(
                DATABASE_URL=f"sqlite:///{partial}", DJANGO_SETTINGS_MODULE="config.settings.dev"
            )
            run(env, "migrate", timeout=900)
            os.replace(partial, path)
    return path


def copy_of_migrated_sqlite(folder: Path, name: str = "cli.sqlite3") -> Path:
    """``folder/name``: a copy of :func:`migrated_sqlite_file` for one test's commands."""
    target = folder / name
    shutil.copyfile(migrated_sqlite_file(), target)
    return target
